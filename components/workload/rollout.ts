import {
  ANALYSIS_ARGS,
  BLUE_GREEN_GATE_CRITERIA,
  analysisTemplateName,
  buildAnalysisTemplate,
  canaryGateCriteria,
  type AnalysisSelectors,
  type AnalysisTemplateObject,
  type CriterionKey,
} from "./analysis";
import { PROGRESSIVE_DELIVERY_DEFAULTS } from "./defaults";
import { objectMetadata, selectorLabels } from "./labels";
import { buildService, type ServiceObject } from "./service";
import type { ServiceSpec } from "./service-spec";

/** The API group and version of the Argo Rollouts objects (Rollout, AnalysisTemplate). */
export const ARGO_ROLLOUTS_API_VERSION = "argoproj.io/v1alpha1";

/** How a new version is delivered, with every default applied. */
export type DeliverySpec =
  | { readonly strategy: "rolling" }
  | {
      readonly strategy: "canary";
      /** Canary weights in percent, increasing. */
      readonly steps: readonly number[];
      readonly analysis: AnalysisSelectors;
    }
  | {
      readonly strategy: "blueGreen";
      readonly autoPromotion: boolean;
      readonly analysis: AnalysisSelectors;
    };

export type ProgressiveDelivery = Exclude<DeliverySpec, { readonly strategy: "rolling" }>;
export type ProgressiveSpec = ServiceSpec & { readonly delivery: ProgressiveDelivery };

/** Whether the service is delivered by a Rollout (and then which objects it needs). */
export function isProgressive(spec: ServiceSpec): spec is ProgressiveSpec {
  return spec.delivery.strategy !== "rolling";
}

/** What the HPA scales: the Rollout when the service has one (its pods), else the Deployment. */
export function scaleTarget(spec: ServiceSpec): { apiVersion: string; kind: string; name: string } {
  return isProgressive(spec)
    ? { apiVersion: ARGO_ROLLOUTS_API_VERSION, kind: "Rollout", name: spec.name }
    : { apiVersion: "apps/v1", kind: "Deployment", name: spec.name };
}

/** An `argoproj.io/v1alpha1` Rollout (no schema package covers the CRD; tests validate it against the CRD). */
export interface RolloutObject {
  readonly apiVersion: typeof ARGO_ROLLOUTS_API_VERSION;
  readonly kind: "Rollout";
  readonly metadata: ReturnType<typeof objectMetadata>;
  readonly spec: Record<string, unknown>;
}

/** Fills each template argument with one version's pod template hash, as the Rollout knows them. */
function hashArgs() {
  return [
    { name: ANALYSIS_ARGS.candidate, valueFrom: { podTemplateHashValue: "Latest" } },
    { name: ANALYSIS_ARGS.baseline, valueFrom: { podTemplateHashValue: "Stable" } },
  ];
}

function analysis(spec: ProgressiveSpec, criteria: readonly CriterionKey[]) {
  return {
    templates: criteria.map((key) => ({ templateName: analysisTemplateName(spec, key) })),
    args: hashArgs(),
  };
}

/**
 * Canary steps: each weight, then an analysis of every comparison with the baseline that must pass
 * before the next weight. Nothing is compared after 100 %: there is no baseline left.
 */
export function canarySteps(spec: ProgressiveSpec & { readonly delivery: { readonly strategy: "canary" } }) {
  const gate = analysis(spec, canaryGateCriteria(spec.delivery.analysis));
  return spec.delivery.steps.flatMap((weight) =>
    weight < 100 ? [{ setWeight: weight }, { analysis: gate }] : [{ setWeight: weight }],
  );
}

function strategy(spec: ProgressiveSpec): Record<string, unknown> {
  if (spec.delivery.strategy === "canary") {
    return {
      canary: {
        maxSurge: spec.rollingUpdate.maxSurge,
        maxUnavailable: spec.rollingUpdate.maxUnavailable,
        // Health of the new pods is watched from the first step's end to the last, every minute.
        analysis: { ...analysis(spec, ["probeFailures"]), startingStep: 1 },
        steps: canarySteps({ ...spec, delivery: spec.delivery }),
      },
    };
  }
  return {
    blueGreen: {
      activeService: spec.name,
      previewService: previewServiceName(spec),
      autoPromotionEnabled: spec.delivery.autoPromotion,
      prePromotionAnalysis: analysis(spec, BLUE_GREEN_GATE_CRITERIA),
      scaleDownDelaySeconds: PROGRESSIVE_DELIVERY_DEFAULTS.scaleDownDelaySeconds,
      abortScaleDownDelaySeconds: PROGRESSIVE_DELIVERY_DEFAULTS.abortScaleDownDelaySeconds,
    },
  };
}

/**
 * The Rollout. It takes its pod template from the Deployment (`workloadRef`), which it scales to zero
 * once it is healthy: switching a running service from rolling to a progressive strategy keeps the
 * old pods serving until the Rollout's are ready. Like the Deployment, it sets no `replicas`: the HPA
 * scales the Rollout. A rollout that makes no progress for `progressDeadlineSeconds` is aborted.
 */
export function buildRollout(spec: ProgressiveSpec): RolloutObject {
  return {
    apiVersion: ARGO_ROLLOUTS_API_VERSION,
    kind: "Rollout",
    metadata: objectMetadata(spec),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: spec.name, scaleDown: "onsuccess" },
      progressDeadlineSeconds: 600,
      progressDeadlineAbort: true,
      strategy: strategy(spec),
    },
  };
}

/** Name of the blue-green preview Service: the new version before promotion. */
export function previewServiceName(spec: Pick<ServiceSpec, "name">): string {
  return `${spec.name}-preview`;
}

/** Label telling the preview Service apart, so the ServiceMonitor does not scrape the pods twice. */
export const PREVIEW_LABEL = { key: "app.kubernetes.io/component", value: "preview" } as const;

/**
 * The blue-green preview Service: the same ports and selector as the active Service; Argo Rollouts
 * narrows the selector of each to one version's pods.
 */
export function buildPreviewService(spec: ServiceSpec): ServiceObject {
  const service = buildService(spec);
  return {
    ...service,
    metadata: {
      ...objectMetadata(spec),
      name: previewServiceName(spec),
      labels: { ...objectMetadata(spec).labels, [PREVIEW_LABEL.key]: PREVIEW_LABEL.value },
    },
  };
}

/** The AnalysisTemplates the Rollout refers to, one per criterion. */
export function buildAnalysisTemplates(spec: ProgressiveSpec): AnalysisTemplateObject[] {
  const selectors = spec.delivery.analysis;
  if (spec.delivery.strategy === "canary") {
    return [
      ...canaryGateCriteria(selectors).map((key) => buildAnalysisTemplate(spec, selectors, key, "gate")),
      buildAnalysisTemplate(spec, selectors, "probeFailures", "background"),
    ];
  }
  return BLUE_GREEN_GATE_CRITERIA.map((key) => buildAnalysisTemplate(spec, selectors, key, "gate"));
}
