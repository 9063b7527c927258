import { FLAT_MAX_GROWTH, GOAL_MAX_RATIO, type BenchResults } from "./results";
import type { Summary } from "./stats";

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** `median (min–max)`. */
export function spread(summary: Summary, digits = 0): string {
  return `${fixed(summary.median, digits)} (${fixed(summary.min, digits)}–${fixed(summary.max, digits)})`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

function loads(values: readonly number[]): string {
  return values.map((v) => fixed(v, 2)).join(" / ");
}

/** The README's benchmark results: how they were taken, synth against the floor, and the scaling series. */
export function renderResults(results: BenchResults): string {
  const { machine } = results;
  const counts = results.scaling.points.map((p) => p.services);
  const smallest = Math.min(...counts);
  const largest = Math.max(...counts);
  const lines = [
    `Measured ${results.date.slice(0, 10)} on ${machine.cpuModel} (${machine.cpus} CPUs, ` +
      `${machine.memoryGb} GB), Node ${machine.node}, ${machine.platform}/${machine.arch}; load average ` +
      `(1/5/15 min) ${loads(machine.loadAverage.start)} at the start, ${loads(machine.loadAverage.end)} at the ` +
      `end. ${results.repetitions} run${results.repetitions === 1 ? "" : "s"} of each, every run a fresh process; median (min–max).`,
    "",
    ...table(
      [
        "stack",
        "resources synth / floor",
        "synth ms",
        "floor ms",
        "time ratio",
        "synth CPU ms",
        "floor CPU ms",
        "CPU ratio",
      ],
      results.stacks.map((s) => [
        s.stack,
        `${s.synth.resources} / ${s.floor.resources}`,
        spread(s.synth.ms),
        spread(s.floor.ms),
        `**${fixed(s.ratio.ms, 2)}**`,
        spread(s.synth.cpuMs),
        spread(s.floor.cpuMs),
        fixed(s.ratio.cpuMs, 2),
      ]),
    ),
    "",
    ...table(
      [
        "stack",
        "synth peak RSS MiB",
        "floor peak RSS MiB",
        "ratio",
        "synth run RSS MiB",
        "floor run RSS MiB",
        "ratio",
        "module load ms synth / floor",
      ],
      results.stacks.map((s) => [
        s.stack,
        spread(s.synth.maxRssMb),
        spread(s.floor.maxRssMb),
        fixed(s.ratio.maxRssMb, 2),
        spread(s.synth.runRssMb),
        spread(s.floor.runRssMb),
        fixed(s.ratio.runRssMb, 2),
        `${fixed(s.synth.loadMs.median, 0)} / ${fixed(s.floor.loadMs.median, 0)}`,
      ]),
    ),
    "",
    `Goal, synth within ${GOAL_MAX_RATIO}× the floor's wall time: ` +
      results.stacks.map((s) => `${s.stack} ${s.goalMet ? "met" : "**not met**"}`).join(", ") +
      ".",
    "",
    ...table(
      ["services", "resources", "synth ms", "ms per resource", "CPU ms per resource", "peak RSS MiB"],
      results.scaling.points.map((p) => [
        String(p.services),
        String(p.synth.resources),
        spread(p.synth.ms),
        fixed(p.msPerResource, 2),
        fixed(p.cpuMsPerResource, 2),
        spread(p.synth.maxRssMb),
      ]),
    ),
    "",
    `Wall time per resource at ${largest} services over ${smallest}: ${fixed(results.scaling.growth, 2)} ` +
      `(${results.scaling.flat ? `flat: at most ${FLAT_MAX_GROWTH}` : `**grows**: more than ${FLAT_MAX_GROWTH}`}).`,
  ];
  return lines.join("\n");
}
