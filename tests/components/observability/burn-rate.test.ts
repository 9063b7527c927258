import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asPercent,
  BURN_RATE_WINDOWS,
  burnRateThreshold,
  durationSeconds,
  ERROR_RATIO_WINDOWS,
  errorBudget,
  objectiveRatio,
  promNumber,
} from "../../../components/observability/burn-rate";

describe("burn-rate windows", () => {
  it("are the SRE workbook's four multi-window alerts: two page, two open a ticket", () => {
    expect(BURN_RATE_WINDOWS.map((w) => [w.severity, w.burnRate, w.longWindow, w.shortWindow])).toEqual([
      ["page", 14.4, "1h", "5m"],
      ["page", 6, "6h", "30m"],
      ["ticket", 3, "1d", "2h"],
      ["ticket", 1, "3d", "6h"],
    ]);
  });

  it("records the error ratio over every window an alert reads, and only those", () => {
    const used = new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.longWindow, w.shortWindow]));
    expect(new Set(ERROR_RATIO_WINDOWS)).toEqual(used);
    expect([...ERROR_RATIO_WINDOWS]).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
  });

  it("uses a short window of a twelfth of the long one, as the workbook recommends", () => {
    for (const w of BURN_RATE_WINDOWS) {
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
        const thresholds = BURN_RATE_WINDOWS.map((w) => burnRateThreshold(objective, w.burnRate));
        thresholds.forEach((threshold, i) => {
          expect(threshold).toBeCloseTo(BURN_RATE_WINDOWS[i]!.burnRate * budget, 12);
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
