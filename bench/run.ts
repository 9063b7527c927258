import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import * as prettier from "prettier";
import type { Measurement } from "./measurement";
import { parseOptions } from "./options";
import { replaceSection } from "./readme-section";
import {
  compareToFloor,
  GOAL_MAX_RATIO,
  scalingSeries,
  type BenchResults,
  type MachineInfo,
  type StackComparison,
} from "./results";
import { scaledStackFile } from "./scaling";
import { renderResults } from "./table";

/**
 * `npm run bench`: synth against the floor for each stack, then the scaling series; writes
 * bench/results/synth.json and the benchmark section of docs/operators/benchmark.md. Every measurement is a fresh
 * process (bench/measure.ts).
 */

const ROOT = resolve(__dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const MEASURE = join(ROOT, "bench", "measure.ts");
const RESULTS = join(ROOT, "bench", "results", "synth.json");
const RESULTS_PAGE = join(ROOT, "docs", "operators", "benchmark.md");
const STACKS = ["dev", "prod"] as const;
/** The stack the scaling series is derived from; the generated stacks keep its name. */
const SCALED_STACK = "dev";

function measure(mode: Measurement["mode"], cwd: string, stack: string, outDir: string): Measurement {
  const child = spawnSync(TSX, [MEASURE, mode, cwd, stack, outDir], { cwd: ROOT, encoding: "utf8" });
  if (child.status !== 0) {
    throw new Error(`measure ${mode} ${stack} exited with ${child.status}:\n${child.stderr}`);
  }
  const measurement = JSON.parse(child.stdout.trim().split("\n").pop()!) as Measurement;
  process.stderr.write(
    `  ${mode.padEnd(5)} ${stack.padEnd(6)} ${String(measurement.resources).padStart(4)} resources ` +
      `${measurement.ms.toFixed(0).padStart(5)} ms ${measurement.cpuMs.toFixed(0).padStart(5)} ms CPU ` +
      `${measurement.maxRssMb.toFixed(0).padStart(4)} MiB\n`,
  );
  return measurement;
}

function machine(start: readonly number[]): MachineInfo {
  const round = (values: readonly number[]) => values.map((v) => Math.round(v * 100) / 100);
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: { start: round(start), end: round(loadavg()) },
  };
}

/**
 * Alternates synth and floor, swapping which goes first on every repetition, so a change in the
 * machine's load falls on both. A first synth, not counted, warms the file cache and writes the
 * resources the floor replays.
 */
function compareStack(stack: string, repetitions: number, work: string): StackComparison {
  const outDir = join(work, `out-${stack}`);
  measure("synth", ROOT, stack, outDir);
  const runs: Record<Measurement["mode"], Measurement[]> = { synth: [], floor: [] };
  for (let i = 0; i < repetitions; i++) {
    const order = i % 2 === 0 ? (["synth", "floor"] as const) : (["floor", "synth"] as const);
    for (const mode of order) runs[mode].push(measure(mode, ROOT, stack, outDir));
  }
  return compareToFloor(stack, runs.synth, runs.floor);
}

/** A copy of this project whose stack has `services` services, cloned from the scaled stack's first. */
function scaledProject(services: number, work: string): string {
  const dir = join(work, `services-${services}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  const stackFile = readFileSync(join(ROOT, `Pulumi.${SCALED_STACK}.yaml`), "utf8");
  writeFileSync(join(dir, `Pulumi.${SCALED_STACK}.yaml`), scaledStackFile(stackFile, services));
  return dir;
}

async function updateReadme(results: BenchResults): Promise<void> {
  const updated = replaceSection(readFileSync(RESULTS_PAGE, "utf8"), renderResults(results));
  const config = await prettier.resolveConfig(RESULTS_PAGE);
  writeFileSync(RESULTS_PAGE, await prettier.format(updated, { ...config, filepath: RESULTS_PAGE }));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const loadAtStart = loadavg();
  const work = mkdtempSync(join(tmpdir(), "infra-bench-"));
  try {
    const stacks = STACKS.map((stack) => {
      process.stderr.write(`${stack}: synth against the floor, ${options.repetitions} runs each\n`);
      return compareStack(stack, options.repetitions, work);
    });
    const scaling = scalingSeries(
      options.services.map((services) => {
        process.stderr.write(`${services} service(s): synth, ${options.repetitions} runs\n`);
        const cwd = scaledProject(services, work);
        const outDir = join(cwd, "out");
        const runs = Array.from({ length: options.repetitions }, () =>
          measure("synth", cwd, SCALED_STACK, outDir),
        );
        return { services, runs };
      }),
    );
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: machine(loadAtStart),
      repetitions: options.repetitions,
      goalMaxRatio: GOAL_MAX_RATIO,
      stacks,
      scaling,
    };
    mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    await updateReadme(results);
    process.stdout.write(
      `${renderResults(results)}\n\nwrote ${RESULTS} and the benchmark section of docs/operators/benchmark.md\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
