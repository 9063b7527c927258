import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SloSpec } from "../../../components/observability";
import {
  bucketBoundLabel,
  excludedPathsMatcher,
  SLO_ABSENT_ALERT_NAME,
  SLO_ALERT_NAME,
  sloPrometheusRule,
  withMatcher,
  type AlertingRule,
  type RecordingRule,
} from "../../../components/observability/slo-rules";
import { promqlErrors } from "./promql";

const checkout: SloSpec = {
  name: "checkout-availability",
  service: "checkout",
  objective: 99.9,
  availability: {
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
};
const search: SloSpec = {
  name: "search",
  service: "search",
  objective: 99.5,
  window: "28d",
  availability: { good: 'grpc_server_handled_total{grpc_code="OK"}', total: "grpc_server_handled_total" },
  latency: { bucket: 'grpc_server_handling_seconds_bucket{grpc_service="search"}', thresholdSeconds: 0.25 },
  runbookUrl: "https://wiki.example.com/search-slo",
  // gRPC series carry no request path.
  excludePaths: [],
};

const rule = sloPrometheusRule({
  name: "prod-slos",
  namespace: "monitoring",
  slos: [checkout, search],
  runbookBaseUrl: "https://runbooks.example.com/infra",
  labels: { release: "kube-prometheus-stack" },
});
const allRules = rule.spec.groups.flatMap((g) => g.rules);
const recordings = allRules.filter((r): r is RecordingRule => "record" in r);
const allAlerts = allRules.filter((r): r is AlertingRule => "alert" in r);
const alerts = allAlerts.filter((a) => a.alert === SLO_ALERT_NAME);
const absentAlerts = allAlerts.filter((a) => a.alert === SLO_ABSENT_ALERT_NAME);
const alertsOf = (slo: string, sli: string) =>
  alerts.filter((a) => a.labels.slo === slo && a.labels.sli === sli);
/** The default exclusion: the AutoscaledService component's default probe and metrics paths. */
const DEFAULT_EXCLUSION = 'path!~"/healthz/startup|/healthz/ready|/healthz/live|/metrics"';
const recordingOf = (record: string, slo: string, sli: string) => {
  const found = recordings.filter((r) => r.record === record && r.labels.slo === slo && r.labels.sli === sli);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("SLO PrometheusRule", () => {
  it("is a monitoring.coreos.com/v1 PrometheusRule in the given namespace", () => {
    expect(rule.apiVersion).toBe("monitoring.coreos.com/v1");
    expect(rule.kind).toBe("PrometheusRule");
    expect(rule.metadata).toEqual({
      name: "prod-slos",
      namespace: "monitoring",
      labels: { release: "kube-prometheus-stack" },
    });
  });

  it("has a recording group and an alerting group per SLO", () => {
    expect(rule.spec.groups.map((g) => g.name)).toEqual([
      "slo-checkout-availability-recordings",
      "slo-checkout-availability-alerts",
      "slo-search-recordings",
      "slo-search-alerts",
    ]);
  });

  it("records the error ratio over 5m, 30m, 1h, 2h, 6h, 1d and 3d for every SLI", () => {
    for (const [slo, sli] of [
      ["checkout-availability", "availability"],
      ["search", "availability"],
      ["search", "latency"],
    ] as const) {
      const windows = recordings
        .filter((r) => r.labels.slo === slo && r.labels.sli === sli && /_rate\d+[mhd]$/.test(r.record))
        .map((r) => r.record);
      expect(windows).toEqual(
        expect.arrayContaining(
          ["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `slo:sli_error:ratio_rate${w}`),
        ),
      );
    }
    expect(alertsOf("checkout-availability", "latency")).toEqual([]);
  });

  it("records 5-minute bad and total events from the good and total selectors, without probe and metrics paths", () => {
    expect(recordingOf("slo:sli_errors:increase5m", "checkout-availability", "availability").expr).toBe(
      `clamp_min(sum(increase(http_requests_total{job="checkout",${DEFAULT_EXCLUSION}}[5m])) - sum(increase(http_requests_total{job="checkout",code!~"5..",${DEFAULT_EXCLUSION}}[5m])), 0)`,
    );
    expect(recordingOf("slo:sli_requests:increase5m", "checkout-availability", "availability").expr).toBe(
      `sum(increase(http_requests_total{job="checkout",${DEFAULT_EXCLUSION}}[5m]))`,
    );
  });

  it("computes every longer window from the recorded increases, weighted by traffic, never from raw counters", () => {
    const sel = (record: string) => `${record}{slo="checkout-availability",sli="availability"}`;
    expect(recordingOf("slo:sli_error:ratio_rate5m", "checkout-availability", "availability").expr).toBe(
      `${sel("slo:sli_errors:increase5m")} / ${sel("slo:sli_requests:increase5m")}`,
    );
    expect(recordingOf("slo:sli_error:ratio_rate30m", "checkout-availability", "availability").expr).toBe(
      `sum_over_time(${sel("slo:sli_errors:increase5m")}[30m]) / sum_over_time(${sel("slo:sli_requests:increase5m")}[30m])`,
    );
    for (const r of recordings.filter((r) => r.record.startsWith("slo:sli_error:ratio_rate"))) {
      // Only the two 5-minute increases read the application's counters.
      expect(r.expr, r.record).not.toMatch(/\b(rate|increase)\(/);
    }
    // The increases come before the ratios that read them: a group evaluates its rules in order.
    const order = recordings.filter((r) => r.labels.slo === "search" && r.labels.sli === "latency");
    expect(order.slice(0, 2).map((r) => r.record)).toEqual([
      "slo:sli_errors:increase5m",
      "slo:sli_requests:increase5m",
    ]);
  });

  it("leaves out the listed paths by the given label, as literal regex text, and nothing for an empty list", () => {
    expect(
      excludedPathsMatcher({ ...checkout, excludePaths: ["/v1.0/ping", "/a+b"], pathLabel: "handler" }),
    ).toBe('handler!~"/v1\\\\.0/ping|/a\\\\+b"');
    expect(excludedPathsMatcher({ ...checkout, excludePaths: [] })).toBeUndefined();
    const counted = sloPrometheusRule({
      name: "p",
      namespace: "monitoring",
      runbookBaseUrl: "https://r.example.com",
      slos: [{ ...checkout, excludePaths: ["/v1.0/ping"] }],
    });
    for (const r of counted.spec.groups.flatMap((g) => g.rules))
      expect(promqlErrors(r.expr), r.expr).toEqual([]);
  });

  it("alerts on absent SLI series per SLI, from the selectors without the path exclusion", () => {
    expect(absentAlerts.map((a) => [a.labels.slo, a.labels.sli, a.expr, a.for, a.labels.severity])).toEqual([
      ["checkout-availability", "availability", 'absent(http_requests_total{job="checkout"})', "2m", "page"],
      ["search", "availability", "absent(grpc_server_handled_total)", "2m", "page"],
      [
        "search",
        "latency",
        'absent(grpc_server_handling_seconds_bucket{grpc_service="search",le="0.25"})',
        "2m",
        "page",
      ],
    ]);
    for (const a of absentAlerts) {
      expect(a.labels.service).toBe(a.labels.slo === "search" ? "search" : "checkout");
      expect(a.annotations.runbook_url).toBe("https://runbooks.example.com/infra/slo-metric-absent");
    }
    expect(absentAlerts[2]!.annotations.description).toMatch(/not one of the histogram's bucket bounds/);
  });

  it("counts latency errors as requests above the threshold bucket", () => {
    expect(recordingOf("slo:sli_errors:increase5m", "search", "latency").expr).toBe(
      'clamp_min(sum(increase(grpc_server_handling_seconds_bucket{grpc_service="search",le="+Inf"}[5m])) - sum(increase(grpc_server_handling_seconds_bucket{grpc_service="search",le="0.25"}[5m])), 0)',
    );
    expect(recordingOf("slo:sli_requests:increase5m", "search", "latency").expr).toBe(
      'sum(increase(grpc_server_handling_seconds_bucket{grpc_service="search",le="+Inf"}[5m]))',
    );
  });

  it("records the budget over the SLO window as all bad events over all events in it", () => {
    expect(recordingOf("slo:sli_error:ratio_rate30d", "checkout-availability", "availability").expr).toBe(
      'sum_over_time(slo:sli_errors:increase5m{slo="checkout-availability",sli="availability"}[30d]) / sum_over_time(slo:sli_requests:increase5m{slo="checkout-availability",sli="availability"}[30d])',
    );
    expect(recordingOf("slo:sli_error:ratio_rate28d", "search", "latency").expr).toContain("[28d])");
    expect(recordingOf("slo:objective:ratio", "checkout-availability", "availability").expr).toBe(
      "vector(0.999)",
    );
    expect(recordingOf("slo:error_budget:ratio", "search", "latency").expr).toBe("vector(0.005)");
    expect(
      recordingOf("slo:error_budget_remaining:ratio", "checkout-availability", "availability").expr,
    ).toBe('1 - (slo:sli_error:ratio_rate30d{slo="checkout-availability",sli="availability"} / 0.001)');
  });

  it("labels every recording with slo, service and sli", () => {
    for (const r of recordings) expect(Object.keys(r.labels).sort()).toEqual(["service", "sli", "slo"]);
    expect(recordingOf("slo:sli_errors:increase5m", "search", "latency").labels).toEqual({
      slo: "search",
      service: "search",
      sli: "latency",
    });
    expect(recordingOf("slo:sli_error:ratio_rate5m", "search", "latency").labels).toEqual({
      slo: "search",
      service: "search",
      sli: "latency",
    });
  });

  it("pages at 14.4x over 1h and 5m and at 6x over 6h and 30m; tickets at 3x over 1d and 2h and 1x over 3d and 6h", () => {
    const checkoutAlerts = alertsOf("checkout-availability", "availability");
    expect(
      checkoutAlerts.map((a) => [a.labels.severity, a.labels.long_window, a.labels.short_window, a.expr]),
    ).toEqual([
      [
        "page",
        "1h",
        "5m",
        'slo:sli_error:ratio_rate1h{slo="checkout-availability",sli="availability"} > 0.0144 and slo:sli_error:ratio_rate5m{slo="checkout-availability",sli="availability"} > 0.0144',
      ],
      [
        "page",
        "6h",
        "30m",
        'slo:sli_error:ratio_rate6h{slo="checkout-availability",sli="availability"} > 0.006 and slo:sli_error:ratio_rate30m{slo="checkout-availability",sli="availability"} > 0.006',
      ],
      [
        "ticket",
        "1d",
        "2h",
        'slo:sli_error:ratio_rate1d{slo="checkout-availability",sli="availability"} > 0.003 and slo:sli_error:ratio_rate2h{slo="checkout-availability",sli="availability"} > 0.003',
      ],
      [
        "ticket",
        "3d",
        "6h",
        'slo:sli_error:ratio_rate3d{slo="checkout-availability",sli="availability"} > 0.001 and slo:sli_error:ratio_rate6h{slo="checkout-availability",sli="availability"} > 0.001',
      ],
    ]);
  });

  it("derives the thresholds from each SLO's own objective (99.5% → 0.072, 0.03, 0.015, 0.005)", () => {
    const thresholds = alertsOf("search", "latency").map((a) => a.expr.match(/> ([0-9.]+) and/)![1]);
    expect(thresholds).toEqual(["0.072", "0.03", "0.015", "0.005"]);
  });

  it("gives every alert the severity, slo and service labels and a summary, budget description and runbook", () => {
    expect(alerts).toHaveLength(12);
    expect(allAlerts).toHaveLength(alerts.length + absentAlerts.length);
    for (const alert of alerts) {
      expect(alert.alert).toBe("SLOErrorBudgetBurn");
      expect(["page", "ticket"]).toContain(alert.labels.severity);
      expect(alert.labels.slo).toMatch(/^(checkout-availability|search)$/);
      expect(alert.labels.service).toMatch(/^(checkout|search)$/);
      expect(alert.annotations.summary).toContain(alert.labels.service);
      expect(alert.annotations.description).toContain("Remaining error budget");
      expect(alert.annotations.description).toContain(
        `query \`slo:error_budget_remaining:ratio{slo="${alert.labels.slo}",sli="${alert.labels.sli}"}\``,
      );
      expect(alert.annotations.runbook_url).toMatch(/^https:\/\//);
    }
    const page = alertsOf("checkout-availability", "availability")[0]!;
    expect(page.annotations.description).toContain(
      "above 1.44% (14.4x the 0.1% error budget of a 99.9% objective over 30d)",
    );
    expect(page.annotations.runbook_url).toBe("https://runbooks.example.com/infra/slo-error-budget-burn");
    expect(alertsOf("search", "availability")[0]!.annotations.runbook_url).toBe(
      "https://wiki.example.com/search-slo",
    );
  });

  it("waits longer before firing on slower burns", () => {
    expect(alertsOf("search", "availability").map((a) => a.for)).toEqual(["2m", "15m", "1h", "3h"]);
  });

  it("writes every expression in valid PromQL (checked with Prometheus's own grammar)", () => {
    expect(allRules.length).toBe(recordings.length + allAlerts.length);
    for (const r of allRules) expect(promqlErrors(r.expr), r.expr).toEqual([]);
  });

  it("the PromQL check catches an invalid expression", () => {
    expect(promqlErrors('sum(rate(http_requests_total{job="api"}[5m])')).not.toEqual([]);
    expect(promqlErrors("slo:sli_error:ratio_rate1h > and 1")).not.toEqual([]);
    expect(promqlErrors('1 - (sum(rate(x{le="0.3"}[5m])) / sum(rate(x[5m])))')).toEqual([]);
  });

  it("keeps generated PromQL valid for any objective and latency threshold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 93100, max: 99999 }),
        fc.integer({ min: 1, max: 100000 }),
        (thousandths, millis) => {
          const generated = sloPrometheusRule({
            name: "p",
            namespace: "monitoring",
            runbookBaseUrl: "https://r.example.com",
            slos: [
              {
                ...search,
                objective: thousandths / 1000,
                latency: { bucket: "h_bucket", thresholdSeconds: millis / 1000 },
              },
            ],
          });
          for (const g of generated.spec.groups)
            for (const r of g.rules) expect(promqlErrors(r.expr)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("selector helpers", () => {
  it("adds a matcher to any selector form", () => {
    expect(withMatcher('m{a="b"}', 'le="1.0"')).toBe('m{a="b",le="1.0"}');
    expect(withMatcher("m", 'le="1.0"')).toBe('m{le="1.0"}');
    expect(withMatcher("m{}", 'le="1.0"')).toBe('m{le="1.0"}');
    expect(withMatcher('m{a="b",}', 'le="1.0"')).toBe('m{a="b",le="1.0"}');
    expect(withMatcher(' {__name__="m"} ', 'le="1.0"')).toBe('{__name__="m",le="1.0"}');
  });

  it("writes bucket bounds as Prometheus 3 normalises them", () => {
    expect(bucketBoundLabel(0.25)).toBe("0.25");
    expect(bucketBoundLabel(1)).toBe("1.0");
    expect(bucketBoundLabel(10)).toBe("10.0");
    expect(bucketBoundLabel(2.5)).toBe("2.5");
  });
});
