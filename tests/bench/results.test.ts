import { describe, expect, it } from "vitest";
import { compareToFloor, GOAL_MAX_RATIO, modeResult, scalingSeries } from "../../bench/results";
import { measurement } from "./fixtures";

const floor = (overrides = {}) => measurement({ mode: "floor", resources: 107, ...overrides });

describe("modeResult", () => {
  it("summarizes every metric over the runs", () => {
    const result = modeResult([measurement({ ms: 500 }), measurement({ ms: 700 }), measurement({ ms: 600 })]);
    expect(result.resources).toBe(112);
    expect(result.customResources).toBe(106);
    expect(result.ms).toEqual({ median: 600, min: 500, max: 700, samples: [500, 700, 600] });
    expect(result.cpuMs.median).toBe(480);
    expect(result.loadMs.median).toBe(1500);
    expect(result.maxRssMb.median).toBe(240);
    expect(result.runRssMb.median).toBe(30);
  });

  it("refuses runs that registered different resources", () => {
    expect(() => modeResult([measurement(), measurement({ resources: 113 })])).toThrow(
      "synth dev: runs registered different resource counts (112, 113)",
    );
  });

  it("refuses no runs", () => {
    expect(() => modeResult([])).toThrow("no measurements");
  });
});

describe("compareToFloor", () => {
  it("divides the medians and meets the goal at 1.2× or less", () => {
    const comparison = compareToFloor(
      "dev",
      [measurement({ ms: 600, cpuMs: 550, maxRssMb: 250, runRssMb: 40 })],
      [floor({ ms: 500, cpuMs: 500, maxRssMb: 240, runRssMb: 32 })],
    );
    expect(comparison.ratio).toEqual({ ms: 1.2, cpuMs: 1.1, maxRssMb: 1.04, runRssMb: 1.25 });
    expect(comparison.goalMet).toBe(true);
    expect(GOAL_MAX_RATIO).toBe(1.2);
  });

  it("misses the goal above 1.2×", () => {
    expect(compareToFloor("dev", [measurement({ ms: 610 })], [floor({ ms: 500 })]).goalMet).toBe(false);
  });

  it("refuses a floor that registered other provider resources than synth", () => {
    expect(() => compareToFloor("dev", [measurement()], [floor({ customResources: 100 })])).toThrow(
      "dev: the floor registered 100 provider resources, synth 106",
    );
  });
});

describe("scalingSeries", () => {
  it("sorts by service count and gives the time per resource", () => {
    const series = scalingSeries([
      { services: 10, runs: [measurement({ resources: 200, ms: 800, cpuMs: 600 })] },
      { services: 1, runs: [measurement({ resources: 100, ms: 500, cpuMs: 400 })] },
    ]);
    expect(series.points.map((p) => [p.services, p.msPerResource, p.cpuMsPerResource])).toEqual([
      [1, 5, 4],
      [10, 4, 3],
    ]);
    expect(series.growth).toBe(0.8);
    expect(series.flat).toBe(true);
  });

  it("is not flat when the largest stack costs more than 1.2× per resource", () => {
    const series = scalingSeries([
      { services: 1, runs: [measurement({ resources: 100, ms: 400 })] },
      { services: 50, runs: [measurement({ resources: 400, ms: 2000 })] },
    ]);
    expect(series.growth).toBe(1.25);
    expect(series.flat).toBe(false);
  });
});
