import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareQuantities,
  isPositive,
  isWhole,
  parseQuantity,
  type Quantity,
} from "../../../components/workload/quantity";

function q(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`${text} did not parse`);
  return parsed;
}

/** The quantity as a floating-point number of base units, for readable assertions. */
function value(text: string): number {
  const parsed = q(text);
  return Number(parsed.numerator) / Number(parsed.denominator);
}

describe("parseQuantity", () => {
  it.each([
    ["250m", 0.25],
    ["1", 1],
    ["1.5", 1.5],
    [".5", 0.5],
    ["5.", 5],
    ["100n", 1e-7],
    ["100u", 1e-4],
    ["2k", 2000],
    ["3M", 3e6],
    ["1G", 1e9],
    ["1T", 1e12],
    ["1P", 1e15],
    ["1E", 1e18],
    ["1Ki", 1024],
    ["512Mi", 512 * 2 ** 20],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["1Ti", 2 ** 40],
    ["1Pi", 2 ** 50],
    ["1Ei", 2 ** 60],
    ["1e3", 1000],
    ["25E-2", 0.25],
    ["1.5e+2", 150],
    ["-1", -1],
    ["+2", 2],
  ])("reads %s as %d base units", (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it.each(["500x", "", "m", "1 Gi", "1GB", "1gi", "0x10", "1e", "1.2.3", "Mi", "1e31", "1K", "--1", "1mi"])(
    "rejects %j",
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );

  it("parses exactly, so decimal and milli spellings of one value compare equal", () => {
    expect(compareQuantities(q("1.1"), q("1100m"))).toBe(0);
    expect(compareQuantities(q("0.1"), q("100m"))).toBe(0);
    expect(compareQuantities(q("1Gi"), q("1024Mi"))).toBe(0);
    expect(compareQuantities(q("1G"), q("1e9"))).toBe(0);
  });

  it("orders binary and decimal suffixes by value", () => {
    expect(compareQuantities(q("1G"), q("1Gi"))).toBeLessThan(0);
    expect(compareQuantities(q("1Gi"), q("1G"))).toBeGreaterThan(0);
    expect(compareQuantities(q("999m"), q("1"))).toBeLessThan(0);
    expect(compareQuantities(q("1.0001"), q("1"))).toBeGreaterThan(0);
  });

  it("tells whole byte counts from fractions and positive values from zero", () => {
    expect(isWhole(q("512Mi"))).toBe(true);
    expect(isWhole(q("1.5Ki"))).toBe(true);
    expect(isWhole(q("512m"))).toBe(false);
    expect(isPositive(q("0"))).toBe(false);
    expect(isPositive(q("-1"))).toBe(false);
    expect(isPositive(q("1n"))).toBe(true);
  });

  it("compares any milli count equal to its decimal spelling (property)", () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (millis) => {
        const decimal = `${Math.floor(millis / 1000)}.${String(millis % 1000).padStart(3, "0")}`;
        return compareQuantities(q(`${millis}m`), q(decimal)) === 0;
      }),
    );
  });

  it("orders quantities as it orders their byte counts, whatever the suffix (property)", () => {
    const suffixes = [
      ["", 1n],
      ["k", 1000n],
      ["Ki", 1024n],
      ["M", 1000n ** 2n],
      ["Mi", 1024n ** 2n],
      ["Gi", 1024n ** 3n],
    ] as const;
    const quantity = fc.tuple(fc.nat(100_000), fc.constantFrom(...suffixes));
    fc.assert(
      fc.property(quantity, quantity, ([a, [sa, ma]], [b, [sb, mb]]) => {
        const bytesA = BigInt(a) * ma;
        const bytesB = BigInt(b) * mb;
        const expected = bytesA < bytesB ? -1 : bytesA > bytesB ? 1 : 0;
        return compareQuantities(q(`${a}${sa}`), q(`${b}${sb}`)) === expected;
      }),
    );
  });
});
