import { describe, expect, it } from "vitest";
import { estimateDeploy, longestPath } from "../../../infra/deploy-time/critical-path";
import { createDuration } from "../../../infra/deploy-time/durations";
import { synthResource, testDurationTable } from "../../support/synth-resource";

describe("longestPath", () => {
  // vpc(1) → subnet(1) → cluster(15) → nodes(5) → addon(2) → release(5)   = 29
  // vpc(1) → subnet(1) → db(20)                                          = 22
  // key(1) → log(1) → cluster                                            (shorter start into the cluster)
  const graph = [
    { id: "vpc", minutes: 1, waitsFor: [] },
    { id: "subnet", minutes: 1, waitsFor: ["vpc"] },
    { id: "key", minutes: 1, waitsFor: [] },
    { id: "log", minutes: 1, waitsFor: ["key"] },
    { id: "cluster", minutes: 15, waitsFor: ["subnet", "log"] },
    { id: "nodes", minutes: 5, waitsFor: ["cluster", "subnet"] },
    { id: "addon", minutes: 2, waitsFor: ["nodes"] },
    { id: "release", minutes: 5, waitsFor: ["addon"] },
    { id: "db", minutes: 20, waitsFor: ["subnet"] },
    { id: "alarm", minutes: 0.5, waitsFor: ["db"] },
  ];

  it("is the chain with the largest sum of durations, named first to last", () => {
    const result = longestPath(graph);
    expect(result.minutes).toBe(29);
    // Ties between equally long ways into the cluster go to the smaller id ("log" < "subnet").
    expect(result.path).toEqual(["key", "log", "cluster", "nodes", "addon", "release"]);
    expect(result.finish.get("db")).toBe(22);
    expect(result.finish.get("alarm")).toBe(22.5);
  });

  it("follows a longer branch when one appears", () => {
    const slowDb = graph.map((s) => (s.id === "db" ? { ...s, minutes: 30 } : s));
    const result = longestPath(slowDb);
    expect(result.minutes).toBe(32.5);
    expect(result.path).toEqual(["vpc", "subnet", "db", "alarm"]);
  });

  it("shows what a false wait costs: an alarm in front of the release adds its whole chain", () => {
    const serialized = graph.map((s) => (s.id === "release" ? { ...s, waitsFor: ["addon", "alarm"] } : s));
    expect(longestPath(serialized).minutes).toBe(29);
    const slowDb = serialized.map((s) => (s.id === "db" ? { ...s, minutes: 30 } : s));
    // db 32 + alarm 0.5 + release 5.
    expect(longestPath(slowDb).minutes).toBe(37.5);
    expect(longestPath(slowDb).path).toEqual(["vpc", "subnet", "db", "alarm", "release"]);
  });

  it("ignores waits on unknown steps and rejects a cycle", () => {
    expect(longestPath([{ id: "a", minutes: 2, waitsFor: ["gone"] }]).minutes).toBe(2);
    expect(() =>
      longestPath([
        { id: "a", minutes: 1, waitsFor: ["b"] },
        { id: "b", minutes: 1, waitsFor: ["a"] },
      ]),
    ).toThrow(/cycle/);
  });
});

const TABLE = testDurationTable({
  "aws:rds/instance:Instance": {
    minutes: 10,
    basis: "reported",
    source: "s",
    byInput: { multiAz: { true: { minutes: 20, basis: "reported", source: "s" } } },
  },
  "aws:eks/nodeGroup:NodeGroup": { minutes: 5, basis: "assumed", note: "no figure" },
});

const res = synthResource;

describe("estimateDeploy", () => {
  it("picks a duration by input value, falls back to the default, and gives components none", () => {
    expect(
      createDuration(res("db", "aws:rds/instance:Instance", { inputs: { multiAz: true } }), TABLE).minutes,
    ).toBe(20);
    expect(
      createDuration(res("db", "aws:rds/instance:Instance", { inputs: { multiAz: false } }), TABLE).minutes,
    ).toBe(10);
    expect(createDuration(res("x", "aws:iam/role:Role"), TABLE)).toMatchObject({
      minutes: 0.5,
      basis: "reported",
    });
    expect(createDuration(res("c", "infra:x:Thing", { custom: false }), TABLE).minutes).toBe(0);
  });

  it("walks dependency edges, explicit providers and custom parents, but not components", () => {
    const component = res("comp", "infra:x:Thing", { custom: false });
    const provider = res("k8s", "pulumi:providers:kubernetes", { dependencies: ["urn:nodes"] });
    const resources = [
      component,
      res("subnet", "aws:ec2/subnet:Subnet"),
      res("nodes", "aws:eks/nodeGroup:NodeGroup", { dependencies: ["urn:subnet"] }),
      provider,
      // Waits for the nodes only through its provider.
      res("ns", "kubernetes:core/v1:Namespace", { provider: provider.urn, parent: component.urn }),
      res("db", "aws:rds/instance:Instance", { inputs: { multiAz: true }, dependencies: ["urn:subnet"] }),
    ];
    const result = estimateDeploy(resources, TABLE);
    expect(result.minutes).toBe(20.5);
    expect(result.criticalPath.map((s) => s.name)).toEqual(["subnet", "db"]);
    // Make the nodes slow: the namespace, which waits for them only through its provider, now ends last.
    const slowNodes = estimateDeploy(
      resources.map((r) =>
        r.name === "nodes" ? { ...r, type: "aws:rds/instance:Instance", inputs: { multiAz: true } } : r,
      ),
      TABLE,
    );
    expect(slowNodes.minutes).toBe(21.5);
    expect(slowNodes.criticalPath.map((s) => s.name)).toEqual(["subnet", "nodes", "k8s", "ns"]);
    expect(result.defaulted).toContain("kubernetes:core/v1:Namespace");
  });
});
