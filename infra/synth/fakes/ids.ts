import { createHash } from "node:crypto";

/**
 * Deterministic hex derived from a seed, so two synth runs give byte-identical output while
 * different resources still get different identifiers.
 */
export function hexFor(seed: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    out += createHash("sha256").update(`${round}:${seed}`).digest("hex");
  }
  return out.slice(0, length);
}

/** A decimal string of `length` digits derived from a seed (AWS account ids, numeric ids). */
export function digitsFor(seed: string, length: number): string {
  return hexFor(seed, length * 2)
    .match(/../g)!
    .map((pair) => (parseInt(pair, 16) % 10).toString())
    .join("")
    .slice(0, length);
}
