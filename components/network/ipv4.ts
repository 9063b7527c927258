/**
 * IPv4 range arithmetic on plain numbers: an address is an integer in [0, 2^32), which a double
 * holds exactly, so no bit tricks with signed 32-bit results are needed.
 */

/** An IPv4 CIDR block: its first address and its prefix length. */
export interface Ipv4Range {
  readonly base: number;
  readonly prefixLength: number;
}

export type CidrParseResult =
  { readonly ok: true; readonly range: Ipv4Range } | { readonly ok: false; readonly reason: string };

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** How many addresses a block of `prefixLength` holds. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** One past the block's last address. */
export function rangeEnd(range: Ipv4Range): number {
  return range.base + blockSize(range.prefixLength);
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

export function formatCidr(range: Ipv4Range): string {
  return `${formatAddress(range.base)}/${range.prefixLength}`;
}

/**
 * Parses `a.b.c.d/n`. Rejects leading zeros in octets (some tools read them as octal) and
 * addresses with host bits set, which AWS refuses and which usually mean a typo.
 */
export function parseCidr(text: string): CidrParseResult {
  const match = CIDR_SHAPE.exec(text);
  if (!match) return { ok: false, reason: "is not an IPv4 CIDR block like 10.0.0.0/16" };
  const octetTexts = match.slice(1, 5) as [string, string, string, string];
  const badOctet = octetTexts.find((o) => Number(o) > 255 || (o.length > 1 && o.startsWith("0")));
  if (badOctet !== undefined) {
    return { ok: false, reason: `has the octet ${badOctet}; octets are 0-255 without leading zeros` };
  }
  const prefixLength = Number(match[5]);
  if (prefixLength > 32)
    return { ok: false, reason: `has the prefix /${prefixLength}; IPv4 prefixes are /0-/32` };
  const address = octetTexts.reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = blockSize(prefixLength);
  const base = address - (address % size);
  if (base !== address) {
    return {
      ok: false,
      reason: `has host bits set; the block starts at ${formatCidr({ base, prefixLength })}`,
    };
  }
  return { ok: true, range: { base, prefixLength } };
}

/** Whether `inner` lies entirely within `outer`. */
export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.base >= outer.base && rangeEnd(inner) <= rangeEnd(outer);
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.base < rangeEnd(b) && b.base < rangeEnd(a);
}

/** `10.0.0.0-10.0.191.255`: a span that is not necessarily one CIDR block. */
export function formatSpan(start: number, end: number): string {
  return `${formatAddress(start)}-${formatAddress(end - 1)}`;
}

/**
 * How many distinct addresses a list of blocks covers together: overlapping and nested blocks count
 * once. `[0.0.0.0/1, 128.0.0.0/1]` covers all 2^32, which no single block of the list shows. Pure.
 */
export function unionSize(ranges: readonly Ipv4Range[]): number {
  const sorted = [...ranges].sort((a, b) => a.base - b.base);
  let total = 0;
  let end = 0;
  for (const range of sorted) {
    const start = Math.max(range.base, end);
    const stop = rangeEnd(range);
    if (stop > start) total += stop - start;
    end = Math.max(end, stop);
  }
  return total;
}
