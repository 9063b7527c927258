import { describe, expect, it } from "vitest";
import { sloDashboard } from "../../../components/observability/grafana-dashboards";
import type { SloSpec } from "../../../components/observability/slo";
import { promqlErrors } from "./promql";

const checkout: SloSpec = {
  name: "checkout-availability",
  service: "checkout",
  objective: 99.9,
  availability: {
    good: 'http_requests_total{job="checkout",code!~"5.."}',
    total: 'http_requests_total{job="checkout"}',
  },
  latency: { bucket: 'http_request_duration_seconds_bucket{job="checkout"}', thresholdSeconds: 0.25 },
  excludePaths: ["/healthz"],
};
const search: SloSpec = {
  name: "search",
  service: "search",
  objective: 99.5,
  window: "28d",
  availability: { good: "grpc_ok_total", total: "grpc_total" },
};

interface Panel {
  title: string;
  type: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets: { expr: string; legendFormat: string }[];
  fieldConfig: { defaults: { unit?: string; thresholds?: { steps: { value: number | null }[] } } };
}
const dashboard = sloDashboard([checkout, search]) as { uid: string; panels: Panel[] };
const titles = (service: string) =>
  dashboard.panels.filter((p) => p.title.startsWith(`${service} · `)).map((p) => p.title.split(" · ")[1]);
const panel = (title: string) => dashboard.panels.find((p) => p.title === title)!;

describe("the SLO Grafana dashboard", () => {
  it("shows each service's golden signals and its remaining budget, latency only where an SLI has it", () => {
    expect(titles("checkout")).toEqual([
      "traffic (requests/s, probes excluded)",
      "errors (budget 0.1%)",
      "latency (objective: within 0.25s)",
      "saturation (replicas against the HPA maximum)",
      "error budget left (99.9% over 30d)",
    ]);
    expect(titles("search")).toEqual([
      "traffic (requests/s, probes excluded)",
      "errors (budget 0.5%)",
      "saturation (replicas against the HPA maximum)",
      "error budget left (99.5% over 28d)",
    ]);
  });

  it("reads the recorded SLI series the alerts read, and draws the error budget as a threshold", () => {
    expect(panel("checkout · errors (budget 0.1%)").targets.map((t) => t.expr)).toEqual([
      'slo:sli_error:ratio_rate5m{slo="checkout-availability",sli="availability"}',
      'slo:sli_error:ratio_rate1h{slo="checkout-availability",sli="availability"}',
    ]);
    expect(panel("checkout · errors (budget 0.1%)").fieldConfig.defaults.thresholds!.steps[1]!.value).toBe(
      0.001,
    );
    expect(panel("search · traffic (requests/s, probes excluded)").targets[0]!.expr).toBe(
      'slo:sli_requests:increase5m{slo="search",sli="availability"} / 300',
    );
    expect(panel("checkout · error budget left (99.9% over 30d)").targets.map((t) => t.legendFormat)).toEqual(
      ["availability", "latency"],
    );
  });

  it("leaves the probe paths out of the latency quantile, like the SLI", () => {
    expect(panel("checkout · latency (objective: within 0.25s)").targets[0]!.expr).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout",path!~"/healthz"}[5m])))',
    );
  });

  it("writes valid PromQL and keeps every row on the 24-column grid without overlap", () => {
    for (const p of dashboard.panels) {
      for (const t of p.targets) expect(promqlErrors(t.expr), t.expr).toEqual([]);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
    const cells = dashboard.panels.map((p) => `${p.gridPos.x},${p.gridPos.y}`);
    expect(new Set(cells).size).toBe(cells.length);
  });
});
