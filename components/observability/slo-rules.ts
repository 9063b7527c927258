import {
  asPercent,
  BURN_RATE_WINDOWS,
  burnRateThreshold,
  ERROR_RATIO_WINDOWS,
  errorBudget,
  objectiveRatio,
  promNumber,
  type BurnRateWindow,
} from "./burn-rate";
import {
  DEFAULT_SLO_PATH_LABEL,
  DEFAULT_SLO_WINDOW,
  WORKLOAD_UNINSTRUMENTED_PATHS,
  type SliKind,
  type SloSpec,
} from "./slo";

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

/** A `monitoring.coreos.com/v1` PrometheusRule, as the Prometheus Operator reads it. */
export interface PrometheusRule {
  readonly apiVersion: "monitoring.coreos.com/v1";
  readonly kind: "PrometheusRule";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly spec: { readonly groups: readonly RuleGroup[] };
}

export interface SloRuleOptions {
  /** `metadata.name` of the PrometheusRule. */
  readonly name: string;
  readonly namespace: string;
  readonly slos: readonly SloSpec[];
  /** Base of the default runbook URL of every SLO alert. */
  readonly runbookBaseUrl: string;
  /** Extra labels on the PrometheusRule object (not on the rules). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Name of the alert every SLO burn-rate rule raises; `severity`, `slo` and the windows tell them apart. */
export const SLO_ALERT_NAME = "SLOErrorBudgetBurn";

/** Slug of the runbook SLO alerts link to under the runbook base URL. */
export const SLO_RUNBOOK_SLUG = "slo-error-budget-burn";

/**
 * Name of the alert raised when an SLI's series are gone (pods or targets down, metric renamed, a
 * latency threshold that is no bucket bound): the ratios then have no data and no burn-rate alert
 * can fire. Pyrra calls the same alert SLOMetricAbsent.
 */
export const SLO_ABSENT_ALERT_NAME = "SLOMetricAbsent";
export const SLO_ABSENT_RUNBOOK_SLUG = "slo-metric-absent";
/**
 * How long the series must be gone. Prometheus looks back 5 minutes for the last sample of a series
 * that ended without a staleness marker, so a full outage pages within 5m + this + one evaluation.
 */
export const SLO_ABSENT_FOR = "2m";

export const errorRatioRecord = (window: string) => `slo:sli_error:ratio_rate${window}`;
/** Bad events in the last 5 minutes, recorded at every evaluation: what every longer window sums. */
export const ERRORS_INCREASE_RECORD = "slo:sli_errors:increase5m";
/** All events in the last 5 minutes, recorded at every evaluation. */
export const REQUESTS_INCREASE_RECORD = "slo:sli_requests:increase5m";
/** The window of the recorded increases, the shortest window any alert reads. */
export const INCREASE_WINDOW = "5m";
export const OBJECTIVE_RECORD = "slo:objective:ratio";
export const ERROR_BUDGET_RECORD = "slo:error_budget:ratio";
export const BUDGET_REMAINING_RECORD = "slo:error_budget_remaining:ratio";

/**
 * The `le` label value of a histogram bucket bound as Prometheus 3 stores it: classic histogram bounds
 * are normalised on ingestion to float notation, so an integer bound reads `1.0`, not `1`.
 */
export function bucketBoundLabel(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}.0` : promNumber(seconds);
}

/** Adds a label matcher to a series selector: `m{a="b"}` + `le="1.0"` → `m{a="b",le="1.0"}`. */
export function withMatcher(selector: string, matcher: string): string {
  const trimmed = selector.trim();
  if (!trimmed.endsWith("}")) return `${trimmed}{${matcher}}`;
  const open = trimmed.lastIndexOf("{");
  const inner = trimmed.slice(open + 1, -1).trim();
  const head = trimmed.slice(0, open + 1);
  return inner === "" ? `${head}${matcher}}` : `${head}${inner.replace(/,$/, "")},${matcher}}`;
}

/** A regular expression matching exactly `text` (RE2 syntax, as Prometheus uses). */
function literalRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A PromQL double-quoted string literal. */
function promString(text: string): string {
  return JSON.stringify(text);
}

/** The matcher leaving the SLO's excluded paths out, e.g. `path!~"/healthz|/metrics"`; none when the list is empty. */
export function excludedPathsMatcher(slo: Pick<SloSpec, "excludePaths" | "pathLabel">): string | undefined {
  const paths = slo.excludePaths ?? WORKLOAD_UNINSTRUMENTED_PATHS;
  if (paths.length === 0) return undefined;
  return `${slo.pathLabel ?? DEFAULT_SLO_PATH_LABEL}!~${promString(paths.map(literalRegex).join("|"))}`;
}

interface Sli {
  readonly kind: SliKind;
  /** Bad events over `window` (a counter increase). */
  errors(window: string): string;
  /** All events over `window`. */
  requests(window: string): string;
  /**
   * A selector with series whenever the service is up and scraped. Deliberately without the path
   * exclusion: the probes keep these series alive even when no user calls the service.
   */
  readonly presence: string;
}

/** Bad events as all minus good; never below 0 (the two counters are scraped a moment apart). */
function badEvents(good: string, total: string, window: string): string {
  return `clamp_min(sum(increase(${total}[${window}])) - sum(increase(${good}[${window}])), 0)`;
}

function slisOf(slo: SloSpec): Sli[] {
  const exclusion = excludedPathsMatcher(slo);
  const counted = (selector: string) => (exclusion ? withMatcher(selector, exclusion) : selector.trim());
  const good = counted(slo.availability.good);
  const total = counted(slo.availability.total);
  const slis: Sli[] = [
    {
      kind: "availability",
      errors: (w) => badEvents(good, total, w),
      requests: (w) => `sum(increase(${total}[${w}]))`,
      presence: slo.availability.total.trim(),
    },
  ];
  if (slo.latency) {
    const threshold = `le="${bucketBoundLabel(slo.latency.thresholdSeconds)}"`;
    const fast = withMatcher(counted(slo.latency.bucket), threshold);
    const all = withMatcher(counted(slo.latency.bucket), `le="+Inf"`);
    slis.push({
      kind: "latency",
      errors: (w) => badEvents(fast, all, w),
      requests: (w) => `sum(increase(${all}[${w}]))`,
      presence: withMatcher(slo.latency.bucket, threshold),
    });
  }
  return slis;
}

function seriesOf(record: string, slo: SloSpec, sli: Sli): string {
  return `${record}{slo="${slo.name}",sli="${sli.kind}"}`;
}

/**
 * The error ratio over `window` from the recorded 5-minute increases: bad events summed over the
 * window divided by all events summed over it, so each moment weighs as much as its traffic (an
 * average of 5-minute ratios would let a quiet night count as much as a busy day). Every 5-minute
 * increase is summed once per evaluation that recorded it, in the numerator and the denominator
 * alike, so the ratio is exact while the raw counters are read only over 5 minutes. No traffic at
 * all gives 0/0, no value, and no alert.
 */
export function windowErrorRatio(errors: string, requests: string, window: string): string {
  if (window === INCREASE_WINDOW) return `${errors} / ${requests}`;
  return `sum_over_time(${errors}[${window}]) / sum_over_time(${requests}[${window}])`;
}

function recordingRules(slo: SloSpec, sli: Sli): RecordingRule[] {
  const window = slo.window ?? DEFAULT_SLO_WINDOW;
  const labels = { slo: slo.name, service: slo.service, sli: sli.kind };
  const budget = errorBudget(slo.objective);
  const errors = seriesOf(ERRORS_INCREASE_RECORD, slo, sli);
  const requests = seriesOf(REQUESTS_INCREASE_RECORD, slo, sli);
  const ratio = (w: string) => ({
    record: errorRatioRecord(w),
    expr: windowErrorRatio(errors, requests, w),
    labels,
  });
  return [
    // Rules of a group run in order within one evaluation: the ratios below read these increases.
    { record: ERRORS_INCREASE_RECORD, expr: sli.errors(INCREASE_WINDOW), labels },
    { record: REQUESTS_INCREASE_RECORD, expr: sli.requests(INCREASE_WINDOW), labels },
    ...ERROR_RATIO_WINDOWS.map(ratio),
    // The SLO window needs that much retention; production validation makes sure of it (0011).
    ratio(window),
    { record: OBJECTIVE_RECORD, expr: `vector(${promNumber(objectiveRatio(slo.objective))})`, labels },
    { record: ERROR_BUDGET_RECORD, expr: `vector(${promNumber(budget)})`, labels },
    {
      record: BUDGET_REMAINING_RECORD,
      expr: `1 - (${seriesOf(errorRatioRecord(window), slo, sli)} / ${promNumber(budget)})`,
      labels,
    },
  ];
}

function burnRateAlert(slo: SloSpec, sli: Sli, burn: BurnRateWindow, runbookBaseUrl: string): AlertingRule {
  const window = slo.window ?? DEFAULT_SLO_WINDOW;
  const threshold = burnRateThreshold(slo.objective, burn.burnRate);
  const literal = promNumber(threshold);
  const long = seriesOf(errorRatioRecord(burn.longWindow), slo, sli);
  const short = seriesOf(errorRatioRecord(burn.shortWindow), slo, sli);
  const remaining = seriesOf(BUDGET_REMAINING_RECORD, slo, sli);
  return {
    alert: SLO_ALERT_NAME,
    expr: `${long} > ${literal} and ${short} > ${literal}`,
    for: burn.for,
    labels: {
      severity: burn.severity,
      slo: slo.name,
      service: slo.service,
      sli: sli.kind,
      long_window: burn.longWindow,
      short_window: burn.shortWindow,
    },
    annotations: {
      summary: `${slo.service}: the ${sli.kind} SLO ${slo.name} is burning its error budget ${burn.burnRate}x too fast`,
      description:
        `The ${sli.kind} error ratio of ${slo.service} over the last ${burn.longWindow} is {{ $value | humanizePercentage }}, ` +
        `above ${asPercent(threshold)} (${burn.burnRate}x the ${asPercent(errorBudget(slo.objective))} error budget of a ` +
        `${slo.objective}% objective over ${window}), and the last ${burn.shortWindow} shows it is still happening. ` +
        `Remaining error budget over ${window}: ` +
        `{{ with query \`${remaining}\` }}{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}.`,
      runbook_url: slo.runbookUrl ?? `${runbookBaseUrl}/${SLO_RUNBOOK_SLUG}`,
    },
  };
}

function absentAlert(slo: SloSpec, sli: Sli, runbookBaseUrl: string): AlertingRule {
  return {
    alert: SLO_ABSENT_ALERT_NAME,
    expr: `absent(${sli.presence})`,
    for: SLO_ABSENT_FOR,
    labels: { severity: "page", slo: slo.name, service: slo.service, sli: sli.kind },
    annotations: {
      summary: `${slo.service}: the ${sli.kind} SLO ${slo.name} has no metrics; the service or its scrape target is down`,
      description:
        `No series match ${sli.presence}, so the ${sli.kind} SLO ${slo.name} of ${slo.service} cannot be measured ` +
        `and its burn-rate alerts cannot fire. Usually every pod or scrape target is gone; otherwise the metric ` +
        `was renamed` +
        (sli.kind === "latency"
          ? ` or the latency threshold is not one of the histogram's bucket bounds.`
          : `.`),
      runbook_url: `${runbookBaseUrl}/${SLO_ABSENT_RUNBOOK_SLUG}`,
    },
  };
}

/**
 * The PrometheusRule for a list of SLOs: per SLO, one group recording the error ratio of each SLI
 * over every burn-rate window (plus the SLO window, objective and remaining budget), and one group
 * with, per SLI, an alert on its absent series and the four multi-window burn-rate alerts.
 */
export function sloPrometheusRule(options: SloRuleOptions): PrometheusRule {
  const groups = options.slos.flatMap((slo): RuleGroup[] => {
    const slis = slisOf(slo);
    return [
      { name: `slo-${slo.name}-recordings`, rules: slis.flatMap((sli) => recordingRules(slo, sli)) },
      {
        name: `slo-${slo.name}-alerts`,
        rules: slis.flatMap((sli) => [
          absentAlert(slo, sli, options.runbookBaseUrl),
          ...BURN_RATE_WINDOWS.map((burn) => burnRateAlert(slo, sli, burn, options.runbookBaseUrl)),
        ]),
      },
    ];
  });
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: options.name, namespace: options.namespace, labels: { ...(options.labels ?? {}) } },
    spec: { groups },
  };
}
