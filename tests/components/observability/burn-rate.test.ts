import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asPercent,
  BURN_RATE_TIERS,
  BURN_RATE_WINDOWS,
  burnRateFactor,
  burnRateThreshold,
  burnRateWindows,
  durationSeconds,
  fastestBurnRate,
  ERROR_RATIO_WINDOWS,
  errorBudget,
  objectiveRatio,
  promNumber,
} from "../../../components/observability/burn-rate";

describe("burn-rate windows", () => {
  it("are the SRE workbook's tiers as budget spent per long window: two page, two open a ticket", () => {
    expect(BURN_RATE_TIERS.map((t) => [t.severity, t.budgetConsumed, t.longWindow, t.shortWindow])).toEqual([
      ["page", 0.02, "1h", "5m"],
      ["page", 0.05, "6h", "30m"],
      ["ticket", 0.1, "1d", "2h"],
      ["ticket", 0.1, "3d", "6h"],
    ]);
  });

  it("give exactly the workbook's 14.4x, 6x, 3x and 1x for a 30-day window", () => {
    expect(burnRateWindows("30d").map((w) => w.burnRate)).toEqual([14.4, 6, 3, 1]);
    // The constant kept for 1.0.0 callers is the default window's tiers.
    expect(BURN_RATE_WINDOWS).toEqual(burnRateWindows("30d"));
  });

  it("scale with the SLO window: 28 days (4w) gives 13.44x, 5.6x, 2.8x", () => {
    expect(burnRateWindows("28d").map((w) => w.burnRate)).toEqual([13.44, 5.6, 2.8, 1]);
    expect(burnRateWindows("4w")).toEqual(burnRateWindows("28d"));
    expect(burnRateWindows("90d").map((w) => w.burnRate)).toEqual([43.2, 18, 9, 3]);
  });

  it("never go below 1x: a slower burn ends the window with budget left", () => {
    const tier3d = BURN_RATE_TIERS[3]!;
    // 10% of a 28-day budget in 3 days is 0.933x: raised to 1.
    expect((tier3d.budgetConsumed * 28) / 3).toBeLessThan(1);
    expect(burnRateFactor(tier3d, "28d")).toBe(1);
    // 7 days: 3.36x and 1.4x page; both tickets (0.7x, 0.23x) are raised to 1.
    expect(burnRateWindows("7d").map((w) => w.burnRate)).toEqual([3.36, 1.4, 1, 1]);
    // At exactly 1x (30 days, 3d tier) nothing is raised: a near miss of the floor.
    expect(burnRateFactor(tier3d, "30d")).toBe(1);
    expect(burnRateFactor(BURN_RATE_TIERS[2]!, "10d")).toBe(1);
    expect(burnRateFactor(BURN_RATE_TIERS[2]!, "11d")).toBe(1.1);
  });

  it("keep the fastest factor on the 1h page for every window of at least 7 days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 7, max: 400 }), (days) => {
        const windows = burnRateWindows(`${days}d`);
        expect(fastestBurnRate(`${days}d`)).toBe(windows[0]!.burnRate);
        expect(windows[0]!.severity).toBe("page");
        windows.forEach((w) => expect(w.burnRate).toBeGreaterThanOrEqual(1));
        // The pages always burn faster than the tickets.
        expect(Math.min(windows[0]!.burnRate, windows[1]!.burnRate)).toBeGreaterThan(
          Math.max(windows[2]!.burnRate, windows[3]!.burnRate),
        );
      }),
    );
  });

  it("records the error ratio over every window an alert reads, and only those", () => {
    const used = new Set(BURN_RATE_TIERS.flatMap((w) => [w.longWindow, w.shortWindow]));
    expect(new Set(ERROR_RATIO_WINDOWS)).toEqual(used);
    expect([...ERROR_RATIO_WINDOWS]).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
  });

  it("uses a short window of a twelfth of the long one, as the workbook recommends", () => {
    for (const w of BURN_RATE_TIERS) {
      expect(durationSeconds(w.longWindow)! / durationSeconds(w.shortWindow)!).toBe(12);
    }
  });
});

describe("thresholds", () => {
  it("computes exact decimal error budgets, free of binary floating point noise", () => {
    expect(errorBudget(99.9)).toBe(0.001);
    expect(errorBudget(99.95)).toBe(0.0005);
    expect(errorBudget(99)).toBe(0.01);
    expect(errorBudget(99.999)).toBe(0.00001);
    expect(objectiveRatio(99.9)).toBe(0.999);
  });

  it("gives 14.4 × (1 − 0.999) = 0.0144 and the other factors exactly", () => {
    expect(burnRateThreshold(99.9, 14.4)).toBe(0.0144);
    expect(burnRateThreshold(99.9, 6)).toBe(0.006);
    expect(burnRateThreshold(99.9, 3)).toBe(0.003);
    expect(burnRateThreshold(99.9, 1)).toBe(0.001);
    expect(burnRateThreshold(99.5, 14.4)).toBe(0.072);
    expect(burnRateThreshold(99.95, 14.4)).toBe(0.0072);
    // The naive product is not 0.0144: this is why the thresholds are tidied.
    expect(14.4 * (1 - 0.999)).not.toBe(0.0144);
  });

  it("writes PromQL literals in plain decimal notation", () => {
    expect(promNumber(0.0144)).toBe("0.0144");
    expect(promNumber(1e-7)).toBe("0.0000001");
    expect(promNumber(14.4)).toBe("14.4");
    expect(promNumber(2)).toBe("2");
    expect(asPercent(0.0144)).toBe("1.44%");
  });

  it("keeps thresholds exact and ordered for any objective with up to three decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 93100, max: 99999 }), (thousandths) => {
        const objective = thousandths / 1000;
        const budget = (100000 - thousandths) / 100000;
        const windows = burnRateWindows("30d");
        const thresholds = windows.map((w) => burnRateThreshold(objective, w.burnRate));
        thresholds.forEach((threshold, i) => {
          expect(threshold).toBeCloseTo(windows[i]!.burnRate * budget, 12);
          expect(promNumber(threshold)).toMatch(/^0\.\d{1,12}$/);
        });
        expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
      }),
    );
  });
});

describe("durations", () => {
  it("reads single-unit Prometheus durations and rejects anything else", () => {
    expect(durationSeconds("5m")).toBe(300);
    expect(durationSeconds("1h")).toBe(3600);
    expect(durationSeconds("30d")).toBe(2592000);
    expect(durationSeconds("4w")).toBe(2419200);
    expect(durationSeconds("0d")).toBeUndefined();
    expect(durationSeconds("1h30m")).toBeUndefined();
    expect(durationSeconds("30 days")).toBeUndefined();
  });
});
