import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultMaxConnections, estimatedDbInstanceClassMemoryBytes } from "../../../components/database";
import { effectiveMaxConnections } from "../../../components/database/connection-limit";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe("RDS's default max_connections", () => {
  it("reserves the larger of 10 % and 300 MiB of the class's memory", () => {
    expect(estimatedDbInstanceClassMemoryBytes(1)).toBe(GIB - 300 * MIB);
    expect(estimatedDbInstanceClassMemoryBytes(16)).toBeCloseTo(16 * GIB * 0.9, 0);
  });

  it("applies LEAST({DBInstanceClassMemory/9531392}, 5000)", () => {
    expect(defaultMaxConnections(1)).toBe(Math.floor((GIB - 300 * MIB) / 9531392));
    expect(defaultMaxConnections(8)).toBe(811);
    expect(defaultMaxConnections(64)).toBe(5000);
    expect(defaultMaxConnections(1536)).toBe(5000);
  });

  it("stays at or below the limits measured on real instances, so the alarm errs early", () => {
    // Measured defaults: about 81-87 on 1 GiB, 190-200 on 2 GiB, 810-830 on 8 GiB, 1700+ on 16 GiB.
    expect(defaultMaxConnections(1)).toBeLessThanOrEqual(81);
    expect(defaultMaxConnections(1)).toBeGreaterThanOrEqual(70);
    expect(defaultMaxConnections(2)).toBeLessThanOrEqual(200);
    expect(defaultMaxConnections(8)).toBeLessThanOrEqual(830);
    expect(defaultMaxConnections(16)).toBeLessThanOrEqual(1722);
  });

  it("never exceeds the cap and never shrinks with more memory", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }), (a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(defaultMaxConnections(large)).toBeGreaterThanOrEqual(defaultMaxConnections(small));
        expect(defaultMaxConnections(large)).toBeLessThanOrEqual(5000);
      }),
    );
  });

  it("uses an explicit max_connections instead of the formula", () => {
    expect(effectiveMaxConnections(8, 300)).toBe(300);
    expect(effectiveMaxConnections(8)).toBe(811);
  });
});
