import { describe, expect, it } from "vitest";
import { parseSeriesSelector, sloSelectorProblem } from "../../../components/observability/series-selector";

describe("SLO selectors, read with Prometheus' own PromQL grammar", () => {
  it("reads the matchers of a series selector, every operator and quoting", () => {
    expect(
      parseSeriesSelector(`http_requests_total{namespace="podinfo", status!~"5..", path!='/healthz'}`),
    ).toEqual({
      ok: true,
      matchers: [
        { label: "namespace", op: "=", value: "podinfo" },
        { label: "status", op: "!~", value: "5.." },
        { label: "path", op: "!=", value: "/healthz" },
      ],
    });
    expect(parseSeriesSelector("up")).toEqual({ ok: true, matchers: [] });
  });

  it.each([
    ['{namespace="podinfo") or vector(1) or (up}', /does not parse as PromQL/],
    ['up{job="api"} or vector(1)', /is a PromQL expression, not a single series selector/],
    ["sum(http_requests_total)", /not a single series selector/],
    ['http_requests_total{job="api"}[5m]', /not a single series selector/],
    ['http_requests_total{namespace=~".+"}', /matches namespace with =~".\+"/],
    ['http_requests_total{namespace!="podinfo"}', /matches namespace with !=/],
    ['up{namespace="kube-system"}', /system namespace "kube-system"/],
    ['up{namespace="monitoring"}', /system namespace "monitoring"/],
  ])("refuses %s", (selector, problem) => {
    expect(sloSelectorProblem(selector)).toMatch(problem);
  });

  it.each([
    'http_requests_total{namespace="podinfo", status!~"5.."}',
    'http_request_duration_seconds_bucket{namespace="podinfo"}',
    '{__name__="http_requests_total", job="api"}',
    // Near miss: a namespace that merely contains a reserved name is the service's own.
    'up{namespace="monitoring-demo"}',
    'http_requests_total{job="api"}',
  ])("accepts %s", (selector) => {
    expect(sloSelectorProblem(selector)).toBeUndefined();
  });
});
