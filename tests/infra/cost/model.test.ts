import { describe, expect, it } from "vitest";
import { estimateCost, type CostLine } from "../../../infra/cost/model";
import { PriceTableSchema, type PriceTable } from "../../../infra/cost/prices";
import type { SynthResource } from "../../../infra/synth/model";

/** A small price table with round numbers, so every expected amount below is computed by hand. */
const PRICES: PriceTable = PriceTableSchema.parse({
  consulted: "2026-11-30",
  currency: "USD",
  hoursPerMonth: 730,
  about: "test table",
  sources: { test: { title: "hand-made", url: "https://example.com/prices", asOf: "2026-11-30" } },
  global: {
    "eks.clusterHour.standard": { price: 0.1, unit: "cluster-hour", source: "test" },
    "eks.clusterHour.extended": { price: 0.6, unit: "cluster-hour", source: "test" },
    "vpc.publicIpv4Hour": { price: 0.005, unit: "address-hour", source: "test" },
    "kms.keyMonth": { price: 1, unit: "key-month", source: "test" },
    "secretsManager.secretMonth": { price: 0.4, unit: "secret-month", source: "test" },
  },
  regions: {
    "xx-test-1": {
      ec2: {
        "m.large": { hourly: 0.1, vcpus: 2, source: "test" },
        "m.xlarge": { hourly: 0.2, vcpus: 4, source: "test" },
        "c.large": { hourly: 0.09, vcpus: 2, source: "test" },
      },
      rds: { "db.m.large": { hourly: 0.2, source: "test" } },
      items: {
        "vpc.natGatewayHour": { price: 0.05, unit: "gateway-hour", source: "test" },
        "vpc.natGatewayGb": { price: 0.05, unit: "GB processed", source: "test" },
        "vpc.interfaceEndpointHour": { price: 0.01, unit: "endpoint-hour per AZ", source: "test" },
        "ebs.gp3GbMonth": { price: 0.08, unit: "GB-month", source: "test" },
        "rds.gp3GbMonth": { price: 0.1, unit: "GB-month", source: "test" },
        "cloudwatch.logsIngestGb": { price: 0.5, unit: "GB ingested", source: "test" },
      },
    },
  },
  unverified: [],
});
const REGION = "xx-test-1";

let serial = 0;
function res(
  type: string,
  inputs: Record<string, unknown> = {},
  extra: Partial<SynthResource> = {},
): SynthResource {
  serial += 1;
  const name = extra.name ?? `r${serial}`;
  return {
    urn: `urn:pulumi:test::infra::${type}::${name}`,
    type,
    name,
    parent: "urn:pulumi:test::infra::pulumi:pulumi:Stack::infra-test",
    custom: true,
    provider: null,
    inputs,
    options: {},
    dependencies: [],
    ...extra,
  };
}
const estimate = (resources: SynthResource[], region = REGION, asOf?: string) =>
  estimateCost(resources, { region, prices: PRICES, ...(asOf ? { asOf } : {}) });
const priced = (lines: CostLine[]) => lines.filter((l) => l.status === "priced");

function network(nat: "single" | "perAz", zones: number): SynthResource[] {
  const count = nat === "single" ? 1 : zones;
  return Array.from({ length: count }, (_, i) => [
    res("aws:ec2/natGateway:NatGateway", {}, { name: `nat-${i}` }),
    res("aws:ec2/eip:Eip", { domain: "vpc" }, { name: `nat-${i}-eip` }),
  ]).flat();
}

describe("estimateCost", () => {
  it("prices one NAT gateway and its address for a single NAT, one per zone for perAz", () => {
    // NAT: 0.05 × 730 = 36.50; IPv4: 0.005 × 730 = 3.65; per gateway 40.15.
    expect(estimate(network("single", 3)).totals.monthly).toBe(40.15);
    expect(estimate(network("perAz", 3)).totals.monthly).toBe(120.45);
    // Data processing is a rate, never an amount.
    const dataLines = estimate(network("perAz", 3)).lines.filter((l) => l.item.includes("data processed"));
    expect(dataLines).toHaveLength(3);
    for (const line of dataLines) {
      expect(line).toMatchObject({
        status: "usage",
        monthly: null,
        rate: { price: 0.05, unit: "GB processed" },
      });
    }
  });

  it("doubles instance and storage for a multi-AZ database, and bounds storage by its autoscaling limit", () => {
    const single = res("aws:rds/instance:Instance", {
      instanceClass: "db.m.large",
      multiAz: false,
      allocatedStorage: 100,
      storageType: "gp3",
    });
    const multi = res("aws:rds/instance:Instance", {
      instanceClass: "db.m.large",
      multiAz: true,
      allocatedStorage: 100,
      maxAllocatedStorage: 400,
      storageType: "gp3",
    });
    // 0.2 × 730 = 146 per instance; storage 100 GB × 0.1 = 10 per copy.
    expect(estimate([single]).totals).toEqual({ monthly: 156, minimum: 156, ceiling: 156 });
    // Multi-AZ: 292 + 20; ceiling storage 400 GB × 2 copies × 0.1 = 80.
    expect(estimate([multi]).totals).toEqual({ monthly: 312, minimum: 312, ceiling: 372 });
  });

  it("counts Performance Insights within 7 days as free and beyond as unpriced, never as zero", () => {
    const db = (days: number) =>
      res("aws:rds/instance:Instance", {
        instanceClass: "db.m.large",
        allocatedStorage: 20,
        storageType: "gp3",
        performanceInsightsEnabled: true,
        performanceInsightsRetentionPeriod: days,
      });
    const withinFreeTier = estimate([db(7)]).lines.find((l) => l.item.startsWith("Performance Insights"));
    expect(withinFreeTier?.status).toBe("free");
    const beyond = estimate([db(31)]);
    expect(beyond.lines.find((l) => l.item.startsWith("Performance Insights"))?.status).toBe("unpriced");
    expect(beyond.unpriced).toHaveLength(1);
  });

  it("lists an instance class or type without a price as unpriced and leaves it out of the total", () => {
    const db = res("aws:rds/instance:Instance", {
      instanceClass: "db.x9.huge",
      allocatedStorage: 10,
      storageType: "gp3",
    });
    const group = res("aws:eks/nodeGroup:NodeGroup", {
      instanceTypes: ["z.large"],
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 1 },
    });
    const result = estimate([db, group]);
    const unpricedLines = result.lines.filter((l) => l.status === "unpriced");
    expect(unpricedLines.map((l) => l.item)).toEqual([
      expect.stringContaining("db.x9.huge"),
      expect.stringContaining("z.large"),
    ]);
    for (const line of unpricedLines) expect(line.monthly).toBeNull();
    // Only the priced storage (10 GB × 0.1) is in the total.
    expect(result.totals.monthly).toBe(1);
    expect(result.unpriced).toHaveLength(2);
  });

  it("prices a node group at its desired size, with its minimum and maximum, plus its root volumes", () => {
    const template = res("aws:ec2/launchTemplate:LaunchTemplate", {
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3" } }],
    });
    const group = res(
      "aws:eks/nodeGroup:NodeGroup",
      {
        instanceTypes: ["m.large", "m.xlarge"],
        capacityType: "ON_DEMAND",
        scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 6 },
      },
      { dependencies: [template.urn] },
    );
    const lines = priced(estimate([template, group]).lines);
    // On-demand launches the first listed type: 0.1 × 730 = 73 per node.
    expect(lines[0]).toMatchObject({ monthly: 219, minimum: 146, ceiling: 438 });
    // 50 GB × 0.08 = 4 per node.
    expect(lines[1]).toMatchObject({ monthly: 12, minimum: 8, ceiling: 24 });
  });

  it("shows Spot capacity at the dearest listed on-demand price, as an upper bound", () => {
    const group = res("aws:eks/nodeGroup:NodeGroup", {
      instanceTypes: ["m.large", "m.xlarge"],
      capacityType: "SPOT",
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 2 },
    });
    const [line] = estimate([group]).lines;
    // m.xlarge: 0.2 × 730 = 146.
    expect(line).toMatchObject({ status: "priced", monthly: 146, ceiling: 292 });
    expect(line?.note).toMatch(/upper bound/);
  });

  it("prices the EKS control plane at the extended rate only once the version left standard support", () => {
    const cluster = (supportType: string) =>
      res("aws:eks/cluster:Cluster", { version: "1.35", upgradePolicy: { supportType } });
    expect(estimate([cluster("EXTENDED")], REGION, "2027-03-27").totals.monthly).toBe(73);
    // The day after standard support ends (1.35: 2027-03-27): 0.6 × 730 = 438.
    expect(estimate([cluster("EXTENDED")], REGION, "2027-03-28").totals.monthly).toBe(438);
    // STANDARD support type: EKS upgrades the cluster instead of charging extended support.
    expect(estimate([cluster("STANDARD")], REGION, "2027-03-28").totals.monthly).toBe(73);
  });

  it("prices an interface endpoint per zone and a gateway endpoint as free", () => {
    const endpoint = res("aws:ec2/vpcEndpoint:VpcEndpoint", {
      vpcEndpointType: "Interface",
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    });
    const gateway = res("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" });
    const result = estimate([endpoint, gateway]);
    // 3 zones × 0.01 × 730 = 21.90.
    expect(result.totals.monthly).toBe(21.9);
    expect(result.lines.find((l) => l.urn === gateway.urn)?.status).toBe("free");
  });

  it("uses a Karpenter NodePool's cpu limit at the dearest allowed type's per-vCPU price as the ceiling", () => {
    const pool = res("kubernetes:karpenter.sh/v1:NodePool", {
      apiVersion: "karpenter.sh/v1",
      kind: "NodePool",
      spec: {
        limits: { cpu: "100", memory: "400Gi" },
        template: {
          spec: {
            requirements: [
              { key: "node.kubernetes.io/instance-type", operator: "In", values: ["c.large", "m.xlarge"] },
              { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot", "on-demand"] },
            ],
          },
        },
      },
    });
    const [line] = estimate([pool]).lines;
    // Per vCPU: c.large 0.045, m.xlarge 0.05 → 100 × 0.05 × 730 = 3650.
    expect(line).toMatchObject({ status: "priced", monthly: 0, minimum: 0, ceiling: 3650 });
    const open = res("kubernetes:karpenter.sh/v1:NodePool", {
      spec: { template: { spec: { requirements: [] } } },
    });
    expect(estimate([open]).lines[0]?.status).toBe("unpriced");
  });

  it("prices a NodePool that names instance categories at the dearest allowed priced type, by category, generation and architecture", () => {
    const prices: PriceTable = {
      ...PRICES,
      regions: {
        [REGION]: {
          ...PRICES.regions[REGION]!,
          ec2: {
            "m6i.large": { hourly: 0.12, vcpus: 2, source: "test" },
            "c7i.large": { hourly: 0.09, vcpus: 2, source: "test" },
            "m4.large": { hourly: 0.3, vcpus: 2, source: "test" },
            "r6i.large": { hourly: 0.16, vcpus: 2, source: "test" },
            "m7g.large": { hourly: 0.1, vcpus: 2, source: "test" },
          },
        },
      },
    };
    const pool = (architecture: string, categories: string[]) =>
      res("kubernetes:karpenter.sh/v1:NodePool", {
        spec: {
          limits: { cpu: "10", memory: "40Gi" },
          template: {
            spec: {
              requirements: [
                { key: "kubernetes.io/arch", operator: "In", values: [architecture] },
                { key: "karpenter.k8s.aws/instance-category", operator: "In", values: categories },
                { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["4"] },
              ],
            },
          },
        },
      });
    const line = (p: SynthResource) => estimateCost([p], { region: REGION, prices }).lines[0]!;
    // m6i.large 0.06 per vCPU is the dearest of c and m, generation 5 and newer, x86 (m4 is too old,
    // r not allowed, m7g is Graviton): 10 × 0.06 × 730 = 438.
    expect(line(pool("amd64", ["c", "m"]))).toMatchObject({ status: "priced", monthly: 0, ceiling: 438 });
    expect(line(pool("amd64", ["c", "m"])).note).toContain("m6i.large");
    // Graviton: m7g.large only, 10 × 0.05 × 730 = 365.
    expect(line(pool("arm64", ["c", "m"])).ceiling).toBe(365);
    expect(line(pool("amd64", ["x"]))).toMatchObject({ status: "unpriced" });
  });

  it("counts KMS keys and secrets per month, and reports unknown AWS types as not modelled", () => {
    const result = estimate([
      res("aws:kms/key:Key"),
      res("aws:kms/key:Key"),
      res("aws:secretsmanager/secret:Secret"),
      res("aws:elasticache/cluster:Cluster"),
      res("aws:iam/role:Role"),
    ]);
    expect(result.totals.monthly).toBe(2.4);
    expect(result.notModelled).toEqual(["aws:elasticache/cluster:Cluster"]);
  });

  it("reports an item the region's table lacks as unpriced rather than borrowing another region's price", () => {
    const result = estimate(network("single", 2), "yy-other-1");
    // The public IPv4 price is region-independent; the NAT gateway's is not.
    expect(result.totals.monthly).toBe(3.65);
    expect(result.unpriced).toEqual([expect.stringContaining("NAT gateway")]);
  });
});
