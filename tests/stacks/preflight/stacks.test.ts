import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listStacks, loadProject, loadStackConfig } from "../../../infra/synth/project";
import { parseEnvironmentConfig } from "../../../stacks/config";
import { checkPodCapacity, clusterCapacity, nodePoolCapacity } from "../../../stacks/preflight";

const root = resolve(__dirname, "../../..");
/** A stack's `infra:` config as the program reads it (secrets as synth's placeholders). */
const infraConfig = (stack: string): Record<string, unknown> => {
  const { config } = loadStackConfig(loadProject(root), stack);
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith("infra:"))
      .map(([key, value]) => [key.slice("infra:".length), /^[[{]/.test(value) ? JSON.parse(value) : value]),
  );
};

describe("the shipped stacks fit their nodes", () => {
  it.each(listStacks(root))("%s holds the platform at the node groups' minimum size", (stack) => {
    const config = parseEnvironmentConfig(infraConfig(stack), stack);
    expect(checkPodCapacity(config)).toEqual([]);
    expect(clusterCapacity(config).report?.fits).toBe(true);
  });

  it("staging on m7g.medium / m6g.medium × 2 (the sizes it shipped with) does not: 16 pod slots, 14 taken by DaemonSets", () => {
    const raw = infraConfig("staging") as { cluster: { nodeGroups: { instanceTypes: string[] }[] } };
    raw.cluster.nodeGroups[0]!.instanceTypes = ["m7g.medium", "m6g.medium"];
    const config = parseEnvironmentConfig(raw, "staging");
    const { report } = clusterCapacity(config);
    expect(report!.pools[0]!.perNodeUse.pods).toBe(7);
    expect(report!.available.pods).toBe(2);
    const issues = checkPodCapacity(config);
    expect(issues[0]).toEqual({
      path: "infra:cluster.nodeGroups",
      message: expect.stringMatching(
        /short of \d+ pods; use larger instance types or raise minSize/,
      ) as string,
    });
  });
});

describe("with Karpenter", () => {
  it("the system group holds Karpenter and the critical add-ons; monitoring and services go to Karpenter's nodes", () => {
    const config = parseEnvironmentConfig(infraConfig("prod"), "prod");
    const { report } = clusterCapacity(config);
    expect(report!.fits).toBe(true);
    const pool = nodePoolCapacity(config)!;
    expect(pool.fits).toBe(true);
    // prod's podinfo: 12 replicas at most, 100m and 128Mi each, plus monitoring.
    expect(pool.required.cpuMilli).toBeGreaterThanOrEqual(12 * 100);
  });

  it("reports services whose maxReplicas outgrow the NodePool limits, under infra:cluster.autoscaling", () => {
    const raw = infraConfig("prod") as {
      cluster: Record<string, unknown>;
      services: { maxReplicas: number }[];
    };
    raw.cluster.autoscaling = { cpuLimit: 2 };
    raw.services[0]!.maxReplicas = 20;
    const issues = checkPodCapacity(parseEnvironmentConfig(raw, "prod"));
    expect(issues).toEqual([
      {
        path: "infra:cluster.autoscaling",
        message: expect.stringMatching(
          /services at maxReplicas\) request [\d.]+ CPU .* raise the limits or lower maxReplicas$/,
        ) as string,
      },
    ]);
  });

  it("without Karpenter, counts every pod on the node groups again, and needs one that takes services", () => {
    const raw = infraConfig("dev") as { cluster: Record<string, unknown> };
    raw.cluster.autoscaling = { enabled: false };
    raw.cluster.nodeGroups = [{ name: "general", instanceTypes: ["t3.large"], minSize: 3, maxSize: 3 }];
    const config = parseEnvironmentConfig(raw, "dev");
    expect(nodePoolCapacity(config)).toBeUndefined();
    const { report } = clusterCapacity(config);
    expect(report!.required.pods).toBeGreaterThan(10);
    expect(checkPodCapacity(config)).toEqual([]);
  });
});
