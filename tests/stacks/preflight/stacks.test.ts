import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listStacks, loadProject, loadStackConfig } from "../../../infra/synth/project";
import { parseEnvironmentConfig } from "../../../stacks/config";
import { checkPodCapacity, clusterCapacity } from "../../../stacks/preflight";

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
        /short of \d+ pods, [\d.]+ CPU; use larger instance types or raise minSize/,
      ) as string,
    });
  });
});
