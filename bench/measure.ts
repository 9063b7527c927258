import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthResource } from "../infra/synth/model";
import { loadProject, loadStackConfig } from "../infra/synth/project";
import { runProgram } from "../infra/synth/run";
import { synthesize, writeArtifacts } from "../infra/synth/synth";

/**
 * One measurement in a fresh process, so peak memory belongs to this run alone:
 *   measure.ts synth <cwd> <stack> <outDir>   the real program; writes <outDir>/<stack>/resources.json
 *   measure.ts floor <cwd> <stack> <outDir>   the same resources, read from that file, registered flat
 *                                             under the stack with no component logic
 * Prints `{ mode, stack, resources, ms, maxRssMb }`.
 */
/** A resource registered as-is: type, name and inputs, nothing else. */
class Floor extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: Record<string, unknown>) {
    super(type, name, inputs);
  }
}

async function main(): Promise<void> {
  const [mode, cwd, stack, outDir] = process.argv.slice(2);
  if ((mode !== "synth" && mode !== "floor") || !cwd || !stack || !outDir) {
    throw new Error("usage: measure.ts synth|floor <cwd> <stack> <outDir>");
  }
  const project = loadProject(cwd);
  const started = process.hrtime.bigint();
  let resources: number;
  if (mode === "synth") {
    const result = await synthesize({ cwd, stack });
    resources = result.resources.length;
    writeArtifacts(result, outDir);
  } else {
    const recorded = JSON.parse(
      readFileSync(join(outDir, stack, "resources.json"), "utf8"),
    ) as SynthResource[];
    const { config, secretKeys } = loadStackConfig(project, stack);
    const floor = () => {
      recorded
        .filter((r) => r.custom)
        .forEach((r, i) => new Floor(r.type, `${r.name}-${i}`, { ...r.inputs }));
    };
    resources = (await runProgram({ project: project.name, stack, config, secretKeys }, floor)).resources
      .length;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ mode, stack, resources, ms: Math.round(ms), maxRssMb })}\n`);
}

void main();
