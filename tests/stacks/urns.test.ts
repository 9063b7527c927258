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
 * Resources deleted on purpose since those URNs were recorded (deleted, not replaced), with why.
 * Nodes lost AmazonSSMManagedInstanceCore: its `ssm:GetParameter*` on every parameter was in reach
 * of any pod that got the node role; Session Manager is now opt-in and scoped (`nodeSessionManager`).
 */
const DELIBERATELY_REMOVED: readonly RegExp[] = [
  /\$aws:iam\/rolePolicyAttachment:RolePolicyAttachment::[\w-]+-node-AmazonSSMManagedInstanceCore$/,
];

// The components moved to the package's type tokens (`infra:index:Network`, for other languages);
// `urns/legacy/` holds every URN from before, which must still name the same resource.
describe("identities from before the package type tokens", () => {
  it.each(stacks())(
    "every earlier URN of the %s stack resolves to the same resource through an alias",
    async (stack) => {
      const { resources } = await synthesizeStack(stack);
      const resolvable = resolvableUrns(resources);
      const legacy = legacyUrns(stack);
      const lost = legacy.filter((urn) => {
        if (DELIBERATELY_REMOVED.some((pattern) => pattern.test(urn))) return false;
        const type = urn.split("::")[2]!.split("$").pop()!;
        return resolvable.get(urn)?.type !== (RETYPED[type] ?? type);
      });
      expect(legacy.length).toBeGreaterThan(100);
      expect(lost, "earlier URNs no resource answers to: the whole resource would be replaced").toEqual([]);
    },
  );
});
