import { describe, expect, it } from "vitest";
import { Network } from "../../components";
import { resolvableUrns } from "../../infra/synth/aliases";
import { run } from "../support/harness";

const args = {
  profile: "production" as const,
  cidrBlock: "10.20.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  clusterName: "infra-prod",
};

// The README's rule, proven on a real component: renaming needs `aliases`, and with one alias on
// the component every child (named after it) stays the same resource.
describe("renaming a component", () => {
  it("with an alias keeps every resource of the old name resolvable: nothing is replaced", async () => {
    const before = await run(() => new Network("prod", args), { stack: "prod" });
    const after = await run(() => new Network("prod-network", args, { aliases: [{ name: "prod" }] }), {
      stack: "prod",
    });

    expect(after.urns().filter((urn) => before.urns().includes(urn))).toEqual([
      "urn:pulumi:prod::infra::pulumi:pulumi:Stack::infra-prod",
    ]);
    const resolvable = resolvableUrns(after.resources);
    const lost = before.resources.filter((r) => resolvable.get(r.urn)?.type !== r.type).map((r) => r.urn);
    expect(lost).toEqual([]);
    expect(before.resources.length).toBeGreaterThan(40);
  });

  it("without an alias would replace the whole network", async () => {
    const before = await run(() => new Network("prod", args), { stack: "prod" });
    const after = await run(() => new Network("prod-network", args), { stack: "prod" });
    const resolvable = resolvableUrns(after.resources);
    const lost = before.resources.filter((r) => !resolvable.has(r.urn));
    expect(lost.map((r) => r.type)).toEqual(
      expect.arrayContaining(["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway"]),
    );
  });
});
