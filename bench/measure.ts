import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { SynthResource } from "../infra/synth/model";
import { loadProject, loadStackConfig } from "../infra/synth/project";
import { runProgram } from "../infra/synth/run";
import { synthesize, writeArtifacts } from "../infra/synth/synth";
import { floorProgram } from "./floor";
import type { Measurement } from "./measurement";

/**
 * One measurement in a fresh process, so peak memory belongs to this run alone:
 *   measure.ts synth <cwd> <stack> <outDir>   the real program; writes <outDir>/<stack>/resources.json
 *   measure.ts floor <cwd> <stack> <outDir>   the provider resources of that file, registered through
 *                                             their SDK classes, flat under the stack (bench/floor.ts)
 * Prints one JSON `Measurement`.
 *
 * Both modes import the same modules, so process start and module loading cost the same in both;
 * they are reported as `loadMs` and left out of `ms`. `ms` times the run alone: for synth,
 * `synthesize()` (stack config, the program under the fake cloud, policies, manifests); for the floor,
 * the stack config and the flat program under the same fake cloud. Writing synth's artefacts and
 * reading the floor's input happen outside it.
 */
async function main(): Promise<void> {
  const [mode, cwd, stack, outDir] = process.argv.slice(2);
  if ((mode !== "synth" && mode !== "floor") || !cwd || !stack || !outDir) {
    throw new Error("usage: measure.ts synth|floor <cwd> <stack> <outDir>");
  }
  const recorded =
    mode === "floor"
      ? (JSON.parse(readFileSync(join(outDir, stack, "resources.json"), "utf8")) as SynthResource[])
      : [];

  const loadMs = performance.now();
  const baselineRss = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = mode === "synth" ? await synthesize({ cwd, stack }) : undefined;
  const resources = result?.resources ?? (await runFloor(cwd, stack, recorded));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  if (result) writeArtifacts(result, outDir);
  const measurement: Measurement = {
    mode,
    stack,
    resources: resources.length,
    customResources: resources.filter((r) => r.custom).length,
    ms: round(ms),
    cpuMs: round((cpu.user + cpu.system) / 1000),
    loadMs: round(loadMs),
    maxRssMb: round(maxRss / 2 ** 20),
    runRssMb: round(Math.max(0, maxRss - baselineRss) / 2 ** 20),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

async function runFloor(cwd: string, stack: string, recorded: readonly SynthResource[]) {
  const project = loadProject(cwd);
  const { config, secretKeys } = loadStackConfig(project, stack);
  const settings = { project: project.name, stack, config, secretKeys };
  return (await runProgram(settings, floorProgram(recorded))).resources;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
