import type { Measurement } from "../../bench/measurement";

/** A measurement with round numbers; `overrides` set what a test is about. */
export function measurement(overrides: Partial<Measurement> = {}): Measurement {
  return {
    mode: "synth",
    stack: "dev",
    resources: 112,
    customResources: 106,
    ms: 500,
    cpuMs: 480,
    loadMs: 1500,
    maxRssMb: 240,
    runRssMb: 30,
    ...overrides,
  };
}
