import { describe, expect, it } from "vitest";
import { resolvableUrns } from "../../infra/synth/aliases";
import { synthesizeStack } from "../support/stack-synth";
import { committedUrns, legacyUrns, stacks } from "./urn-snapshot";

// A changed URN is a delete and a create in `pulumi up`: a replaced VPC, cluster or database.
// Any change here must be deliberate: rename with `aliases`, then `npm run urns:update`.
describe("stack identities", () => {
  it.each(stacks())("the %s stack keeps the URNs recorded in tests/stacks/urns/", async (stack) => {
    const current = (await synthesizeStack(stack)).resources.map((r) => r.urn);
    const committed = committedUrns(stack);
    const added = current.filter((urn) => !committed.includes(urn));
    const removed = committed.filter((urn) => !current.includes(urn));
    expect(
      { added, removed },
      "URNs changed: add aliases for renamed resources, then run `npm run urns:update` if the change is deliberate",
    ).toEqual({ added: [], removed: [] });
  });
});

/** Each component's type token before and after the move to the package's. */
const RETYPED: Readonly<Record<string, string>> = {
  "infra:network:Network": "infra:index:Network",
  "infra:cluster:Cluster": "infra:index:Cluster",
  "infra:database:Postgres": "infra:index:Postgres",
  "infra:observability:Observability": "infra:index:Observability",
  "infra:observability:LogsKey": "infra:index:LogsKey",
  "infra:workload:AutoscaledService": "infra:index:AutoscaledService",
  "infra:delivery:GithubOidc": "infra:index:GithubOidc",
  "infra:delivery:DeployRunner": "infra:index:DeployRunner",
};

/**
 * Resources deliberately deleted since the legacy snapshot, by logical name (after the stack name),
 * each with why: they are gone, not renamed, so no alias can or should answer for them.
 */
const DELETED: Readonly<Record<string, string>> = {
  // Nothing scales the system node group any more (Karpenter adds nodes), so the alarm could never
  // fire; Karpenter's own alerts replace it (docs/decisions/0005-karpenter.md).
  "node-group-general-at-max": "the node group at max size alarm",
  // Its `ssm:GetParameter*` on every parameter was in reach of any pod that got the node role;
  // Session Manager is now opt-in and scoped (`nodeSessionManager`).
  "node-AmazonSSMManagedInstanceCore": "the nodes' AmazonSSMManagedInstanceCore attachment",
};

// The components moved to the package's type tokens (`infra:index:Network`, for other languages);
// `urns/legacy/` holds every URN from before, which must still name the same resource.
describe("identities from before the package type tokens", () => {
  it.each(stacks())(
    "every earlier URN of the %s stack resolves to the same resource through an alias",
    async (stack) => {
      const { resources } = await synthesizeStack(stack);
      const resolvable = resolvableUrns(resources);
      const legacy = legacyUrns(stack).filter(
        (urn) => !Object.keys(DELETED).some((name) => urn.endsWith(`::${stack}-${name}`)),
      );
      const lost = legacy.filter((urn) => {
        const type = urn.split("::")[2]!.split("$").pop()!;
        return resolvable.get(urn)?.type !== (RETYPED[type] ?? type);
      });
      expect(legacy.length).toBeGreaterThan(100);
      expect(lost, "earlier URNs no resource answers to: the whole resource would be replaced").toEqual([]);
    },
  );
});
