import fc from "fast-check";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  allocatable,
  INSTANCE_TYPES,
  maxPods,
  NODE_POOL_USABLE_SHARE,
  planCapacity,
  planNodePool,
  reservedCpuMilli,
  weakestNode,
  type CapacityPool,
  type Workload,
} from "../../../stacks/preflight";

/** The shared reference data sits beside the repository (or beside the worktree that holds it). */
const root = resolve(__dirname, "../../..");
const reference = ["..", "../.."]
  .map((up) => join(root, up, "shared/reference/eks-instance-info/instance-info.jsonl"))
  .find((path) => existsSync(path));
const table = (() => {
  try {
    return readFileSync(reference!, "utf8")
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as {
            instanceType: string;
            defaultMaxENIs: number;
            ipv4AddressesPerInterface: number;
          },
      );
  } catch {
    return undefined;
  }
})();

const pod = (cpuMilli: number, memoryMib: number) => ({ pods: 1, cpuMilli, memoryMib });
const info = (type: string) => INSTANCE_TYPES[type]!;

describe("pods per node", () => {
  it("follows EKS's ENIs × (IPs − 1) + 2: 8 on m6g.medium and m7g.medium, 29 on m6i.large, 35 on t3.large", () => {
    expect(maxPods(info("m6g.medium"))).toBe(8);
    expect(maxPods(info("m7g.medium"))).toBe(8);
    expect(maxPods(info("m6i.large"))).toBe(29);
    expect(maxPods(info("t3.large"))).toBe(35);
  });

  it("with prefix delegation, 16 addresses per slot up to EKS's 110 below 30 vCPUs", () => {
    expect(maxPods(info("m6g.medium"), true)).toBe(2 * 3 * 16 + 2);
    expect(maxPods(info("m6i.large"), true)).toBe(110);
    expect(maxPods({ enis: 15, ipv4PerEni: 50, vcpus: 96, memoryMib: 393216 }, true)).toBe(250);
    expect(maxPods({ enis: 15, ipv4PerEni: 50, vcpus: 29, memoryMib: 393216 }, true)).toBe(110);
  });

  it.skipIf(table === undefined)(
    "copies the ENI table's rows exactly (awslabs/amazon-eks-ami instance-info.jsonl)",
    () => {
      for (const [type, row] of Object.entries(INSTANCE_TYPES)) {
        const upstream = table!.find((r) => r.instanceType === type);
        expect(upstream, type).toBeDefined();
        expect([row.enis, row.ipv4PerEni], type).toEqual([
          upstream!.defaultMaxENIs,
          upstream!.ipv4AddressesPerInterface,
        ]);
      }
    },
  );
});

describe("allocatable resources", () => {
  it("reserves CPU like the EKS AMI: 6 % of core 1, 1 % of core 2, 0.5 % of cores 3-4, 0.25 % beyond", () => {
    expect(reservedCpuMilli(1)).toBe(60);
    expect(reservedCpuMilli(2)).toBe(70);
    expect(reservedCpuMilli(4)).toBe(80);
    expect(reservedCpuMilli(8)).toBe(90);
  });

  it("keeps back 11 MiB per pod + 255 MiB for the kubelet and 100 MiB for eviction", () => {
    expect(allocatable(info("m6i.large"))).toEqual({
      pods: 29,
      cpuMilli: 1930,
      memoryMib: 8192 - (11 * 29 + 255) - 100,
    });
  });

  it("takes the weakest of a group's instance types in each dimension", () => {
    expect(weakestNode([allocatable(info("m6i.large")), allocatable(info("t3.large"))])).toEqual({
      pods: 29,
      cpuMilli: 1930,
      memoryMib: allocatable(info("t3.large")).memoryMib,
    });
  });
});

const general = (nodes: number, type = "m6i.large"): CapacityPool => ({
  name: "general",
  nodes,
  node: allocatable(info(type)),
  takesPods: true,
});

describe("planning capacity", () => {
  const daemonSets: Workload[] = Array.from({ length: 7 }, (_, i) => ({
    name: `ds${i}`,
    perNode: true,
    pod: pod(10, 10),
  }));

  it("counts DaemonSets on every node and reports the shortfall in pods, CPU and memory", () => {
    const report = planCapacity(
      [general(2, "m6g.medium")],
      [...daemonSets, { name: "app", replicas: 3, pod: pod(100, 100) }],
    );
    expect(report.available.pods).toBe(2);
    expect(report.required).toEqual({ pods: 3, cpuMilli: 300, memoryMib: 300 });
    expect(report.shortfall).toEqual({ pods: 1, cpuMilli: 0, memoryMib: 0 });
    expect(report.fits).toBe(false);
  });

  it("fits at the exact boundary and not one pod beyond", () => {
    const free = 2 * (29 - 7);
    expect(
      planCapacity([general(2)], [...daemonSets, { name: "app", replicas: free, pod: pod(1, 1) }]).fits,
    ).toBe(true);
    expect(
      planCapacity([general(2)], [...daemonSets, { name: "app", replicas: free + 1, pod: pod(1, 1) }]).fits,
    ).toBe(false);
  });

  it("flags a node too small for its DaemonSets alone, and a pod no single node can hold", () => {
    const report = planCapacity(
      [general(3, "m6g.medium")],
      [
        ...daemonSets,
        { name: "big-ds", perNode: true, pod: pod(10, 10) },
        { name: "huge", replicas: 1, pod: pod(5000, 10) },
      ],
    );
    expect(report.pools[0]!.perNodeShortfall.pods).toBe(0);
    expect(report.oversized).toEqual(["huge"]);
    const crowded = planCapacity([general(1, "m6g.medium")], [...daemonSets, ...daemonSets]);
    expect(crowded.pools[0]!.perNodeShortfall.pods).toBe(14 - 8);
    expect(crowded.fits).toBe(false);
  });

  it("puts no ordinary pods on a tainted group, but its DaemonSets still count", () => {
    const tainted: CapacityPool = { ...general(5), name: "gpu", takesPods: false };
    const report = planCapacity([tainted], [...daemonSets, { name: "app", replicas: 1, pod: pod(1, 1) }]);
    expect(report.available).toEqual({ pods: 0, cpuMilli: 0, memoryMib: 0 });
    expect(report.fits).toBe(false);
  });

  it("never reports a shortfall when more nodes of the same kind are added (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 80 }), (nodes, replicas) => {
        const workloads: Workload[] = [...daemonSets, { name: "app", replicas, pod: pod(50, 64) }];
        const smaller = planCapacity([general(nodes)], workloads);
        const larger = planCapacity([general(nodes + 1)], workloads);
        expect(larger.shortfall.pods).toBeLessThanOrEqual(smaller.shortfall.pods);
        if (smaller.fits) expect(larger.fits).toBe(true);
      }),
    );
  });
});

describe("Karpenter's NodePool limits", () => {
  const service = (replicas: number, maxReplicas: number, cpuMilli: number, memoryMib: number): Workload => ({
    name: "api",
    replicas,
    maxReplicas,
    pod: pod(cpuMilli, memoryMib),
  });

  it("counts services at maxReplicas against the usable share of the limits", () => {
    const report = planNodePool({ cpuMilli: 4000, memoryMib: 8192 }, [service(2, 10, 300, 512)]);
    expect(report.required).toEqual({ pods: 10, cpuMilli: 3000, memoryMib: 5120 });
    expect(report.usable.cpuMilli).toBe(4000 * NODE_POOL_USABLE_SHARE);
    expect(report.fits).toBe(true);
  });

  it("fits exactly at the usable share and not one millicore beyond", () => {
    const limits = { cpuMilli: 4000, memoryMib: 8192 };
    const usable = 4000 * NODE_POOL_USABLE_SHARE;
    expect(planNodePool(limits, [service(1, 1, usable, 1)]).fits).toBe(true);
    const over = planNodePool(limits, [service(1, 1, usable + 1, 1)]);
    expect(over.fits).toBe(false);
    expect(over.shortfall).toEqual({ pods: 0, cpuMilli: 1, memoryMib: 0 });
  });

  it("never lacks pod slots: Karpenter adds nodes for them", () => {
    expect(planNodePool({ cpuMilli: 100_000, memoryMib: 100_000 }, [service(500, 500, 1, 1)]).fits).toBe(
      true,
    );
  });
});
