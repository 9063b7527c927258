import { InfraValidationError } from "../../components/core";
import { EXIT } from "../exit-codes";
import { ProjectError } from "../synth/project";
import { classifyPreview, classifyRefresh } from "./classify";
import type { PreviewDigest, ResourceState } from "./digest";
import {
  classifyCliFailure,
  cliNotFound,
  hintFor,
  stackNotFound,
  unexpectedOutput,
  type DriftError,
} from "./errors";
import type { IgnorePattern } from "./ignore";
import type { DriftReport, DriftTotals, StackReport } from "./model";
import { suppressNoise } from "./noise";
import { CliNotFoundError, PulumiCli, PulumiCommandError, UnexpectedOutputError } from "./pulumi-cli";
import { loadStackIgnore } from "./stack-config";

export interface DriftOptions {
  /** Stack names as `pulumi --stack` takes them: `dev`, `org/prod`. */
  readonly stacks: readonly string[];
  /** The Pulumi project directory. */
  readonly cwd: string;
  /** Patterns given with --ignore; they apply to every stack, after the stack's own. @default [] */
  readonly ignore?: readonly IgnorePattern[];
  /** The Pulumi executable. @default env INFRA_PULUMI_CLI, else `pulumi` on PATH */
  readonly executable?: string;
  /** The CLI's environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds since the epoch. @default Date.now */
  readonly clock?: () => number;
}

/**
 * Checks each stack for out-of-band drift (refresh preview) and pending code changes (preview),
 * one after the other, and returns the report. Never throws for a stack's failure: a stack that
 * cannot be checked gets an error entry and the others are still checked.
 */
export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const cli = new PulumiCli({ executable: options.executable, cwd: options.cwd, env: options.env });

  let pulumiVersion: string | null = null;
  let knownStacks: string[] = [];
  let sharedError: DriftError | null = null;
  try {
    // Settle both before going on: a failure of one must not leave the other CLI process running.
    const [version, stacks] = await Promise.allSettled([cli.version(), cli.listStacks()]);
    if (version.status === "rejected") throw version.reason;
    if (stacks.status === "rejected") throw stacks.reason;
    [pulumiVersion, knownStacks] = [version.value, stacks.value];
  } catch (err) {
    sharedError = toDriftError(err, options.stacks.join(", "), []);
  }

  const stacks: StackReport[] = [];
  for (const stack of options.stacks) {
    stacks.push(
      sharedError
        ? failed(stack, 0, sharedError, [])
        : await checkStack(cli, stack, knownStacks, options, clock),
    );
  }
  const totals = totalsOf(stacks);
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: clock() - started,
    pulumiVersion,
    stacks,
    totals,
    exitCode: totals.errored > 0 ? EXIT.error : totals.drifted > 0 ? EXIT.drift : EXIT.ok,
  };
}

async function checkStack(
  cli: PulumiCli,
  stack: string,
  knownStacks: readonly string[],
  options: DriftOptions,
  clock: () => number,
): Promise<StackReport> {
  const started = clock();
  const elapsed = () => clock() - started;

  let ignore: IgnorePattern[];
  try {
    ignore = [...loadStackIgnore(options.cwd, stack), ...(options.ignore ?? [])];
  } catch (err) {
    return failed(stack, elapsed(), toDriftError(err, stack, knownStacks), []);
  }
  const patterns = ignore.map((p) => p.text);
  if (!stackExists(stack, knownStacks))
    return failed(stack, elapsed(), stackNotFound(stack, knownStacks), patterns);

  let refresh: PreviewDigest;
  try {
    refresh = await cli.refreshPreview(stack);
  } catch (err) {
    return failed(stack, elapsed(), toDriftError(err, stack, knownStacks), patterns);
  }
  let preview: PreviewDigest | null = null;
  let previewError: DriftError | null = null;
  try {
    preview = await cli.preview(stack);
  } catch (err) {
    previewError = toDriftError(err, stack, knownStacks);
  }

  const context = { ignore, resources: recordedResources([refresh, preview]) };
  const drift = suppressNoise(classifyRefresh(refresh), context);
  const pending = preview ? suppressNoise(classifyPreview(preview), context) : null;
  return {
    stack,
    status: previewError ? "error" : drift.changes.length > 0 ? "drift" : "clean",
    durationMs: elapsed(),
    drift: drift.changes,
    pending: pending?.changes ?? null,
    suppressed: [...drift.suppressed, ...(pending?.suppressed ?? [])],
    ignore: patterns,
    error: previewError,
  };
}

function failed(stack: string, durationMs: number, error: DriftError, ignore: string[]): StackReport {
  return { stack, status: "error", durationMs, drift: null, pending: null, suppressed: [], ignore, error };
}

/** `dev` names the backend's `dev`, `org/dev` or `org/project/dev`, and the other way round. */
function stackExists(stack: string, known: readonly string[]): boolean {
  return known.some((name) => name === stack || name.endsWith(`/${stack}`) || stack.endsWith(`/${name}`));
}

/** Every resource Pulumi recorded for the stack, as the digests show its old state. */
function recordedResources(digests: readonly (PreviewDigest | null)[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState>();
  for (const digest of digests) {
    for (const step of digest?.steps ?? []) {
      const state = step.oldState ?? step.newState;
      if (state && !byUrn.has(state.urn)) byUrn.set(state.urn, state);
    }
  }
  return [...byUrn.values()];
}

function toDriftError(err: unknown, stack: string, knownStacks: readonly string[]): DriftError {
  if (err instanceof CliNotFoundError) return cliNotFound(err.executable, err.reason);
  if (err instanceof PulumiCommandError) return classifyCliFailure(err.failure, stack, knownStacks);
  if (err instanceof UnexpectedOutputError) return unexpectedOutput(err.command, err.message);
  if (err instanceof ProjectError || InfraValidationError.isInstance(err)) {
    return {
      kind: "invalid-config",
      message: err.message,
      hint: hintFor("invalid-config"),
      command: null,
      exitCode: null,
      details: [],
    };
  }
  throw err;
}

function totalsOf(stacks: readonly StackReport[]): DriftTotals {
  return {
    stacks: stacks.length,
    clean: stacks.filter((s) => s.status === "clean").length,
    drifted: stacks.filter((s) => (s.drift?.length ?? 0) > 0).length,
    errored: stacks.filter((s) => s.status === "error").length,
    driftedResources: stacks.reduce((n, s) => n + (s.drift?.length ?? 0), 0),
    pendingResources: stacks.reduce((n, s) => n + (s.pending?.length ?? 0), 0),
    suppressed: stacks.reduce((n, s) => n + s.suppressed.length, 0),
  };
}
