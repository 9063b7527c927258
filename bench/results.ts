import type { Measurement } from "./measurement";
import { median, ratio, summarize, type Summary } from "./stats";

/** Synth may take at most this many times the floor's wall time (medians). */
export const GOAL_MAX_RATIO = 1.2;

/**
 * The scaling series counts as flat when the time per resource of the largest stack is at most this
 * many times that of the smallest: fixed costs (config, validation, one invoke) make small stacks
 * dearer per resource, so only growth is a problem.
 */
export const FLAT_MAX_GROWTH = 1.2;

export interface MachineInfo {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGb: number;
  /** 1, 5 and 15 minute load averages when the benchmark started and when it ended. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

/** Repeated measurements of one mode on one stack. */
export interface ModeResult {
  readonly resources: number;
  readonly customResources: number;
  readonly ms: Summary;
  readonly cpuMs: Summary;
  readonly loadMs: Summary;
  readonly maxRssMb: Summary;
  readonly runRssMb: Summary;
}

export interface StackComparison {
  readonly stack: string;
  readonly synth: ModeResult;
  readonly floor: ModeResult;
  /** synth / floor, of the medians. */
  readonly ratio: {
    readonly ms: number;
    readonly cpuMs: number;
    readonly maxRssMb: number;
    readonly runRssMb: number;
  };
  /** Whether `ratio.ms` is within GOAL_MAX_RATIO. */
  readonly goalMet: boolean;
}

export interface ScalingPoint {
  readonly services: number;
  readonly synth: ModeResult;
  /** Median wall time per registered resource, milliseconds. */
  readonly msPerResource: number;
  /** Median CPU time per registered resource, milliseconds. */
  readonly cpuMsPerResource: number;
}

export interface ScalingSeries {
  readonly points: readonly ScalingPoint[];
  /** Wall time per resource of the largest stack over that of the smallest. */
  readonly growth: number;
  readonly flat: boolean;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly repetitions: number;
  readonly goalMaxRatio: number;
  readonly stacks: readonly StackComparison[];
  readonly scaling: ScalingSeries;
}

/** Summarizes the runs of one mode; they must all have registered the same resources. */
export function modeResult(runs: readonly Measurement[]): ModeResult {
  const first = runs[0];
  if (!first) throw new Error("no measurements");
  const odd = runs.find(
    (r) => r.resources !== first.resources || r.customResources !== first.customResources,
  );
  if (odd) {
    throw new Error(
      `${first.mode} ${first.stack}: runs registered different resource counts (${first.resources}, ${odd.resources})`,
    );
  }
  const of = (key: "ms" | "cpuMs" | "loadMs" | "maxRssMb" | "runRssMb") => summarize(runs.map((r) => r[key]));
  return {
    resources: first.resources,
    customResources: first.customResources,
    ms: of("ms"),
    cpuMs: of("cpuMs"),
    loadMs: of("loadMs"),
    maxRssMb: of("maxRssMb"),
    runRssMb: of("runRssMb"),
  };
}

export function compareToFloor(
  stack: string,
  synthRuns: readonly Measurement[],
  floorRuns: readonly Measurement[],
): StackComparison {
  const synth = modeResult(synthRuns);
  const floor = modeResult(floorRuns);
  if (floor.customResources !== synth.customResources) {
    throw new Error(
      `${stack}: the floor registered ${floor.customResources} provider resources, synth ${synth.customResources}`,
    );
  }
  const of = (key: "ms" | "cpuMs" | "maxRssMb" | "runRssMb") => ratio(synth[key].median, floor[key].median);
  const ratios = { ms: of("ms"), cpuMs: of("cpuMs"), maxRssMb: of("maxRssMb"), runRssMb: of("runRssMb") };
  return { stack, synth, floor, ratio: ratios, goalMet: ratios.ms <= GOAL_MAX_RATIO };
}

export function scalingSeries(
  runs: readonly { services: number; runs: readonly Measurement[] }[],
): ScalingSeries {
  const points = [...runs]
    .sort((a, b) => a.services - b.services)
    .map(({ services, runs: measured }) => {
      const synth = modeResult(measured);
      return {
        services,
        synth,
        msPerResource: median(measured.map((r) => r.ms / r.resources)),
        cpuMsPerResource: median(measured.map((r) => r.cpuMs / r.resources)),
      };
    });
  const smallest = points[0];
  const largest = points[points.length - 1];
  if (!smallest || !largest) throw new Error("no scaling points");
  const growth = ratio(largest.msPerResource, smallest.msPerResource);
  return { points, growth, flat: growth <= FLAT_MAX_GROWTH };
}
