import { describe, expect, it } from "vitest";
import type { BenchResults } from "../../bench/results";
import { compareToFloor, scalingSeries } from "../../bench/results";
import { renderResults, spread } from "../../bench/table";
import { measurement } from "./fixtures";

const results: BenchResults = {
  date: "2026-01-02T03:04:05.000Z",
  machine: {
    node: "v20.20.2",
    platform: "linux",
    arch: "x64",
    cpuModel: "Test CPU",
    cpus: 2,
    memoryGb: 24,
    loadAverage: { start: [0.5, 1, 1.25], end: [0.75, 1, 1.5] },
  },
  repetitions: 3,
  goalMaxRatio: 1.2,
  stacks: [
    compareToFloor(
      "dev",
      [measurement({ ms: 600 }), measurement({ ms: 580 }), measurement({ ms: 640 })],
      [measurement({ mode: "floor", resources: 107, ms: 500 })],
    ),
    compareToFloor(
      "prod",
      [measurement({ stack: "prod", ms: 700 })],
      [measurement({ mode: "floor", stack: "prod", resources: 107, ms: 500 })],
    ),
  ],
  scaling: scalingSeries([
    { services: 1, runs: [measurement({ resources: 112, ms: 448 })] },
    { services: 50, runs: [measurement({ resources: 455, ms: 1456 })] },
  ]),
};

describe("spread", () => {
  it("writes median (min–max)", () => {
    expect(spread({ median: 600.4, min: 580, max: 640.6, samples: [] })).toBe("600 (580–641)");
    expect(spread({ median: 1.234, min: 1, max: 2, samples: [] }, 2)).toBe("1.23 (1.00–2.00)");
  });
});

describe("renderResults", () => {
  const text = renderResults(results);
  const lines = text.split("\n");

  it("names the machine, the load and how many runs", () => {
    expect(lines[0]).toBe(
      "Measured 2026-01-02 on Test CPU (2 CPUs, 24 GB), Node v20.20.2, linux/x64; load average (1/5/15 min) " +
        "0.50 / 1.00 / 1.25 at the start, 0.75 / 1.00 / 1.50 at the end. 3 runs of each, every run a fresh " +
        "process; median (min–max).",
    );
  });

  it("has a time row per stack with both resource counts and the ratio of medians", () => {
    expect(lines).toContain(
      "| dev | 112 / 107 | 600 (580–640) | 500 (500–500) | **1.20** | 480 (480–480) | 480 (480–480) | 1.00 |",
    );
    expect(lines).toContain(
      "| prod | 112 / 107 | 700 (700–700) | 500 (500–500) | **1.40** | 480 (480–480) | 480 (480–480) | 1.00 |",
    );
  });

  it("has a memory row per stack with module loading apart", () => {
    expect(lines).toContain(
      "| dev | 240 (240–240) | 240 (240–240) | 1.00 | 30 (30–30) | 30 (30–30) | 1.00 | 1500 / 1500 |",
    );
  });

  it("says which stacks meet the goal", () => {
    expect(lines).toContain("Goal, synth within 1.2× the floor's wall time: dev met, prod **not met**.");
  });

  it("has a scaling row per service count and the verdict", () => {
    expect(lines).toContain("| 1 | 112 | 448 (448–448) | 4.00 | 4.29 | 240 (240–240) |");
    expect(lines).toContain("| 50 | 455 | 1456 (1456–1456) | 3.20 | 1.05 | 240 (240–240) |");
    expect(lines.at(-1)).toBe("Wall time per resource at 50 services over 1: 0.80 (flat: at most 1.2).");
  });

  it("right-aligns the number columns of every table", () => {
    const delimiters = lines.filter((line) => line.startsWith("| ---"));
    expect(delimiters).toHaveLength(3);
    for (const line of delimiters) expect(line).toMatch(/^\| --- (\| ---: )+\|$/);
  });
});
