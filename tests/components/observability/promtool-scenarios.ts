import { stringify } from "yaml";
import { bucketBoundLabel, type PrometheusRule } from "../../../components/observability/slo-rules";
import type { SloSpec } from "../../../components/observability/slo";

/**
 * Input series and expectations for `promtool test rules`, for one SLO of the HTTP-server shape the
 * stacks use: a request counter and a latency histogram with `path` and `status` labels, whose good
 * selector keeps `status` outside 5xx. Every series is sampled once a minute.
 */

/** Requests per minute in one phase; a phase without traffic keeps its counters flat. */
export interface Traffic {
  /** Requests per minute from users, on one API path. */
  readonly user: number;
  /** Share of the user requests answered with a 5xx. */
  readonly errorShare: number;
  /** Requests per minute on each excluded path (kubelet probes, Prometheus scrapes); always 200. */
  readonly probes: number;
}

export interface Phase {
  readonly minutes: number;
  /** `"gone"`: every series stops (pods and targets gone); only as the last phase. */
  readonly traffic: Traffic | "gone";
}

/** What must be firing at a point in time: the label sets of `ALERTS{alertstate="firing"}` matching `filter`. */
export interface Expectation {
  readonly atMinute: number;
  /** Extra matchers on ALERTS, e.g. `severity="page"`. */
  readonly filter?: string;
  readonly firing: readonly Readonly<Record<string, string>>[];
}

/** The samples a PromQL expression must return at a point in time (for recorded series, not alerts). */
export interface SeriesExpectation {
  readonly atMinute: number;
  readonly expr: string;
  readonly samples: readonly { readonly labels: Readonly<Record<string, string>>; readonly value: number }[];
}

export interface Scenario {
  readonly name: string;
  readonly phases: readonly Phase[];
  readonly expect: readonly (Expectation | SeriesExpectation)[];
}

/**
 * How often promtool evaluates the rules: coarser than the chart's 30 s, which can only delay an
 * alert (one proven to fire in time here fires no later in the cluster), at half the cost.
 */
export const EVALUATION_INTERVAL = "1m";

/** The API path user traffic goes to; never excluded. */
export const USER_PATH = "/api/v1/orders";

/** `name{a="b"}` → name and its equality matchers (the labels every generated series carries). */
export function seriesIdentity(selector: string): { name: string; labels: Record<string, string> } {
  const match = /^([A-Za-z_:][A-Za-z0-9_:]*)\s*(?:\{(.*)\})?$/.exec(selector.trim());
  if (!match) throw new Error(`scenario series need a metric name: ${selector}`);
  const labels: Record<string, string> = {};
  for (const [, label, value] of (match[2] ?? "").matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"/g))
    labels[label!] = value!;
  return { name: match[1]!, labels };
}

const seriesText = (name: string, labels: Readonly<Record<string, string>>) =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",")}}`;

/**
 * A counter starting at 0 in promtool's expanding notation, one sample per minute, each adding that
 * minute's increment: [30, 30, 30, 0, 0] → `0 30+30x2 90+0x1` (6 samples).
 */
export function counterValues(steps: readonly number[]): string {
  const segments: string[] = ["0"];
  let value = 0;
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    let n = 1;
    while (i + n < steps.length && steps[i + n] === step) n++;
    const start = value + step;
    segments.push(n === 1 ? `${round(start)}` : `${round(start)}+${round(step)}x${n - 1}`);
    value = round(value + step * n);
    i += n;
  }
  return segments.join(" ");
}

const round = (v: number) => Number(v.toFixed(6));

/** Per-minute increments of one series over the scenario, until the series stops. */
function increments(phases: readonly Phase[], perMinute: (t: Traffic) => number): number[] {
  const out: number[] = [];
  for (const phase of phases) {
    if (phase.traffic === "gone") break;
    for (let m = 0; m < phase.minutes; m++) out.push(perMinute(phase.traffic));
  }
  return out;
}

/** The input series of a scenario for an SLO: counts and, with a latency SLI, histogram buckets. */
export function inputSeries(slo: SloSpec, scenario: Scenario, probePaths: readonly string[]) {
  const count = seriesIdentity(slo.availability.total);
  const pathLabel = slo.pathLabel ?? "path";
  const kinds: { path: string; status: string; perMinute: (t: Traffic) => number }[] = [
    { path: USER_PATH, status: "200", perMinute: (t) => t.user * (1 - t.errorShare) },
    { path: USER_PATH, status: "500", perMinute: (t) => t.user * t.errorShare },
    ...probePaths.map((path) => ({ path, status: "200", perMinute: (t: Traffic) => t.probes })),
  ];
  const series: { series: string; values: string }[] = [];
  for (const kind of kinds) {
    const values = counterValues(increments(scenario.phases, kind.perMinute));
    const labels = { [pathLabel]: kind.path, status: kind.status };
    series.push({ series: seriesText(count.name, { ...count.labels, ...labels }), values });
    if (slo.latency) {
      // Every request is fast: latency stays healthy, so only availability scenarios drive alerts.
      const bucket = seriesIdentity(slo.latency.bucket);
      for (const le of [bucketBoundLabel(slo.latency.thresholdSeconds), "+Inf"])
        series.push({ series: seriesText(bucket.name, { ...bucket.labels, ...labels, le }), values });
    }
  }
  return series;
}

/**
 * A `promtool test rules` file for the scenarios, against `rule` written to `ruleFile` (relative to
 * the test file). Groups evaluate in the rule's order, recordings before the alerts reading them:
 * promtool's default order is random, which would make an alert a step late in some runs.
 */
export function promtoolTestFile(
  ruleFile: string,
  rule: PrometheusRule,
  slo: SloSpec,
  scenarios: readonly Scenario[],
  probePaths: readonly string[],
): string {
  return stringify(
    {
      rule_files: [ruleFile],
      evaluation_interval: EVALUATION_INTERVAL,
      group_eval_order: rule.spec.groups.map((g) => g.name),
      tests: scenarios.map((scenario) => ({
        name: scenario.name,
        interval: "1m",
        input_series: inputSeries(slo, scenario, probePaths),
        promql_expr_test: scenario.expect.map((e) =>
          "expr" in e
            ? {
                expr: e.expr,
                eval_time: `${e.atMinute}m`,
                exp_samples: e.samples.map((sample) => ({
                  labels: seriesText("", sample.labels),
                  value: sample.value,
                })),
              }
            : {
                expr: `ALERTS{alertstate="firing"${e.filter ? `,${e.filter}` : ""}}`,
                eval_time: `${e.atMinute}m`,
                exp_samples: e.firing.map((labels) => ({
                  labels: seriesText("ALERTS", { alertstate: "firing", ...labels }),
                  value: 1,
                })),
              },
        ),
      })),
    },
    { aliasDuplicateObjects: false, lineWidth: 0 },
  );
}

/** The rule file promtool reads: the PrometheusRule's groups. */
export function ruleFileText(rule: PrometheusRule): string {
  return stringify({ groups: rule.spec.groups }, { aliasDuplicateObjects: false, lineWidth: 0 });
}
