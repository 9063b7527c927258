import { PROBE_DEFAULTS, SERVICE_DEFAULTS } from "../workload/defaults";

/** A service level objective, from which burn-rate recording and alerting rules are generated. */
export interface SloSpec {
  /** Unique name, a DNS label (`checkout-availability`): the `slo` label and part of every rule group name. */
  readonly name: string;
  /** The service the SLO protects: the `service` label of every rule and alert. */
  readonly service: string;
  /** Target share of good events, in percent, strictly between 0 and 100 (99.9 allows 0.1% bad events). */
  readonly objective: number;
  /**
   * The period the error budget covers, a Prometheus duration in days or weeks; the burn-rate
   * factors of the alerts derive from it (burnRateWindows). @default "30d"
   */
  readonly window?: string;
  /** Availability SLI: good events over all events, both counter selectors. */
  readonly availability: AvailabilitySli;
  /** Latency SLI: requests served within a threshold over all requests, from a histogram. @default none */
  readonly latency?: LatencySli;
  /** Runbook the alerts link to. @default `<runbookBaseUrl>/slo-error-budget-burn` */
  readonly runbookUrl?: string;
  /** Request paths left out of every SLI selector (probes, metrics). @default WORKLOAD_UNINSTRUMENTED_PATHS */
  readonly excludePaths?: string[];
  /** The label carrying the request path. @default "path" */
  readonly pathLabel?: string;
}

export interface AvailabilitySli {
  /** Counter selector of good events, e.g. `http_requests_total{job="api",code!~"5.."}`. */
  readonly good: string;
  /** Counter selector of all events, e.g. `http_requests_total{job="api"}`. */
  readonly total: string;
}

export interface LatencySli {
  /** Selector of the histogram's `_bucket` series, without an `le` matcher, e.g. `http_request_duration_seconds_bucket{job="api"}`. */
  readonly bucket: string;
  /** The latency a request must stay within to count as good, in seconds; must be one of the histogram's bucket bounds. */
  readonly thresholdSeconds: number;
  /** The histogram's bucket bounds in seconds, when declared; thresholdSeconds must be one of them. */
  readonly buckets?: number[];
}

/** The SLO window used when a spec gives none. */
export const DEFAULT_SLO_WINDOW = "30d";

/** Which indicator a rule measures: the `sli` label. */
export type SliKind = "availability" | "latency";

/** The label that carries the request path in the common HTTP server instrumentations. */
export const DEFAULT_SLO_PATH_LABEL = "path";

/**
 * Paths the AutoscaledService component's default probes and ServiceMonitor request: kubelet and
 * Prometheus hit them every few seconds and they always succeed, so counted as traffic they dilute
 * a real error ratio below the paging threshold.
 */
export const WORKLOAD_UNINSTRUMENTED_PATHS: readonly string[] = [
  ...new Set([...Object.values(PROBE_DEFAULTS).map((p) => p.path), SERVICE_DEFAULTS.metricsPath]),
];
