import { asPercent, errorBudget } from "./burn-rate";
import { DEFAULT_SLO_WINDOW, type SloSpec } from "./slo";
import {
  BUDGET_REMAINING_RECORD,
  errorRatioRecord,
  excludedPathsMatcher,
  REQUESTS_INCREASE_RECORD,
  withMatcher,
} from "./slo-rules";

/** The label and value the chart's Grafana sidecar loads dashboards from (any namespace). */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;
/** The uid of the Prometheus datasource the chart provisions. */
export const PROMETHEUS_DATASOURCE_UID = "prometheus";
/** Seconds in the window of the recorded increases (requests per second = increase / this). */
const INCREASE_SECONDS = 300;

interface Panel {
  readonly title: string;
  readonly type: "timeseries" | "stat";
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: { readonly type: "prometheus"; readonly uid: string };
  readonly targets: readonly {
    readonly expr: string;
    readonly legendFormat: string;
    readonly refId: string;
  }[];
  readonly fieldConfig: {
    readonly defaults: Record<string, unknown>;
    readonly overrides: readonly unknown[];
  };
}

const PANEL_HEIGHT = 7;
const GRID_WIDTH = 24;

interface PanelSpec {
  readonly title: string;
  readonly type?: Panel["type"];
  readonly targets: readonly (readonly [expr: string, legend: string])[];
  readonly defaults: Record<string, unknown>;
}

/**
 * The golden signals of each SLO's service with its objective and budget: traffic, errors (with the
 * error budget as a threshold line), latency, saturation (HPA replicas against its maximum), and the
 * remaining error budget over the SLO window. Built on the SLO recording rules, so it reads what the
 * alerts read.
 */
export function sloDashboard(slos: readonly SloSpec[]): Record<string, unknown> {
  const panels: Panel[] = [];
  slos.forEach((slo, row) => {
    const sel = (record: string, sli = "availability") => `${record}{slo="${slo.name}",sli="${sli}"}`;
    const budget = errorBudget(slo.objective);
    const window = slo.window ?? DEFAULT_SLO_WINDOW;
    const exclusion = excludedPathsMatcher(slo);
    const row_: PanelSpec[] = [
      {
        title: "traffic (requests/s, probes excluded)",
        targets: [[`${sel(REQUESTS_INCREASE_RECORD)} / ${INCREASE_SECONDS}`, "requests/s"]],
        defaults: { unit: "reqps" },
      },
      {
        title: `errors (budget ${asPercent(budget)})`,
        targets: [
          [sel(errorRatioRecord("5m")), "5m"],
          [sel(errorRatioRecord("1h")), "1h"],
        ],
        defaults: {
          unit: "percentunit",
          thresholds: {
            mode: "absolute",
            steps: [
              { color: "green", value: null },
              { color: "red", value: budget },
            ],
          },
          custom: { thresholdsStyle: { mode: "line" } },
        },
      },
      ...(slo.latency
        ? [
            {
              title: `latency (objective: within ${slo.latency.thresholdSeconds}s)`,
              targets: [
                [
                  `histogram_quantile(0.99, sum by (le) (rate(${exclusion ? withMatcher(slo.latency.bucket, exclusion) : slo.latency.bucket}[5m])))`,
                  "p99",
                ],
              ] as [string, string][],
              defaults: { unit: "s" },
            },
          ]
        : []),
      {
        title: "saturation (replicas against the HPA maximum)",
        targets: [
          [
            `max(kube_horizontalpodautoscaler_status_current_replicas{horizontalpodautoscaler="${slo.service}"})`,
            "replicas",
          ],
          [
            `max(kube_horizontalpodautoscaler_spec_max_replicas{horizontalpodautoscaler="${slo.service}"})`,
            "max",
          ],
        ],
        defaults: { unit: "none" },
      },
      {
        title: `error budget left (${slo.objective}% over ${window})`,
        type: "stat",
        targets: [
          [sel(BUDGET_REMAINING_RECORD), "availability"],
          ...(slo.latency ? [[sel(BUDGET_REMAINING_RECORD, "latency"), "latency"] as [string, string]] : []),
        ],
        defaults: {
          unit: "percentunit",
          thresholds: {
            mode: "absolute",
            steps: [
              { color: "red", value: null },
              { color: "green", value: 0 },
            ],
          },
        },
      },
    ];
    const width = Math.floor(GRID_WIDTH / row_.length);
    row_.forEach((spec, i) =>
      panels.push({
        title: `${slo.service} · ${spec.title}`,
        type: spec.type ?? "timeseries",
        gridPos: { x: i * width, y: row * PANEL_HEIGHT, w: width, h: PANEL_HEIGHT },
        datasource: { type: "prometheus", uid: PROMETHEUS_DATASOURCE_UID },
        targets: spec.targets.map(([expr, legendFormat], n) => ({
          expr,
          legendFormat,
          refId: String.fromCharCode(65 + n),
        })),
        fieldConfig: { defaults: spec.defaults, overrides: [] },
      }),
    );
  });
  return {
    title: "Service SLOs",
    uid: "infra-slos",
    editable: false,
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    panels: panels.map((p, id) => ({ id: id + 1, ...p })),
  };
}
