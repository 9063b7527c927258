import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptsUntoleratedPods,
  amiTypeFor,
  architectureOf,
  INSTANCE_TYPE_PATTERN,
  planNodeGroup,
} from "../../../components/cluster/node-groups";
import { CLUSTER_ARGS, type NodeGroupArgs, type ResolvedNodeGroup } from "../../../components/cluster";
import { minimalArgs } from "./fixtures";

/** A node group as the production cluster resolves it: the schema fills its defaults. */
function resolved(group: NodeGroupArgs): ResolvedNodeGroup {
  const args = CLUSTER_ARGS.parse(minimalArgs({ nodeGroups: [group] }), "t", { componentName: "t" });
  return args.nodeGroups[0]!;
}
const size = fc.constantFrom("medium", "large", "xlarge", "2xlarge", "metal");
const letters = fc.stringMatching(/^[a-z]{1,3}$/);
const x86Type = fc
  .tuple(
    fc.constantFrom("m", "c", "r", "t", "i", "x", "z"),
    fc.integer({ min: 3, max: 8 }),
    fc.constantFrom("", "i", "a", "id", "in", "dn", "zn", "i-flex"),
    size,
  )
  .map(([family, generation, suffix, s]) => `${family}${generation}${suffix}.${s}`);
const gravitonType = fc
  .tuple(letters, fc.integer({ min: 4, max: 8 }), fc.constantFrom("g", "gd", "gn", "gen"), size)
  .map(([family, generation, suffix, s]) => `${family}${generation}${suffix}.${s}`);

describe("architectureOf", () => {
  it("knows common x86_64 and Graviton families", () => {
    for (const type of [
      "m6i.large",
      "t3a.medium",
      "g5.xlarge",
      "g4dn.xlarge",
      "m7i-flex.large",
      "p4d.24xlarge",
      "inf2.xlarge",
    ]) {
      expect(architectureOf(type), type).toBe("x86_64");
    }
    for (const type of [
      "m7g.large",
      "c6gn.xlarge",
      "t4g.small",
      "is4gen.large",
      "x2gd.xlarge",
      "g5g.xlarge",
      "a1.large",
    ]) {
      expect(architectureOf(type), type).toBe("arm64");
    }
  });

  it("classifies every generated family by the letter after its generation", () => {
    fc.assert(fc.property(x86Type, (type) => architectureOf(type) === "x86_64"));
    fc.assert(fc.property(gravitonType, (type) => architectureOf(type) === "arm64"));
  });
});

describe("amiTypeFor", () => {
  it("picks the AL2023 AMI of the group's single architecture", () => {
    fc.assert(
      fc.property(
        fc.array(x86Type, { minLength: 1, maxLength: 5 }),
        (types) => amiTypeFor(types) === "AL2023_x86_64_STANDARD",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(gravitonType, { minLength: 1, maxLength: 5 }),
        (types) => amiTypeFor(types) === "AL2023_ARM_64_STANDARD",
      ),
    );
  });

  it("refuses to pick an AMI for mixed architectures", () => {
    fc.assert(
      fc.property(
        fc.array(x86Type, { minLength: 1 }),
        fc.array(gravitonType, { minLength: 1 }),
        (x86, arm) => amiTypeFor([...x86, ...arm]) === undefined,
      ),
    );
  });

  it("generates only instance types the validation accepts", () => {
    fc.assert(fc.property(fc.oneof(x86Type, gravitonType), (type) => INSTANCE_TYPE_PATTERN.test(type)));
  });
});

describe("planNodeGroup", () => {
  it("fills defaults: on-demand, desired = min, the profile's update and disk settings", () => {
    expect(
      planNodeGroup(resolved({ name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4 })),
    ).toEqual({
      name: "general",
      instanceTypes: ["m6i.large"],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      minSize: 2,
      desiredSize: 2,
      maxSize: 4,
      labels: {},
      taints: [],
      maxUnavailable: 1,
      diskSizeGib: 50,
    });
  });

  it("keeps explicit values", () => {
    const plan = planNodeGroup({
      name: "batch",
      instanceTypes: ["c7g.xlarge"],
      capacityType: "SPOT",
      minSize: 0,
      desiredSize: 1,
      maxSize: 9,
      labels: { team: "data" },
      taints: [{ key: "dedicated", effect: "NO_SCHEDULE" }],
      maxUnavailable: 3,
      diskSizeGib: 80,
    });
    expect(plan).toMatchObject({
      amiType: "AL2023_ARM_64_STANDARD",
      capacityType: "SPOT",
      desiredSize: 1,
      labels: { team: "data" },
      taints: [{ key: "dedicated", effect: "NO_SCHEDULE" }],
      maxUnavailable: 3,
      diskSizeGib: 80,
    });
  });

  it("always plans a size between min and max for valid sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (min, extra) => {
        const plan = planNodeGroup(
          resolved({
            name: "g",
            instanceTypes: ["m6i.large"],
            minSize: min,
            maxSize: Math.max(1, min + extra),
          }),
        );
        return plan.minSize <= plan.desiredSize && plan.desiredSize <= plan.maxSize;
      }),
    );
  });
});

describe("acceptsUntoleratedPods", () => {
  it("is false only for NO_SCHEDULE and NO_EXECUTE taints", () => {
    expect(acceptsUntoleratedPods({})).toBe(true);
    expect(acceptsUntoleratedPods({ taints: [{ key: "a", effect: "PREFER_NO_SCHEDULE" }] })).toBe(true);
    expect(acceptsUntoleratedPods({ taints: [{ key: "a", effect: "NO_SCHEDULE" }] })).toBe(false);
    expect(acceptsUntoleratedPods({ taints: [{ key: "a", effect: "NO_EXECUTE" }] })).toBe(false);
  });
});
