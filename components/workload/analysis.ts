import { promNumber } from "../observability/burn-rate";
import { excludedPathsMatcher, withMatcher } from "../observability/slo-rules";
import { objectMetadata } from "./labels";
import type { ServiceSpec } from "./service-spec";

/**
 * The playbook's analysis of a new version against the running one (the baseline), as Argo Rollouts
 * AnalysisTemplates querying Prometheus. Each criterion is defined once here; the templates, the
 * docs' table and the tests all read it.
 */

/** How the new version's measurement is compared with the baseline's. */
export type Comparison =
  /** new − baseline ≤ limit (a share, so 0.005 is 0.5 percentage points). */
  | "above-baseline"
  /** new ÷ baseline ≤ limit. */
  | "times-baseline"
  /** new ≤ limit, whatever the baseline (a share of the new version's pods). */
  | "absolute";

export interface AnalysisCriterion {
  /** Name of the AnalysisTemplate (after the service's name) and of its metric. */
  readonly name: string;
  readonly comparison: Comparison;
  readonly limit: number;
  /** The window every rate or average looks back over, and how long the analysis waits before measuring. */
  readonly window: string;
  /** What a person reads in the docs and the AnalysisRun. */
  readonly summary: string;
}

export const ANALYSIS_CRITERIA = {
  errorRate: {
    name: "error-rate",
    comparison: "above-baseline",
    limit: 0.005,
    window: "15m",
    summary: "share of 5xx responses at most 0.5 percentage points above the baseline's",
  },
  latencyP99: {
    name: "latency-p99",
    comparison: "times-baseline",
    limit: 1.2,
    window: "15m",
    summary: "99th percentile latency at most 1.2 times the baseline's",
  },
  latencyP50: {
    name: "latency-p50",
    comparison: "times-baseline",
    limit: 1.1,
    window: "15m",
    summary: "median latency at most 1.1 times the baseline's",
  },
  cpu: {
    name: "cpu",
    comparison: "times-baseline",
    limit: 1.5,
    window: "10m",
    summary: "CPU per pod at most 1.5 times the baseline's",
  },
  memory: {
    name: "memory",
    comparison: "times-baseline",
    limit: 1.3,
    window: "10m",
    summary: "memory per pod at most 1.3 times the baseline's",
  },
  probeFailures: {
    name: "probe-failures",
    comparison: "absolute",
    limit: 0.5,
    // Long enough for a starting pod to pass its startup and readiness probes.
    window: "3m",
    summary: "at most half of the new version's pods failing their readiness probe",
  },
} as const satisfies Record<string, AnalysisCriterion>;

export type CriterionKey = keyof typeof ANALYSIS_CRITERIA;

/** Quantiles of the latency criteria. */
const QUANTILES: Readonly<Partial<Record<CriterionKey, number>>> = { latencyP99: 0.99, latencyP50: 0.5 };

/** Argo Rollouts' pod label telling the versions apart, and its name on Prometheus series (`podTargetLabels`). */
export const POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";
export const POD_TEMPLATE_HASH_SERIES_LABEL = "rollouts_pod_template_hash";

/** The template arguments the Rollout fills with the two versions' pod template hashes. */
export const ANALYSIS_ARGS = { candidate: "canary-hash", baseline: "stable-hash" } as const;

/** The service's Prometheus series the analysis compares: the selectors of its SLO. */
export interface AnalysisSelectors {
  /** Counter selectors of good and of all requests, as the availability SLO has them. */
  readonly availability?: { readonly good: string; readonly total: string };
  /** Selector of the latency histogram's `_bucket` series, as the latency SLO has it. */
  readonly latency?: { readonly bucket: string };
  /** Request paths left out (probes, metrics), as the SLO leaves them out. */
  readonly excludePaths: readonly string[];
  readonly pathLabel: string;
  /** Prometheus' HTTP API, as the Argo Rollouts controller reaches it. */
  readonly prometheusUrl: string;
}

type Version = keyof typeof ANALYSIS_ARGS;
type Target = Pick<ServiceSpec, "name" | "namespace" | "labels">;

const argument = (version: Version) => `{{args.${ANALYSIS_ARGS[version]}}}`;

/** The SLO's selector narrowed to one version's pods, without the SLO's excluded paths. */
function versionSelector(selector: string, version: Version, analysis: AnalysisSelectors): string {
  const exclusion = excludedPathsMatcher({
    excludePaths: [...analysis.excludePaths],
    pathLabel: analysis.pathLabel,
  });
  const counted = exclusion ? withMatcher(selector, exclusion) : selector.trim();
  return withMatcher(counted, `${POD_TEMPLATE_HASH_SERIES_LABEL}="${argument(version)}"`);
}

/**
 * Container and kube-state-metrics series carry the pod's name, not its labels: a Rollout's pods are
 * named `<rollout>-<pod template hash>-<suffix>`.
 */
function podMatchers(target: Target, version: Version): string {
  return `namespace="${target.namespace}",pod=~"${target.name}-${argument(version)}-.+"`;
}

function errorRatio(analysis: AnalysisSelectors, version: Version, window: string): string {
  const availability = analysis.availability;
  if (availability === undefined) throw new Error("errorRate needs the availability selectors");
  const good = versionSelector(availability.good, version, analysis);
  const total = versionSelector(availability.total, version, analysis);
  return `(1 - (sum(rate(${good}[${window}])) / sum(rate(${total}[${window}]))))`;
}

function latencyQuantile(
  bucket: string,
  quantile: number,
  version: Version,
  analysis: AnalysisSelectors,
  window: string,
) {
  return `histogram_quantile(${promNumber(quantile)}, sum by (le) (rate(${versionSelector(bucket, version, analysis)}[${window}])))`;
}

/** The PromQL of one criterion: a single number the conditions compare with the limit. */
export function criterionQuery(key: CriterionKey, target: Target, analysis: AnalysisSelectors): string {
  const { window } = ANALYSIS_CRITERIA[key];
  switch (key) {
    case "errorRate":
      return `${errorRatio(analysis, "candidate", window)} - ${errorRatio(analysis, "baseline", window)}`;
    case "latencyP99":
    case "latencyP50": {
      const bucket = analysis.latency?.bucket;
      if (bucket === undefined) throw new Error(`${key} needs a latency histogram selector`);
      const quantile = QUANTILES[key]!;
      return `${latencyQuantile(bucket, quantile, "candidate", analysis, window)} / ${latencyQuantile(bucket, quantile, "baseline", analysis, window)}`;
    }
    case "cpu": {
      const usage = (v: Version) =>
        `avg(rate(container_cpu_usage_seconds_total{${podMatchers(target, v)},container="${target.name}"}[${window}]))`;
      return `${usage("candidate")} / ${usage("baseline")}`;
    }
    case "memory": {
      const usage = (v: Version) =>
        `avg(avg_over_time(container_memory_working_set_bytes{${podMatchers(target, v)},container="${target.name}"}[${window}]))`;
      return `${usage("candidate")} / ${usage("baseline")}`;
    }
    case "probeFailures": {
      // The lowest share over the window: a pod that is only starting does not count as failing.
      const pods = podMatchers(target, "candidate");
      return `min_over_time((sum(kube_pod_status_ready{${pods},condition!="true"}) / count(kube_pod_status_ready{${pods},condition="true"}))[${window}:30s])`;
    }
  }
}

/** Passes when the measurement is within the limit. */
export function successCondition(criterion: AnalysisCriterion): string {
  return `result[0] <= ${promNumber(criterion.limit)}`;
}

/**
 * Fails when it is beyond. With both conditions, a measurement that is neither (NaN: no requests to
 * compare) is inconclusive, which pauses the rollout for a person instead of aborting or promoting.
 */
export function failureCondition(criterion: AnalysisCriterion): string {
  return `result[0] > ${promNumber(criterion.limit)}`;
}

/**
 * When a criterion is measured: `gate` once, after its window has passed (a canary step or a
 * blue-green pre-promotion waits for it); `background` every minute for the whole canary.
 */
export type AnalysisMode = "gate" | "background";

/** An `argoproj.io/v1alpha1` AnalysisTemplate (no schema package covers the CRD; tests validate it against the CRD). */
export interface AnalysisTemplateObject {
  readonly apiVersion: "argoproj.io/v1alpha1";
  readonly kind: "AnalysisTemplate";
  readonly metadata: ReturnType<typeof objectMetadata>;
  readonly spec: {
    readonly args: { readonly name: string }[];
    readonly metrics: AnalysisMetric[];
  };
}

export interface AnalysisMetric {
  readonly name: string;
  readonly initialDelay: string;
  readonly interval?: string;
  readonly count?: number;
  readonly failureLimit: number;
  readonly successCondition: string;
  readonly failureCondition: string;
  readonly provider: { readonly prometheus: { readonly address: string; readonly query: string } };
}

export function analysisTemplateName(target: Pick<ServiceSpec, "name">, key: CriterionKey): string {
  return `${target.name}-${ANALYSIS_CRITERIA[key].name}`;
}

/** The AnalysisTemplate of one criterion; a single failed measurement aborts the rollout. */
export function buildAnalysisTemplate(
  target: Target,
  analysis: AnalysisSelectors,
  key: CriterionKey,
  mode: AnalysisMode,
): AnalysisTemplateObject {
  const criterion: AnalysisCriterion = ANALYSIS_CRITERIA[key];
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { ...objectMetadata(target), name: analysisTemplateName(target, key) },
    spec: {
      args: [{ name: ANALYSIS_ARGS.candidate }, { name: ANALYSIS_ARGS.baseline }],
      metrics: [
        {
          name: criterion.name,
          initialDelay: criterion.window,
          ...(mode === "background" ? { interval: "1m" } : { count: 1 }),
          failureLimit: 0,
          successCondition: successCondition(criterion),
          failureCondition: failureCondition(criterion),
          provider: {
            prometheus: { address: analysis.prometheusUrl, query: criterionQuery(key, target, analysis) },
          },
        },
      ],
    },
  };
}

/** The criteria a canary step waits for: all comparisons with the baseline the selectors allow. */
export function canaryGateCriteria(
  analysis: Pick<AnalysisSelectors, "availability" | "latency">,
): CriterionKey[] {
  return [
    ...(analysis.availability ? (["errorRate"] as const) : []),
    ...(analysis.latency ? (["latencyP99", "latencyP50"] as const) : []),
    "cpu",
    "memory",
  ];
}

/**
 * The criteria a blue-green preview waits for before promotion. The preview Service gets no user
 * traffic, so error rate and latency have nothing to compare; resource use and health do.
 */
export const BLUE_GREEN_GATE_CRITERIA: readonly CriterionKey[] = ["probeFailures", "cpu", "memory"];
