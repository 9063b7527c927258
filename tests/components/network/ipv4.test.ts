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
