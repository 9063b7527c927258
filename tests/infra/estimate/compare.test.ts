import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PRICES } from "../../../infra/cost/prices";
import { DURATIONS } from "../../../infra/deploy-time/durations";
import { readSynthOutput } from "../../../infra/estimate/command";
import { compareEstimates } from "../../../infra/estimate/compare";
import { estimateStack } from "../../../infra/estimate/estimate";
import { renderComparisonMarkdown, renderEstimate } from "../../../infra/estimate/render";
import type { SynthResource } from "../../../infra/synth/model";

// Priced from the shipped table in us-east-1 (Karpenter's generated list: m6i.large 0.096 USD/h;
// NAT gateway 0.045 USD/h; public IPv4 0.005 USD/h), so these cases also pin what the table says.
function res(
  name: string,
  type: string,
  inputs: Record<string, unknown> = {},
  dependencies: string[] = [],
): SynthResource {
  return {
    urn: `urn:pulumi:prod::infra::${type}::${name}`,
    type,
    name,
    parent: null,
    custom: true,
    provider: null,
    inputs,
    options: {},
    dependencies,
  };
}
const cluster = res("eks", "aws:eks/cluster:Cluster", {
  version: "1.35",
  upgradePolicy: { supportType: "STANDARD" },
});
const nodes = (desired: number) =>
  res(
    "general",
    "aws:eks/nodeGroup:NodeGroup",
    { instanceTypes: ["m6i.large"], scalingConfig: { minSize: 2, desiredSize: desired, maxSize: 6 } },
    [cluster.urn],
  );
const nat = (zone: string) => [
  res(`nat-${zone}`, "aws:ec2/natGateway:NatGateway"),
  res(`nat-${zone}-eip`, "aws:ec2/eip:Eip", { domain: "vpc" }),
];
const tables = { prices: PRICES, durations: DURATIONS };

describe("compareEstimates", () => {
  const base = estimateStack("prod", "us-east-1", [cluster, nodes(2), ...nat("a")], tables);
  const head = estimateStack("prod", "us-east-1", [cluster, nodes(3), ...nat("a"), ...nat("b")], tables);
  const comparison = compareEstimates(base, head);

  it("states what a change adds in money: one more node and one more NAT gateway with its address", () => {
    // Node: 0.096 × 730 = 70.08. NAT: 0.045 × 730 = 32.85. IPv4: 0.005 × 730 = 3.65.
    // Control plane 73 + 2 nodes 140.16 + NAT 32.85 + IPv4 3.65.
    expect(base.cost.totals.monthly).toBe(249.66);
    expect(comparison.monthly.change).toBe(106.58);
    // The ceiling (max size 6) does not move with the desired size; the new NAT adds to it.
    expect(comparison.ceiling.change).toBe(36.5);
    expect(comparison.lines.map((l) => [l.status, l.name])).toEqual([
      ["changed", "general"],
      ["added", "nat-b"],
      ["added", "nat-b-eip"],
    ]);
    expect(comparison.lines[0]).toMatchObject({ base: 140.16, head: 210.24 });
  });

  it("states what it saves, with the sign turned", () => {
    const back = compareEstimates(head, base);
    expect(back.monthly.change).toBe(-106.58);
    expect(back.lines.filter((l) => l.status === "removed").map((l) => l.name)).toEqual([
      "nat-b",
      "nat-b-eip",
    ]);
    expect(renderComparisonMarkdown(back)).toContain(
      "| monthly list price (USD) | 356.24 | 249.66 | -106.58 |",
    );
  });

  it("states the minutes a change adds to a fresh up and whether the critical path moved", () => {
    expect(comparison.deployMinutes).toEqual({
      base: head.deploy.minutes,
      head: head.deploy.minutes,
      change: 0,
    });
    const db = res("db", "aws:rds/instance:Instance", {
      instanceClass: "db.t4g.micro",
      multiAz: true,
      allocatedStorage: 20,
      storageType: "gp3",
    });
    const withDb = compareEstimates(
      base,
      estimateStack("prod", "us-east-1", [cluster, nodes(2), ...nat("a"), db], tables),
    );
    // EKS cluster 15 + node group 5 = 20 before; a multi-AZ database alone takes 20 (both from durations.json).
    expect(withDb.deployMinutes.base).toBe(20);
    expect(withDb.deployMinutes.head).toBe(20);
    // db.t4g.micro 0.016 × 730 × 2 = 23.36; gp3 20 GB × 0.115 × 2 = 4.60.
    expect(withDb.monthly.change).toBe(27.96);
  });

  it("names a wait the change puts on the critical path that no ordering need explains", () => {
    const alarm = res("db-cpu", "aws:cloudwatch/metricAlarm:MetricAlarm");
    const db = res("db", "aws:rds/instance:Instance", { instanceClass: "db.t4g.micro", multiAz: true });
    const waitingNodes = (...dependsOn: string[]) => ({
      ...nodes(2),
      options: { dependsOn },
      dependencies: [cluster.urn, ...dependsOn],
    });
    const before = estimateStack("prod", "us-east-1", [cluster, nodes(2), db, alarm], tables);
    // The node group made to wait for a database alarm: 20 + 0.5 + 5 after the database's own 20.
    const serialized = compareEstimates(
      before,
      estimateStack(
        "prod",
        "us-east-1",
        [cluster, waitingNodes(alarm.urn), db, { ...alarm, dependencies: [db.urn] }],
        tables,
      ),
    );
    expect(serialized.deployMinutes).toEqual({ base: 20, head: 25.5, change: 5.5 });
    expect(serialized.newFalseWaits).toEqual(["general waits for db-cpu"]);
    expect(renderComparisonMarkdown(serialized)).toContain(
      "no ordering need explains (false serialization): general waits for db-cpu",
    );
    // A wait a need explains (the node role's permissions) is no false wait.
    const permissions = res("node-policy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    const needed = compareEstimates(
      before,
      estimateStack(
        "prod",
        "us-east-1",
        [cluster, waitingNodes(permissions.urn), db, alarm, permissions],
        tables,
      ),
    );
    expect(needed.newFalseWaits).toEqual([]);
    expect(comparison.newFalseWaits).toEqual([]);
  });

  it("names new unpriced items instead of letting a total hide them", () => {
    const db = res("db", "aws:rds/instance:Instance", {
      instanceClass: "db.x9.huge",
      allocatedStorage: 10,
      storageType: "gp3",
    });
    const withUnpriced = compareEstimates(
      base,
      estimateStack("prod", "us-east-1", [cluster, nodes(2), ...nat("a"), db], tables),
    );
    expect(withUnpriced.newlyUnpriced).toEqual([expect.stringContaining("db.x9.huge")]);
    expect(renderComparisonMarkdown(withUnpriced)).toContain("without a verified price");
  });

  it("shows a removed item even when it had no price, so a saving without a number is not lost", () => {
    // A table without a NAT gateway price in the region (whatever the shipped table holds); the
    // public IPv4 price is region-independent.
    const region = PRICES.regions["eu-central-1"]!;
    const items = Object.fromEntries(
      Object.entries(region.items).filter(([key]) => !key.startsWith("vpc.natGateway")),
    );
    const noNat = {
      ...tables,
      prices: { ...PRICES, regions: { ...PRICES.regions, "eu-central-1": { ...region, items } } },
    };
    const perZone = estimateStack("prod", "eu-central-1", [...nat("a"), ...nat("b")], noNat);
    const single = estimateStack("prod", "eu-central-1", nat("a"), noNat);
    const change = compareEstimates(perZone, single);
    expect(change.monthly.change).toBe(-3.65);
    expect(change.lines).toEqual([
      { name: "nat-b", item: "NAT gateway", base: "unpriced", head: null, status: "removed" },
      { name: "nat-b-eip", item: "public IPv4 address", base: 3.65, head: null, status: "removed" },
    ]);
    expect(renderComparisonMarkdown(change)).toContain("| nat-b | NAT gateway | unpriced | - |");
  });

  it("prints unpriced lines as unpriced in the table, not as an amount", () => {
    // A table without EC2 prices in the region, so the node group has none (whatever the shipped table holds).
    const region = PRICES.regions["eu-central-1"]!;
    const noEc2 = { ...PRICES, regions: { ...PRICES.regions, "eu-central-1": { ...region, ec2: {} } } };
    const text = renderEstimate(
      estimateStack("prod", "eu-central-1", [nodes(2)], { ...tables, prices: noEc2 }),
    );
    expect(text).toMatch(/EC2 m6i\.large × 2 \(min 2, max 6\)\s+unpriced/);
    expect(text).toContain("not in the total: 1 unpriced item(s)");
  });
});

describe("readSynthOutput", () => {
  it("says how to produce a missing output, and refuses one without dependency edges", () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-output-"));
    expect(() => readSynthOutput(dir, "dev")).toThrow(
      `${join(dir, "dev", "resources.json")} not found: write it with \`infra synth dev --out ${dir}\``,
    );
    mkdirSync(join(dir, "dev"));
    const old = { ...res("vpc", "aws:ec2/vpc:Vpc"), dependencies: undefined };
    writeFileSync(join(dir, "dev", "resources.json"), JSON.stringify([old]));
    expect(() => readSynthOutput(dir, "dev")).toThrow(/no dependency edges \(written by an older synth\)/);
    writeFileSync(join(dir, "dev", "resources.json"), JSON.stringify([res("vpc", "aws:ec2/vpc:Vpc")]));
    expect(readSynthOutput(dir, "dev")).toHaveLength(1);
  });
});
