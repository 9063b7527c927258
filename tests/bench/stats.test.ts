import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, ratio, summarize } from "../../bench/stats";

describe("median", () => {
  it("takes the middle sample of an odd count, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it("takes the mean of the two middle samples of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("refuses no samples", () => {
    expect(() => median([])).toThrow("median of no samples");
  });

  it("lies between the smallest and the largest sample", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1 }), (samples) => {
        const m = median(samples);
        expect(m).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(m).toBeLessThanOrEqual(Math.max(...samples));
      }),
    );
  });
});

describe("summarize", () => {
  it("gives median, range and the samples in their order", () => {
    expect(summarize([30, 10, 20, 50])).toEqual({ median: 25, min: 10, max: 50, samples: [30, 10, 20, 50] });
  });
});

describe("ratio", () => {
  it("rounds to two decimals", () => {
    expect(ratio(612, 500)).toBe(1.22);
    expect(ratio(2, 3)).toBe(0.67);
  });

  it("refuses a zero denominator", () => {
    expect(() => ratio(1, 0)).toThrow("ratio to zero");
  });
});
