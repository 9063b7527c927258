import { describe, expect, it } from "vitest";
import {
  ANALYSIS_CRITERIA,
  buildAnalysisTemplate,
  canaryGateCriteria,
  criterionQuery,
  type AnalysisSelectors,
  type AnalysisTemplateObject,
  type CriterionKey,
} from "../../../components/workload/analysis";
import { promqlErrors } from "../observability/promql";
import { argoSchemaErrors } from "../../support/argo-rollouts";

const target = { name: "checkout", namespace: "shop", labels: {} };
const selectors: AnalysisSelectors = {
  availability: {
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
  latency: { bucket: 'http_request_duration_seconds_bucket{job="checkout"}' },
  excludePaths: ["/healthz", "/metrics"],
  pathLabel: "handler",
  prometheusUrl: "http://prometheus.monitoring.svc:9090",
};
const KEYS = Object.keys(ANALYSIS_CRITERIA) as CriterionKey[];

/** The limit a rendered condition compares with: `result[0] <= 0.005` → 0.005. */
function limitOf(condition: string, operator: "<=" | ">"): number {
  const match = new RegExp(`^result\\[0\\] ${operator} ([0-9.]+)$`).exec(condition);
  if (!match) throw new Error(`unexpected condition ${condition}`);
  return Number(match[1]);
}

function metricOf(template: AnalysisTemplateObject) {
  expect(template.spec.metrics).toHaveLength(1);
  return template.spec.metrics[0]!;
}

describe("the playbook's analysis thresholds, read back from the rendered templates", () => {
  const rendered = (key: CriterionKey) => metricOf(buildAnalysisTemplate(target, selectors, key, "gate"));
  // The playbook: 5xx ≤ baseline + 0.5 pp over 15m; p99 ≤ ×1.2 and p50 ≤ ×1.1 over 15m; CPU ≤ ×1.5 and
  // memory ≤ ×1.3 over 10m; abort when more than half of the canary's pods fail their probes.
  it.each([
    ["errorRate", 0.005, "15m"],
    ["latencyP99", 1.2, "15m"],
    ["latencyP50", 1.1, "15m"],
    ["cpu", 1.5, "10m"],
    ["memory", 1.3, "10m"],
  ] as const)("%s passes at most %s over %s", (key, limit, window) => {
    const metric = rendered(key);
    expect(limitOf(metric.successCondition, "<=")).toBe(limit);
    expect(limitOf(metric.failureCondition, ">")).toBe(limit);
    // Every rate looks back over the playbook's window, and the first measurement waits for it.
    const windows = [...metric.provider.prometheus.query.matchAll(/\[(\d+[smh])\]/g)].map((m) => m[1]);
    expect(windows.length).toBeGreaterThan(0);
    expect(new Set(windows)).toEqual(new Set([window]));
    expect(metric.initialDelay).toBe(window);
  });

  it("aborts when more than half of the new pods fail their probes, not at exactly half", () => {
    const metric = rendered("probeFailures");
    expect(limitOf(metric.successCondition, "<=")).toBe(0.5);
    expect(limitOf(metric.failureCondition, ">")).toBe(0.5);
  });

  it("fails a rollout on its first failed measurement", () => {
    for (const key of KEYS) expect(rendered(key).failureLimit).toBe(0);
  });
});

describe("criterionQuery", () => {
  it.each(KEYS)("%s parses as PromQL", (key) => {
    expect(promqlErrors(criterionQuery(key, target, selectors))).toEqual([]);
  });

  it("compares the new version with the baseline on the SLO's own selectors, without the probe paths", () => {
    const query = criterionQuery("errorRate", target, selectors);
    for (const hash of ["{{args.canary-hash}}", "{{args.stable-hash}}"]) {
      expect(query).toContain(
        `http_requests_total{job="checkout",code!~"5..",handler!~"/healthz|/metrics",rollouts_pod_template_hash="${hash}"}[15m]`,
      );
      expect(query).toContain(
        `http_requests_total{job="checkout",handler!~"/healthz|/metrics",rollouts_pod_template_hash="${hash}"}[15m]`,
      );
    }
    // new − baseline: the candidate's ratio comes first.
    expect(query.indexOf("canary-hash")).toBeLessThan(query.indexOf("stable-hash"));
  });

  it("keeps the selectors whole when no path is excluded", () => {
    const query = criterionQuery("latencyP99", target, { ...selectors, excludePaths: [] });
    expect(query).toContain(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout",rollouts_pod_template_hash="{{args.canary-hash}}"}[15m])))',
    );
    expect(query).not.toContain("handler");
  });

  it("finds resource use by the Rollout's pod names, which carry the pod template hash", () => {
    const query = criterionQuery("cpu", target, selectors);
    expect(query).toContain('namespace="shop",pod=~"checkout-{{args.canary-hash}}-.+",container="checkout"');
    expect(query).toContain('namespace="shop",pod=~"checkout-{{args.stable-hash}}-.+",container="checkout"');
  });

  it("measures only the new version's pods for probe failures", () => {
    const query = criterionQuery("probeFailures", target, selectors);
    expect(query).toContain("checkout-{{args.canary-hash}}-.+");
    expect(query).not.toContain("stable-hash");
  });

  it("refuses latency criteria without a histogram", () => {
    expect(() => criterionQuery("latencyP50", target, { ...selectors, latency: undefined })).toThrow(
      /latency histogram/,
    );
  });
});

describe("buildAnalysisTemplate", () => {
  it.each(KEYS.flatMap((key) => (["gate", "background"] as const).map((mode) => [key, mode] as const)))(
    "%s (%s) validates against the AnalysisTemplate CRD of Argo Rollouts 1.9",
    (key, mode) => {
      expect(argoSchemaErrors(buildAnalysisTemplate(target, selectors, key, mode))).toEqual([]);
    },
  );

  it("measures a gate once and the background every minute until the rollout ends", () => {
    const gate = metricOf(buildAnalysisTemplate(target, selectors, "probeFailures", "gate"));
    const background = metricOf(buildAnalysisTemplate(target, selectors, "probeFailures", "background"));
    expect(gate).toMatchObject({ count: 1 });
    expect(gate.interval).toBeUndefined();
    expect(background).toMatchObject({ interval: "1m" });
    expect(background.count).toBeUndefined();
  });

  it("queries the Prometheus the selectors name and declares both hash arguments", () => {
    const template = buildAnalysisTemplate(target, selectors, "memory", "gate");
    expect(metricOf(template).provider.prometheus.address).toBe("http://prometheus.monitoring.svc:9090");
    expect(template.spec.args.map((a) => a.name)).toEqual(["canary-hash", "stable-hash"]);
    expect(template.metadata).toMatchObject({ name: "checkout-memory", namespace: "shop" });
  });
});

describe("canaryGateCriteria", () => {
  it("compares everything the selectors allow", () => {
    expect(canaryGateCriteria(selectors)).toEqual(["errorRate", "latencyP99", "latencyP50", "cpu", "memory"]);
  });

  it("leaves the latency comparisons out without a histogram", () => {
    expect(canaryGateCriteria({ availability: selectors.availability })).toEqual([
      "errorRate",
      "cpu",
      "memory",
    ]);
  });
});
