/**
 * Kubernetes resource quantities, parsed exactly (as a fraction of base units: cores or bytes), so
 * `1.1` and `1100m` compare equal where floating point would not.
 *
 * Accepted, as Kubernetes accepts them: an optional sign, a decimal number (`1`, `1.5`, `.5`, `5.`)
 * and at most one suffix:
 * - decimal SI: `n` (1e-9), `u` (1e-6), `m` (1e-3), none, `k` (1e3), `M` (1e6), `G` (1e9), `T` (1e12),
 *   `P` (1e15), `E` (1e18);
 * - binary SI: `Ki` (2^10), `Mi` (2^20), `Gi` (2^30), `Ti` (2^40), `Pi` (2^50), `Ei` (2^60);
 * - a decimal exponent: `e` or `E` and a signed integer (`1e3`, `25e-2`), at most 30 in magnitude.
 *
 * Anything else (`500x`, `1 Gi`, `1GB`, `0x10`) is not a quantity.
 */
export interface Quantity {
  /** The value is `numerator / denominator` base units; the denominator is always positive. */
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const MAX_EXPONENT = 30;

const SUFFIX_SCALE: Readonly<Record<string, { readonly multiply: bigint; readonly divide: bigint }>> = {
  n: { multiply: 1n, divide: 10n ** 9n },
  u: { multiply: 1n, divide: 10n ** 6n },
  m: { multiply: 1n, divide: 10n ** 3n },
  k: { multiply: 10n ** 3n, divide: 1n },
  M: { multiply: 10n ** 6n, divide: 1n },
  G: { multiply: 10n ** 9n, divide: 1n },
  T: { multiply: 10n ** 12n, divide: 1n },
  P: { multiply: 10n ** 15n, divide: 1n },
  E: { multiply: 10n ** 18n, divide: 1n },
  Ki: { multiply: 2n ** 10n, divide: 1n },
  Mi: { multiply: 2n ** 20n, divide: 1n },
  Gi: { multiply: 2n ** 30n, divide: 1n },
  Ti: { multiply: 2n ** 40n, divide: 1n },
  Pi: { multiply: 2n ** 50n, divide: 1n },
  Ei: { multiply: 2n ** 60n, divide: 1n },
};

/** Parses a quantity; `undefined` when `text` is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign = "", number = "", exponent, suffix] = match;
  const [whole = "", fraction = ""] = number.split(".");
  let numerator = BigInt(`${whole}${fraction}` || "0") * (sign === "-" ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  if (exponent !== undefined) {
    const power = Number(exponent);
    if (Math.abs(power) > MAX_EXPONENT) return undefined;
    if (power >= 0) numerator *= 10n ** BigInt(power);
    else denominator *= 10n ** BigInt(-power);
  } else if (suffix !== undefined) {
    const scale = SUFFIX_SCALE[suffix];
    if (!scale) return undefined;
    numerator *= scale.multiply;
    denominator *= scale.divide;
  }
  return { numerator, denominator };
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isPositive(quantity: Quantity): boolean {
  return quantity.numerator > 0n;
}

/** Whether the quantity is a whole number of base units (memory must be whole bytes). */
export function isWhole(quantity: Quantity): boolean {
  return quantity.numerator % quantity.denominator === 0n;
}
