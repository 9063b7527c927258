import * as k8s from "@pulumi/kubernetes";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { AutoscaledService, type AutoscaledServiceArgs } from "../../../components/workload";
import { validateAutoscaledServiceArgs } from "../../../components/workload";
import { buildAutoscaler } from "../../../components/workload/autoscaler";
import { buildDeployment } from "../../../components/workload/deployment";
import {
  buildAnalysisTemplates,
  buildPreviewService,
  buildRollout,
  isProgressive,
  type ProgressiveSpec,
} from "../../../components/workload/rollout";
import { buildService } from "../../../components/workload/service";
import { buildServiceMonitor } from "../../../components/workload/service-monitor";
import { argoSchemaErrors } from "../../support/argo-rollouts";
import { run } from "../../support/harness";
import { specOf, validArgs, validated } from "./fixtures";

const analysis = {
  availability: {
    good: 'http_requests_total{job="api",code!~"5.."}',
    total: 'http_requests_total{job="api"}',
  },
  latency: { bucket: 'http_request_duration_seconds_bucket{job="api"}' },
};
const metrics = { path: "/metrics" };

function progressive(args: Partial<AutoscaledServiceArgs>): ProgressiveSpec {
  const spec = specOf("api", validArgs({ metrics, ...args }));
  if (!isProgressive(spec)) throw new Error("expected a progressive spec");
  return spec;
}

const canary = (steps?: number[], profile: "production" | "development" = "production") =>
  progressive({ profile, strategy: { type: "canary", analysis, ...(steps ? { steps } : {}) } });
const blueGreen = (profile: "production" | "development" = "production") =>
  progressive({ profile, strategy: { type: "blueGreen" } });

type Step = { setWeight?: number; analysis?: { templates: { templateName: string }[] } };
const stepsOf = (spec: ProgressiveSpec) =>
  (buildRollout(spec).spec.strategy as { canary: { steps: Step[] } }).canary.steps;

describe("buildRollout (canary)", () => {
  it("goes through the playbook's weights, each held until its analysis passes", () => {
    const steps = stepsOf(canary());
    expect(steps.filter((s) => s.setWeight !== undefined).map((s) => s.setWeight)).toEqual([
      5, 10, 25, 50, 100,
    ]);
    // An analysis after every weight but the last: at 100 % no baseline is left to compare with.
    steps.forEach((step, i) => {
      if (step.setWeight !== undefined && step.setWeight < 100) expect(steps[i + 1]?.analysis).toBeDefined();
    });
    expect(steps.at(-1)).toEqual({ setWeight: 100 });
  });

  it("takes other weights, and ends with the last one's analysis when it is below 100", () => {
    const steps = stepsOf(canary([20, 60]));
    expect(steps.map((s) => s.setWeight ?? "analysis")).toEqual([20, "analysis", 60, "analysis"]);
  });

  it("waits at every step for the error-rate, latency and resource comparisons", () => {
    const gate = stepsOf(canary()).find((s) => s.analysis)!.analysis!;
    expect(gate.templates.map((t) => t.templateName)).toEqual([
      "api-error-rate",
      "api-latency-p99",
      "api-latency-p50",
      "api-cpu",
      "api-memory",
    ]);
  });

  it("watches the new pods' health in the background from the first step on", () => {
    const strategy = buildRollout(canary()).spec.strategy as { canary: { analysis: unknown } };
    expect(strategy.canary.analysis).toMatchObject({
      templates: [{ templateName: "api-probe-failures" }],
      startingStep: 1,
    });
  });

  it("sets no replicas (the HPA owns them) and takes the pod template from the Deployment", () => {
    const rollout = buildRollout(canary());
    expect(rollout.spec).not.toHaveProperty("replicas");
    expect(rollout.spec).not.toHaveProperty("template");
    expect(rollout.spec.workloadRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "api",
      scaleDown: "onsuccess",
    });
    expect(rollout.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "api" } });
  });

  it("aborts a release that makes no progress", () => {
    expect(buildRollout(canary()).spec).toMatchObject({ progressDeadlineAbort: true });
  });

  it.each([[undefined], [[1]], [[100]], [[5, 10, 25, 50, 100]]])(
    "steps %j validate against the Rollout CRD of Argo Rollouts 1.9",
    (steps) => {
      expect(argoSchemaErrors(buildRollout(canary(steps)))).toEqual([]);
    },
  );

  it("refers only to AnalysisTemplates it renders", () => {
    const spec = canary();
    const rendered = new Set(buildAnalysisTemplates(spec).map((t) => t.metadata.name));
    const referenced = JSON.stringify(buildRollout(spec)).match(/"templateName":"[^"]+"/g)!;
    expect(referenced.length).toBeGreaterThan(0);
    for (const ref of referenced) expect(rendered).toContain(ref.split('"')[3]);
  });
});

describe("buildRollout (blueGreen)", () => {
  const strategyOf = (spec: ProgressiveSpec) =>
    (buildRollout(spec).spec.strategy as { blueGreen: Record<string, unknown> }).blueGreen;

  it("waits for a person in production and promotes on its own in development", () => {
    expect(strategyOf(blueGreen("production")).autoPromotionEnabled).toBe(false);
    expect(strategyOf(blueGreen("development")).autoPromotionEnabled).toBe(true);
  });

  it("switches the service's own Service and previews through a second one", () => {
    expect(strategyOf(blueGreen())).toMatchObject({ activeService: "api", previewService: "api-preview" });
  });

  it("analyses the preview's health and resource use before promotion", () => {
    const pre = strategyOf(blueGreen()).prePromotionAnalysis as { templates: { templateName: string }[] };
    expect(pre.templates.map((t) => t.templateName)).toEqual(["api-probe-failures", "api-cpu", "api-memory"]);
    expect(buildAnalysisTemplates(blueGreen()).map((t) => t.metadata.name)).toEqual([
      "api-probe-failures",
      "api-cpu",
      "api-memory",
    ]);
  });

  it("keeps the previous version running after a promotion, for an instant rollback", () => {
    const strategy = strategyOf(blueGreen());
    expect(strategy.scaleDownDelaySeconds).toBeGreaterThan(0);
    expect(strategy.abortScaleDownDelaySeconds).toBeGreaterThan(0);
  });

  it.each(["production", "development"] as const)("validates against the Rollout CRD (%s)", (profile) => {
    expect(argoSchemaErrors(buildRollout(blueGreen(profile)))).toEqual([]);
  });

  it("gives the preview Service the active one's ports and selector, and a label of its own", () => {
    const spec = blueGreen();
    const preview = validated(Service, buildPreviewService(spec));
    const active = buildService(spec);
    expect(preview.metadata?.name).toBe("api-preview");
    expect(preview.spec).toEqual(active.spec);
    expect(preview.metadata?.labels?.["app.kubernetes.io/component"]).toBe("preview");
  });
});

describe("the objects around a Rollout", () => {
  it("points the HPA at the Rollout, and at the Deployment for a rolling update", () => {
    const hpa = validated(HorizontalPodAutoscaler, buildAutoscaler(canary()));
    expect(hpa.spec?.scaleTargetRef).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      name: "api",
    });
    const rolling = buildAutoscaler(specOf("api", validArgs({ strategy: { type: "rolling" } })));
    expect(rolling.spec?.scaleTargetRef).toMatchObject({ kind: "Deployment" });
  });

  it("copies the pod template hash onto the scraped series, so versions can be compared", () => {
    expect(
      buildServiceMonitor({ ...canary(), metrics: { path: "/metrics", interval: "30s" } }).spec,
    ).toMatchObject({
      podTargetLabels: ["rollouts-pod-template-hash"],
    });
  });

  it("does not scrape the blue-green preview Service (same pods, counted twice)", () => {
    const monitor = buildServiceMonitor({ ...blueGreen(), metrics: { path: "/metrics", interval: "30s" } });
    expect(monitor.spec.selector.matchExpressions).toEqual([
      { key: "app.kubernetes.io/component", operator: "NotIn", values: ["preview"] },
    ]);
  });
});

describe("strategy validation", () => {
  const issues = (
    strategy: AutoscaledServiceArgs["strategy"],
    extra: Partial<AutoscaledServiceArgs> = { metrics },
  ) => validateAutoscaledServiceArgs(validArgs({ strategy, ...extra }), "api");

  it("accepts the valid strategies, including one-step canaries at the bounds", () => {
    expect(issues({ type: "canary", analysis, steps: [1] })).toEqual([]);
    expect(issues({ type: "canary", analysis, steps: [100] })).toEqual([]);
    expect(issues({ type: "blueGreen" })).toEqual([]);
    expect(issues({ type: "rolling" }, {})).toEqual([]);
  });

  it("needs the SLO's selectors for a canary", () => {
    expect(issues({ type: "canary" })).toEqual([
      { path: "strategy.analysis", message: expect.stringContaining('is required by strategy "canary"') },
    ]);
  });

  it("needs Prometheus to scrape the service for any progressive strategy", () => {
    expect(issues({ type: "blueGreen" }, {})).toEqual([
      { path: "metrics", message: expect.stringContaining('is required by strategy "blueGreen"') },
    ]);
  });

  it("reports every problem with the steps at once", () => {
    const found = issues({ type: "canary", analysis, steps: [0, 50, 50, 101] });
    expect(found.map((i) => i.path)).toEqual(["strategy.steps[0]", "strategy.steps[3]"]);
    expect(issues({ type: "canary", analysis, steps: [50, 25] })).toEqual([
      { path: "strategy.steps", message: expect.stringContaining("is not increasing") },
    ]);
    expect(issues({ type: "blueGreen", steps: [50] })).toEqual([
      { path: "strategy.steps", message: expect.stringContaining('only apply to strategy "canary"') },
    ]);
  });

  it("names the strategies when given an unknown one", () => {
    expect(issues({ type: "linear" as never })).toEqual([
      { path: "strategy.type", message: '"linear" is not a strategy; use "rolling", "canary", "blueGreen"' },
    ]);
  });
});

describe("AutoscaledService with a canary", () => {
  it("registers the Rollout after its AnalysisTemplates and the Deployment, and the HPA after the Rollout", async () => {
    const registered = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      new AutoscaledService("api", validArgs({ metrics, strategy: { type: "canary", analysis } }), {
        provider,
      });
    });
    const rollout = registered.one("kubernetes:argoproj.io/v1alpha1:Rollout");
    const templates = registered.ofType("kubernetes:argoproj.io/v1alpha1:AnalysisTemplate");
    expect(templates.map((t) => t.name).sort()).toEqual([
      "api-analysis-cpu",
      "api-analysis-error-rate",
      "api-analysis-latency-p50",
      "api-analysis-latency-p99",
      "api-analysis-memory",
      "api-analysis-probe-failures",
    ]);
    const deployment = registered.one("kubernetes:apps/v1:Deployment");
    expect(rollout.options.dependsOn).toEqual(
      expect.arrayContaining([deployment.urn, ...templates.map((t) => t.urn)]),
    );
    const hpa = registered.one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
    expect(hpa.options.dependsOn).toContain(rollout.urn);
    expect(argoSchemaErrors(rollout.inputs as never)).toEqual([]);
  });

  it("refuses a canary without selectors before registering anything", async () => {
    let error: unknown;
    const registered = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      try {
        new AutoscaledService("api", validArgs({ strategy: { type: "canary" } }), { provider });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InfraValidationError);
    expect(String((error as Error).message)).toMatch(
      /metrics: is required[\s\S]*strategy\.analysis: is required/,
    );
    expect(registered.ofType("kubernetes:apps/v1:Deployment")).toEqual([]);
  });
});

describe("the pod template a Rollout takes from the Deployment", () => {
  const spreadKeys = (args: Partial<AutoscaledServiceArgs>) =>
    buildDeployment(specOf("api", validArgs(args))).spec.template.spec.topologySpreadConstraints!.map(
      (c) => c.matchLabelKeys,
    );

  it("spreads each revision by the hash label its ReplicaSets set", () => {
    expect(spreadKeys({ metrics, strategy: { type: "canary", analysis } })).toEqual([
      ["rollouts-pod-template-hash"],
      ["rollouts-pod-template-hash"],
    ]);
    expect(spreadKeys({ strategy: { type: "rolling" } })).toEqual([
      ["pod-template-hash"],
      ["pod-template-hash"],
    ]);
  });
});
