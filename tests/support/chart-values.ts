import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** kube-prometheus-stack 88.2.0 and the sub-charts it pins (tests/support/reference/README.md). */
const CHART_DIR = join(__dirname, "reference/kube-prometheus-stack-88.2.0");

/** The sub-charts whose values live under their own key of the parent's values. */
export const SUB_CHARTS = ["grafana", "kube-state-metrics", "prometheus-node-exporter"] as const;

type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values => v !== null && typeof v === "object" && !Array.isArray(v);

/** Helm's coalescing of values: maps merge key by key, anything else from `top` replaces `base`. */
export function helmMerge(base: unknown, top: unknown): unknown {
  if (top === undefined) return base;
  if (!isMap(base) || !isMap(top)) return top;
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(top)) merged[key] = helmMerge(base[key], value);
  return merged;
}

/** The raw text of a values file: the parent's (`undefined`) or a sub-chart's. */
export function chartValuesText(subChart?: (typeof SUB_CHARTS)[number]): string {
  return readFileSync(join(CHART_DIR, subChart ? `charts/${subChart}/values.yaml` : "values.yaml"), "utf8");
}

let defaults: Values | undefined;

/**
 * The defaults the templates see: the parent's values, each sub-chart's section laid over that
 * sub-chart's own values.yaml (as Helm does for a dependency).
 */
export function chartDefaults(): Values {
  if (defaults === undefined) {
    const parent = parse(chartValuesText()) as Values;
    defaults = { ...parent };
    for (const sub of SUB_CHARTS) defaults[sub] = helmMerge(parse(chartValuesText(sub)), parent[sub]);
  }
  return structuredClone(defaults);
}

/** Our values over the chart's defaults: what the templates render from. */
export function effectiveValues(ours: Values): Values {
  return helmMerge(chartDefaults(), ours) as Values;
}
