import fc from "fast-check";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { describe, expect, it } from "vitest";
import type { AutoscaledServiceArgs } from "../../../components/workload";
import { allowedDisruptions, buildDisruptionBudget } from "../../../components/workload/disruption-budget";
import { validateAutoscaledServiceArgs } from "../../../components/workload/validate";
import { validArgs, validated, specOf } from "./fixtures";

function build(overrides: Partial<AutoscaledServiceArgs>): PodDisruptionBudget {
  return validated(PodDisruptionBudget, buildDisruptionBudget(specOf("api", validArgs(overrides))));
}

describe("buildDisruptionBudget", () => {
  it("with minReplicas 1 allows the single pod to be evicted (maxUnavailable 1)", () => {
    const pdb = build({ profile: "development", minReplicas: 1 });
    expect(pdb.spec!.maxUnavailable).toBe(1);
    expect(pdb.spec!).not.toHaveProperty("minAvailable");
    expect(allowedDisruptions({ maxUnavailable: 1 }, 1)).toBe(1);
  });

  it("with minReplicas 2 keeps one pod up and lets one go (maxUnavailable 1)", () => {
    const pdb = build({ minReplicas: 2 });
    expect(pdb.spec!.maxUnavailable).toBe(1);
    expect(allowedDisruptions({ maxUnavailable: 1 }, 2)).toBe(1);
  });

  it("selects the service's pods and never lets unready pods block a drain", () => {
    const pdb = build({});
    expect(pdb.apiVersion).toBe("policy/v1");
    expect(pdb.metadata).toMatchObject({ name: "api", namespace: "api" });
    expect(pdb.spec!.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "api" } });
    expect(pdb.spec!.unhealthyPodEvictionPolicy).toBe("AlwaysAllow");
  });

  it("renders a minAvailable strictly below minReplicas when asked for one", () => {
    const pdb = build({ minReplicas: 3, disruptionBudget: { minAvailable: 2 } });
    expect(pdb.spec!.minAvailable).toBe(2);
    expect(pdb.spec!).not.toHaveProperty("maxUnavailable");
    expect(allowedDisruptions({ minAvailable: 2 }, 3)).toBe(1);
  });

  it("never blocks every eviction for any budget validation accepts (property)", () => {
    const budget = fc.oneof(
      fc.record({ maxUnavailable: fc.integer({ min: -1, max: 5 }) }),
      fc.record({ minAvailable: fc.integer({ min: -1, max: 12 }) }),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        budget,
        (min, extra, pdb) => {
          const args = validArgs({
            profile: "development",
            minReplicas: min,
            maxReplicas: min + extra,
            ...(pdb ? { disruptionBudget: pdb } : {}),
          });
          if (validateAutoscaledServiceArgs(args, "api").length > 0) return true;
          const spec = specOf("api", args);
          for (let pods = spec.minReplicas; pods <= spec.maxReplicas; pods++) {
            if (allowedDisruptions(spec.disruptionBudget, pods) < 1) return false;
          }
          return true;
        },
      ),
    );
  });
});
