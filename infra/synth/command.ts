import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InfraValidationError } from "../../components/core";
import { estimateStack } from "../estimate/estimate";
import { renderTotals } from "../estimate/render";
import { EXIT } from "../exit-codes";
import { ProjectError } from "./project";
import { renderCounts, renderPolicy, renderTree, countByType } from "./render";
import { ProgramRunError, type Program } from "./run";
import { synthesize, writeArtifacts } from "./synth";

export interface SynthCommandOptions {
  readonly stack: string;
  readonly cwd: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly program?: Program;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Errors a user can fix (config, stack files, arguments): message only, no stack trace. */
export function isUserError(err: unknown): err is Error {
  return (
    err instanceof ProjectError || InfraValidationError.isInstance(err) || err instanceof ProgramRunError
  );
}

/** `infra synth`: prints the stack offline, optionally writes its artefacts; returns the exit code. */
export async function synthCommand(options: SynthCommandOptions, io: Io): Promise<number> {
  let result;
  try {
    result = await synthesize({ cwd: options.cwd, stack: options.stack, program: options.program });
  } catch (err) {
    if (isUserError(err)) {
      io.err(`infra synth: ${err.message}\n`);
      return EXIT.error;
    }
    throw err;
  }
  const written = options.out ? writeArtifacts(result, options.out) : undefined;
  const estimate = estimateStack(result.stack, result.region, result.resources);
  if (written) writeFileSync(join(written, "estimate.json"), `${JSON.stringify(estimate, null, 2)}\n`);
  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          project: result.project,
          stack: result.stack,
          resourceCount: result.resources.length,
          resourcesByType: Object.fromEntries(countByType(result.resources)),
          policy: result.policy,
          estimate: {
            region: estimate.region,
            monthly: estimate.cost.totals.monthly,
            currency: estimate.cost.currency,
            unpriced: estimate.cost.unpriced.length,
            priceDate: estimate.cost.priceDate,
            freshUpMinutes: estimate.deploy.minutes,
          },
          outputs: result.outputs,
          written: written ?? null,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(`stack ${result.stack} (project ${result.project})\n\n`);
    io.out(
      `${renderTree(result.resources)}\n\n${renderCounts(result.resources)}\n\n${renderPolicy(result.policy)}\n\n${renderTotals(estimate)}\n`,
    );
    if (written)
      io.out(
        `\nwrote ${written}/{resources.json,outputs.json,policy.json,estimate.json,manifests/} (${result.manifests.length} manifests)\n`,
      );
  }
  if (result.policy.mandatoryViolations > 0) {
    io.err(`infra synth: ${result.policy.mandatoryViolations} mandatory policy violation(s)\n`);
    return EXIT.policy;
  }
  return EXIT.ok;
}
