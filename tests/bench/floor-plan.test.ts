import { describe, expect, it } from "vitest";
import { floorPlan } from "../../bench/floor-plan";
import type { SynthResource } from "../../infra/synth/model";

const STACK = "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev";

function resource(partial: Partial<SynthResource> & Pick<SynthResource, "type" | "name">): SynthResource {
  return {
    urn: `urn:pulumi:dev::infra::${partial.type}::${partial.name}`,
    parent: STACK,
    custom: true,
    provider: null,
    inputs: {},
    options: {},
    dependencies: [],
    ...partial,
  };
}

const provider = resource({ type: "pulumi:providers:kubernetes", name: "dev-k8s", urn: "urn:k8s-provider" });
const recorded: SynthResource[] = [
  resource({ type: "pulumi:pulumi:Stack", name: "infra-dev", urn: STACK, parent: null, custom: false }),
  resource({ type: "infra:network:Network", name: "dev", custom: false }),
  resource({ type: "aws:ec2/vpc:Vpc", name: "dev-vpc", inputs: { cidrBlock: "10.10.0.0/16" } }),
  resource({
    type: "kubernetes:core/v1:Namespace",
    name: "api",
    urn: "urn:ns-a",
    provider: "urn:k8s-provider",
  }),
  resource({
    type: "kubernetes:core/v1:Namespace",
    name: "api",
    urn: "urn:ns-b",
    provider: "urn:k8s-provider",
  }),
  resource({ type: "aws:kms/key:Key", name: "api" }),
  provider,
];

describe("floorPlan", () => {
  const plan = floorPlan(recorded);

  it("keeps the custom resources only, providers first", () => {
    expect(plan.map((e) => e.type)).toEqual([
      "pulumi:providers:kubernetes",
      "aws:ec2/vpc:Vpc",
      "kubernetes:core/v1:Namespace",
      "kubernetes:core/v1:Namespace",
      "aws:kms/key:Key",
    ]);
  });

  it("keeps the recorded names and inputs", () => {
    expect(plan[1]).toEqual({
      type: "aws:ec2/vpc:Vpc",
      name: "dev-vpc",
      inputs: { cidrBlock: "10.10.0.0/16" },
    });
  });

  it("renames a resource whose type and name another already took once flat", () => {
    expect(plan.filter((e) => e.type === "kubernetes:core/v1:Namespace").map((e) => e.name)).toEqual([
      "api",
      "api-2",
    ]);
    expect(plan.find((e) => e.type === "aws:kms/key:Key")?.name).toBe("api");
  });

  it("points resources at their explicit provider by its floor name", () => {
    expect(plan.filter((e) => e.provider !== undefined).map((e) => [e.name, e.provider])).toEqual([
      ["api", "dev-k8s"],
      ["api-2", "dev-k8s"],
    ]);
    expect(plan[1]).not.toHaveProperty("provider");
  });
});
