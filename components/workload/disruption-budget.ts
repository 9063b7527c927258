import type * as k8s from "@pulumi/kubernetes";
import { objectMetadata, selectorLabels } from "./labels";
import type { Plain } from "./plain";
import type { DisruptionBudget, ServiceSpec } from "./service-spec";

export type PodDisruptionBudgetObject = Plain<k8s.types.input.policy.v1.PodDisruptionBudget>;

/** How many of `healthyPods` a drain may evict at once under `budget`. */
export function allowedDisruptions(budget: DisruptionBudget, healthyPods: number): number {
  if ("minAvailable" in budget) return Math.max(0, healthyPods - budget.minAvailable);
  return Math.min(budget.maxUnavailable, healthyPods);
}

/**
 * The PDB. Validation keeps `minAvailable` below `minReplicas` and `maxUnavailable` at 1 or more, so
 * at least one pod can always be evicted and node drains never hang. Pods that are not ready may be
 * evicted whatever the budget says, so a crash-looping rollout cannot block a drain either.
 */
export function buildDisruptionBudget(spec: ServiceSpec): PodDisruptionBudgetObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: objectMetadata(spec),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      ...spec.disruptionBudget,
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}
