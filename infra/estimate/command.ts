import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../exit-codes";
import type { SynthResource } from "../synth/model";
import { type Io, isUserError } from "../synth/command";
import { ProjectError } from "../synth/project";
import { synthesize } from "../synth/synth";
import { compareEstimates } from "./compare";
import { estimateStack } from "./estimate";
import { renderComparison, renderComparisonMarkdown, renderEstimate } from "./render";

export interface EstimateCommandOptions {
  readonly stack: string;
  readonly cwd: string;
  readonly json?: boolean;
  /** Another synth output directory (`infra synth --out <dir>`) to compare with. */
  readonly compare?: string;
  /** With `compare`: print Markdown (for a pull request comment). */
  readonly markdown?: boolean;
}

/** Reads `<dir>/<stack>/resources.json` written by `infra synth --out <dir>`. */
export function readSynthOutput(dir: string, stack: string): SynthResource[] {
  const file = join(dir, stack, "resources.json");
  if (!existsSync(file))
    throw new ProjectError(`${file} not found: write it with \`infra synth ${stack} --out ${dir}\``);
  try {
    const resources = JSON.parse(readFileSync(file, "utf8")) as SynthResource[];
    // Outputs written before dependency edges were recorded have none: the deploy estimate then
    // sees no edges, so say so rather than report a short path.
    if (resources.some((r) => !Array.isArray(r.dependencies)))
      throw new ProjectError(`${file} has no dependency edges (written by an older synth): synth it again`);
    return resources;
  } catch (err) {
    if (err instanceof ProjectError) throw err;
    throw new ProjectError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `infra estimate`: monthly price and fresh-deploy minutes of a stack, or the change against another synth output. */
export async function estimateCommand(options: EstimateCommandOptions, io: Io): Promise<number> {
  try {
    // Read the other output first: a wrong directory fails before the synth runs.
    const baseResources =
      options.compare === undefined ? undefined : readSynthOutput(options.compare, options.stack);
    const result = await synthesize({ cwd: options.cwd, stack: options.stack });
    const head = estimateStack(result.stack, result.region, result.resources);
    if (baseResources !== undefined) {
      // Priced in the head's region with the head's tables: the difference is the change alone.
      const base = estimateStack(result.stack, result.region, baseResources);
      const comparison = compareEstimates(base, head);
      io.out(
        options.json
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : `${options.markdown ? renderComparisonMarkdown(comparison) : renderComparison(comparison)}\n`,
      );
      return EXIT.ok;
    }
    io.out(options.json ? `${JSON.stringify(head, null, 2)}\n` : `${renderEstimate(head)}\n`);
    return EXIT.ok;
  } catch (err) {
    if (isUserError(err)) {
      io.err(`infra estimate: ${err.message}\n`);
      return EXIT.error;
    }
    throw err;
  }
}
