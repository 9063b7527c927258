/**
 * Multi-window, multi-burn-rate alerting as the Google SRE workbook ("Alerting on SLOs") describes it
 * for a 30-day SLO: an alert fires when both a long and a short window burn the error budget faster
 * than the factor, so it catches fast outages quickly and slow leaks eventually, and resets soon after
 * the problem stops.
 */

import type { AlertSeverity } from "../core";

export interface BurnRateWindow {
  readonly severity: AlertSeverity;
  /** How many times faster than "exactly exhaust the budget over the SLO window" the budget burns. */
  readonly burnRate: number;
  /** The window that proves the burn is significant. */
  readonly longWindow: string;
  /** The window that proves the burn is still happening (and lets the alert reset quickly). */
  readonly shortWindow: string;
  /** How long the condition must hold before the alert fires, against one-evaluation blips. */
  readonly for: string;
}

export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { severity: "page", burnRate: 14.4, longWindow: "1h", shortWindow: "5m", for: "2m" },
  { severity: "page", burnRate: 6, longWindow: "6h", shortWindow: "30m", for: "15m" },
  { severity: "ticket", burnRate: 3, longWindow: "1d", shortWindow: "2h", for: "1h" },
  { severity: "ticket", burnRate: 1, longWindow: "3d", shortWindow: "6h", for: "3h" },
];

/** Every window an error ratio is recorded over: each long and short window above, shortest first. */
export const ERROR_RATIO_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

/** The fastest burn rate: with an objective too low, its threshold exceeds 100% and can never fire. */
export const FASTEST_BURN_RATE = Math.max(...BURN_RATE_WINDOWS.map((w) => w.burnRate));

/** Decimal places in a number's shortest representation (`99.95` → 2). */
function decimalPlaces(value: number): number {
  const [mantissa = "", exponent] = value.toString().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** Removes binary floating point noise: 0.014400000000000001 → 0.0144. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The error budget of an objective given in percent, as a ratio: 99.9 → 0.001. Computed on scaled
 * integers, so it is the exact decimal, not 0.0009999999999990905.
 */
export function errorBudget(objectivePercent: number): number {
  const scale = 10 ** decimalPlaces(objectivePercent);
  return tidy((100 * scale - Math.round(objectivePercent * scale)) / (100 * scale));
}

/** The error ratio above which the budget burns `burnRate` times too fast: 14.4 × 0.001 = 0.0144. */
export function burnRateThreshold(objectivePercent: number, burnRate: number): number {
  return tidy(burnRate * errorBudget(objectivePercent));
}

/** The objective as a ratio: 99.9 → 0.999. */
export function objectiveRatio(objectivePercent: number): number {
  return tidy(objectivePercent / 100);
}

/** A ratio as a percentage for humans: 0.0144 → "1.44%". */
export function asPercent(ratio: number): string {
  return `${promNumber(tidy(ratio * 100))}%`;
}

/** A number as a PromQL literal in plain decimal notation (never `1e-7`), without trailing zeros. */
export function promNumber(value: number): string {
  const plain = value.toString();
  if (!plain.includes("e")) return plain;
  return value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/** Seconds in a single-unit Prometheus duration (`30m`, `6h`, `30d`, `4w`); undefined when malformed. */
export function durationSeconds(duration: string): number | undefined {
  const match = /^([1-9][0-9]*)([mhdw])$/.exec(duration);
  if (!match) return undefined;
  return Number(match[1]) * DURATION_UNITS[match[2]!]!;
}
