import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockSize,
  contains,
  formatAddress,
  formatCidr,
  formatSpan,
  overlaps,
  parseCidr,
  rangeEnd,
  unionSize,
} from "../../../components/network/ipv4";

function range(text: string) {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.range;
}

describe("parseCidr", () => {
  it("reads a block's first address and prefix", () => {
    expect(parseCidr("10.10.0.0/16")).toEqual({
      ok: true,
      range: { base: 10 * 2 ** 24 + 10 * 2 ** 16, prefixLength: 16 },
    });
    expect(parseCidr("255.255.255.255/32")).toEqual({
      ok: true,
      range: { base: 2 ** 32 - 1, prefixLength: 32 },
    });
    expect(parseCidr("0.0.0.0/0")).toEqual({ ok: true, range: { base: 0, prefixLength: 0 } });
  });

  it.each([
    ["10.0.0/16", "is not an IPv4 CIDR block"],
    ["10.0.0.0", "is not an IPv4 CIDR block"],
    ["10.0.0.0/16 ", "is not an IPv4 CIDR block"],
    ["fd00::/8", "is not an IPv4 CIDR block"],
    ["10.0.256.0/24", "has the octet 256"],
    ["10.01.0.0/16", "has the octet 01"],
    ["10.0.0.0/33", "has the prefix /33"],
  ])("rejects %s", (text, reason) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason).toContain(reason);
  });

  it("rejects host bits and names the block the address belongs to", () => {
    const parsed = parseCidr("10.0.3.7/22");
    expect(parsed).toEqual({ ok: false, reason: "has host bits set; the block starts at 10.0.0.0/22" });
  });

  it("round-trips every aligned block through formatCidr", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 32 }),
        (address, prefix) => {
          const base = address - (address % blockSize(prefix));
          const text = formatCidr({ base, prefixLength: prefix });
          expect(parseCidr(text)).toEqual({ ok: true, range: { base, prefixLength: prefix } });
        },
      ),
    );
  });
});

describe("range arithmetic", () => {
  it("sizes, ends and formats spans", () => {
    expect(blockSize(16)).toBe(65536);
    expect(blockSize(28)).toBe(16);
    expect(rangeEnd(range("10.0.0.0/24"))).toBe(range("10.0.1.0/24").base);
    expect(formatAddress(range("192.168.4.0/22").base)).toBe("192.168.4.0");
    expect(formatSpan(range("10.0.0.0/16").base, range("10.0.192.0/18").base)).toBe("10.0.0.0-10.0.191.255");
  });

  it("knows containment and overlap", () => {
    expect(contains(range("10.0.0.0/16"), range("10.0.255.240/28"))).toBe(true);
    expect(contains(range("10.0.0.0/16"), range("10.1.0.0/28"))).toBe(false);
    expect(contains(range("10.0.0.0/16"), range("10.0.0.0/15"))).toBe(false);
    expect(overlaps(range("10.0.0.0/19"), range("10.0.31.0/24"))).toBe(true);
    expect(overlaps(range("10.0.0.0/19"), range("10.0.32.0/19"))).toBe(false);
    expect(overlaps(range("10.0.32.0/19"), range("10.0.0.0/16"))).toBe(true);
  });
});

describe("unionSize", () => {
  const block = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([address, prefixLength]) => ({
      base: address - (address % blockSize(prefixLength)),
      prefixLength,
    }));

  it("counts all of IPv4 for two /1 halves, and overlaps once", () => {
    expect(unionSize([range("0.0.0.0/1"), range("128.0.0.0/1")])).toBe(2 ** 32);
    expect(unionSize([range("10.0.0.0/8"), range("10.1.0.0/16"), range("10.0.0.0/8")])).toBe(2 ** 24);
    expect(unionSize([range("203.0.113.0/24"), range("198.51.100.0/24")])).toBe(512);
    expect(unionSize([])).toBe(0);
  });

  it("lies between the largest block and the sum of all, and ignores order and repeats", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks) => {
        const size = unionSize(blocks);
        const sizes = blocks.map((b) => blockSize(b.prefixLength));
        expect(size).toBeGreaterThanOrEqual(Math.max(...sizes));
        expect(size).toBeLessThanOrEqual(
          Math.min(
            2 ** 32,
            sizes.reduce((a, b) => a + b, 0),
          ),
        );
        expect(unionSize([...blocks].reverse())).toBe(size);
        expect(unionSize([...blocks, ...blocks])).toBe(size);
      }),
    );
  });

  it("equals the sum exactly when no two blocks overlap", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
        const disjoint = blocks.every((a, i) => blocks.every((b, j) => i === j || !overlaps(a, b)));
        fc.pre(disjoint);
        expect(unionSize(blocks)).toBe(blocks.reduce((t, b) => t + blockSize(b.prefixLength), 0));
      }),
    );
  });
});
