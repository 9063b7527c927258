import type * as k8s from "@pulumi/kubernetes";
import type { CustomMetricArgs } from "./args";
import type { ScalingRule } from "./defaults";
import { objectMetadata } from "./labels";
import type { Plain } from "./plain";
import { scaleTarget } from "./rollout";
import type { ServiceSpec } from "./service-spec";

export type HorizontalPodAutoscalerObject = Plain<k8s.types.input.autoscaling.v2.HorizontalPodAutoscaler>;
type MetricSpec = Plain<k8s.types.input.autoscaling.v2.MetricSpec>;
type MetricIdentifier = Plain<k8s.types.input.autoscaling.v2.MetricIdentifier>;

function utilization(resource: "cpu" | "memory", averageUtilization: number): MetricSpec {
  return {
    type: "Resource",
    resource: { name: resource, target: { type: "Utilization", averageUtilization } },
  };
}

function metricIdentifier(metric: CustomMetricArgs): MetricIdentifier {
  return {
    name: metric.name,
    ...(metric.selector ? { selector: { matchLabels: { ...metric.selector } } } : {}),
  };
}

function customMetric(metric: CustomMetricArgs): MetricSpec {
  if (metric.type === "Pods") {
    return {
      type: "Pods",
      pods: {
        metric: metricIdentifier(metric),
        target: { type: "AverageValue", averageValue: metric.targetAverageValue },
      },
    };
  }
  return {
    type: "External",
    external: {
      metric: metricIdentifier(metric),
      target:
        metric.targetValue !== undefined
          ? { type: "Value", value: metric.targetValue }
          : { type: "AverageValue", averageValue: metric.targetAverageValue },
    },
  };
}

function rule(scaling: ScalingRule): Plain<k8s.types.input.autoscaling.v2.HPAScalingRules> {
  return {
    stabilizationWindowSeconds: scaling.stabilizationWindowSeconds,
    selectPolicy: scaling.selectPolicy,
    policies: scaling.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })),
  };
}

/** The `autoscaling/v2` HPA (of the Rollout when there is one): CPU first, then memory and the custom metrics; the largest recommendation wins. */
export function buildAutoscaler(spec: ServiceSpec): HorizontalPodAutoscalerObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: objectMetadata(spec),
    spec: {
      scaleTargetRef: scaleTarget(spec),
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: [
        utilization("cpu", spec.targetCpuUtilization),
        ...(spec.targetMemoryUtilization !== undefined
          ? [utilization("memory", spec.targetMemoryUtilization)]
          : []),
        ...spec.customMetrics.map(customMetric),
      ],
      behavior: { scaleUp: rule(spec.scaleUp), scaleDown: rule(spec.scaleDown) },
    },
  };
}
