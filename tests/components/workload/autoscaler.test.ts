import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { describe, expect, it } from "vitest";
import { buildAutoscaler } from "../../../components/workload/autoscaler";
import { validArgs, validated, specOf } from "./fixtures";

function build(overrides: Parameters<typeof validArgs>[0] = {}): HorizontalPodAutoscaler {
  return validated(HorizontalPodAutoscaler, buildAutoscaler(specOf("api", validArgs(overrides))));
}

describe("buildAutoscaler", () => {
  it("scales the Deployment between the profile's bounds on 70 % CPU", () => {
    const hpa = build();
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.metadata).toMatchObject({ name: "api", namespace: "api" });
    expect(hpa.spec!.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "api" });
    expect(hpa.spec!.minReplicas).toBe(2);
    expect(hpa.spec!.maxReplicas).toBe(10);
    expect(hpa.spec!.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
      },
    ]);
  });

  it("has the playbook behaviour: up 4 pods per 60 s after 60 s, down 10 % per 60 s after 300 s", () => {
    expect(build().spec!.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 60,
        selectPolicy: "Max",
        policies: [{ type: "Pods", value: 4, periodSeconds: 60 }],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
      },
    });
  });

  it("adds memory and custom Pods and External metrics after CPU", () => {
    const hpa = build({
      targetCpuUtilization: 60,
      targetMemoryUtilization: 80,
      customMetrics: [
        { type: "Pods", name: "http_requests_per_second", targetAverageValue: "100" },
        {
          type: "External",
          name: "sqs_messages_visible",
          selector: { queue: "orders" },
          targetAverageValue: "30",
        },
        { type: "External", name: "kafka_lag", targetValue: "10k" },
      ],
    });
    expect(hpa.spec!.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } },
      },
      {
        type: "Resource",
        resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } },
      },
      {
        type: "Pods",
        pods: {
          metric: { name: "http_requests_per_second" },
          target: { type: "AverageValue", averageValue: "100" },
        },
      },
      {
        type: "External",
        external: {
          metric: { name: "sqs_messages_visible", selector: { matchLabels: { queue: "orders" } } },
          target: { type: "AverageValue", averageValue: "30" },
        },
      },
      {
        type: "External",
        external: { metric: { name: "kafka_lag" }, target: { type: "Value", value: "10k" } },
      },
    ]);
  });

  it("takes behaviour overrides field by field", () => {
    const behavior = build({
      minReplicas: 3,
      maxReplicas: 50,
      scalingBehavior: {
        scaleUp: { policies: [{ type: "Percent", value: 100, periodSeconds: 15 }], selectPolicy: "Min" },
        scaleDown: { stabilizationWindowSeconds: 900 },
      },
    }).spec!.behavior!;
    expect(behavior.scaleUp).toEqual({
      stabilizationWindowSeconds: 60,
      selectPolicy: "Min",
      policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
    });
    expect(behavior.scaleDown).toMatchObject({
      stabilizationWindowSeconds: 900,
      policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
    });
  });
});
