import { plainValue } from "../synth/model";

/** Deep equality of two property values as the engine serializes them (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(plainValue(a)) === JSON.stringify(plainValue(b));
}
