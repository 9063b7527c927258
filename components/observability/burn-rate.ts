/**
 * Multi-window, multi-burn-rate alerting as the Google SRE workbook ("Alerting on SLOs") describes it:
 * an alert fires when both a long and a short window burn the error budget faster than the tier's
 * factor, so it catches fast outages quickly and slow leaks eventually, and resets soon after the
 * problem stops.
 *
 * The workbook states each tier as a share of the error budget spent within its long window (2% in
 * an hour pages) and turns it into a factor for a 30-day SLO (14.4x). The factor here is derived from
 * each SLO's own window instead, so the tier keeps its meaning for any window
 * (docs/decisions/0012-burn-rate-factors-per-window.md).
 */

import type { AlertSeverity } from "../core";
import { DEFAULT_SLO_WINDOW } from "./slo";

export interface BurnRateTier {
  readonly severity: AlertSeverity;
  /** The share of the SLO window's error budget that, spent within the long window, raises the alert. */
  readonly budgetConsumed: number;
  /** The window that proves the burn is significant. */
  readonly longWindow: string;
  /** The window that proves the burn is still happening (and lets the alert reset quickly). */
  readonly shortWindow: string;
  /** How long the condition must hold before the alert fires, against one-evaluation blips. */
  readonly for: string;
}

/**
 * The workbook's tiers: 2% of the budget in 1h and 5% in 6h page, 10% in 3d opens a ticket; the 10%
 * in 1d ticket (3x for 30 days) is the intermediate tier Pyrra and the Prometheus mixins add.
 */
export const BURN_RATE_TIERS: readonly BurnRateTier[] = [
  { severity: "page", budgetConsumed: 0.02, longWindow: "1h", shortWindow: "5m", for: "2m" },
  { severity: "page", budgetConsumed: 0.05, longWindow: "6h", shortWindow: "30m", for: "15m" },
  { severity: "ticket", budgetConsumed: 0.1, longWindow: "1d", shortWindow: "2h", for: "1h" },
  { severity: "ticket", budgetConsumed: 0.1, longWindow: "3d", shortWindow: "6h", for: "3h" },
];

/** A tier with its factor for one SLO window. */
export interface BurnRateWindow extends BurnRateTier {
  /** How many times faster than "exactly exhaust the budget over the SLO window" the budget burns. */
  readonly burnRate: number;
}

/**
 * The burn-rate factor of a tier for an SLO window: spending `budgetConsumed` of the budget within
 * the long window is burning `budgetConsumed × window / longWindow` times faster than the budget
 * allows (30d: 2% in 1h is 14.4x; 7d: 3.36x). A factor below 1 would alert on a burn slower than
 * the budget allows, which ends the window with budget left: short windows give that for the ticket
 * tiers (7d: 10% in 3d is 0.23x), so the factor never goes below 1.
 */
export function burnRateFactor(tier: BurnRateTier, sloWindow: string): number {
  const window = durationSeconds(sloWindow);
  const long = durationSeconds(tier.longWindow);
  if (window === undefined || long === undefined)
    throw new Error(`burn-rate windows need single-unit durations: ${sloWindow}, ${tier.longWindow}`);
  return Math.max(1, tidy((tier.budgetConsumed * window) / long));
}

/** The tiers with their factors for an SLO window, in BURN_RATE_TIERS order. */
export function burnRateWindows(sloWindow: string): BurnRateWindow[] {
  return BURN_RATE_TIERS.map((tier) => ({ ...tier, burnRate: burnRateFactor(tier, sloWindow) }));
}

/** The fastest factor for an SLO window: with an objective too low, its threshold reaches 100% and can never fire. */
export function fastestBurnRate(sloWindow: string): number {
  return Math.max(...burnRateWindows(sloWindow).map((w) => w.burnRate));
}

/** Every window an error ratio is recorded over: each long and short window above, shortest first. */
export const ERROR_RATIO_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

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

/**
 * The tiers with their factors for the default 30-day window (14.4x, 6x, 3x, 1x). Last in the
 * module: it evaluates durationSeconds, which needs DURATION_UNITS above.
 * @deprecated since the factors depend on the SLO window; use `burnRateWindows(window)`.
 */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = burnRateWindows(DEFAULT_SLO_WINDOW);
