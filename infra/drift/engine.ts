import { InfraValidationError } from "../../components/core/errors";
import { EXIT } from "../exit-codes";
import { ProjectError } from "../synth/project";
import { classifyPreview, classifyRefresh } from "./classify";
import { unexplainedCounts, type PreviewDigest, type ResourceState } from "./digest";
import {
  classifyCliFailure,
  cliNotFound,
  cliTooOld,
  hintFor,
  interrupted,
  MINIMUM_CLI,
  stackNotFound,
  unexpectedOutput,
  unexplainedChanges,
  type DriftError,
} from "./errors";
import type { IgnorePattern } from "./ignore";
import { SIDES, type DriftReport, type DriftTotals, type StackReport } from "./model";
import { suppressNoise } from "./noise";
import {
  CliNotFoundError,
  CommandInterruptedError,
  formatMs,
  PulumiCli,
  PulumiCommandError,
  UnexpectedOutputError,
  type Interruption,
  type RunControl,
} from "./pulumi-cli";
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
  /** The time each stack gets (its refresh preview and preview together). @default 20 minutes */
  readonly timeoutMs?: number;
  /** How long the CLI gets to cancel after SIGINT before it is killed. @default 30 s */
  readonly graceMs?: number;
  /** Aborted (with an Interruption as reason) when `infra drift` is told to stop. */
  readonly signal?: AbortSignal;
  /** Aborted when told to stop again: the CLI is killed without a grace period. */
  readonly force?: AbortSignal;
}

/**
 * Room for a large stack's refresh (one provider read per resource) and preview, and still for
 * the report and the issue inside the nightly job's 30 minutes.
 */
export const DEFAULT_STACK_TIMEOUT_MS = 20 * 60_000;

/** `pulumi version` and `pulumi stack ls` answer in seconds; a CLI silent for this long hangs. */
const SETUP_TIMEOUT_MS = 2 * 60_000;

/**
 * Checks each stack for out-of-band drift (refresh preview) and pending code changes (preview),
 * one after the other, and returns the report. First the CLI: it must print refresh diffs
 * (MINIMUM_CLI, no legacy-diff variable). Never throws for a stack's failure: a stack that cannot
 * be checked, ran out of time, or whose digest counts changes it does not show gets an error entry,
 * and the others are still checked. Once `signal` aborts, the running command is stopped and the
 * stacks not started yet are reported as not checked.
 */
export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const cli = new PulumiCli({ executable: options.executable, cwd: options.cwd, env: options.env });

  const env = options.env ?? process.env;
  let pulumiVersion: string | null = null;
  let knownStacks: string[] = [];
  let sharedError: DriftError | null = null;
  const setup = new StackDeadline({ ...options, timeoutMs: SETUP_TIMEOUT_MS }, "the CLI's setup limit");
  try {
    pulumiVersion = await cli.version(setup.control);
    sharedError = checkCliVersion(pulumiVersion, env);
    if (!sharedError) knownStacks = await cli.listStacks(setup.control);
  } catch (err) {
    sharedError = toDriftError(err, options.stacks.join(", "), []);
  } finally {
    setup.dispose();
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
    sides: SIDES,
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

  const deadline = new StackDeadline(options, "--timeout");
  try {
    let refresh: PreviewDigest;
    try {
      refresh = await cli.refreshPreview(stack, deadline.control);
    } catch (err) {
      return failed(stack, elapsed(), toDriftError(err, stack, knownStacks), patterns);
    }
    let preview: PreviewDigest | null = null;
    let error: DriftError | null = null;
    try {
      preview = await cli.preview(stack, {}, deadline.control);
    } catch (err) {
      error = toDriftError(err, stack, knownStacks);
    }
    // A count the steps do not explain is a change the report cannot show: never call it clean.
    for (const [digest, command] of [
      [refresh, `pulumi refresh --preview-only --json --stack ${stack}`],
      [preview, `pulumi preview --json --stack ${stack}`],
    ] as const) {
      const unexplained = digest ? unexplainedCounts(digest) : [];
      if (!error && unexplained.length) error = unexplainedChanges(command, unexplained);
    }

    const context = { ignore, resources: recordedResources([refresh, preview]) };
    const drift = suppressNoise(classifyRefresh(refresh), context);
    const pending = preview ? suppressNoise(classifyPreview(preview), context) : null;
    return {
      stack,
      status: error ? "error" : drift.changes.length > 0 ? "drift" : "clean",
      durationMs: elapsed(),
      drift: drift.changes,
      pending: pending?.changes ?? null,
      suppressed: [...drift.suppressed, ...(pending?.suppressed ?? [])],
      ignore: patterns,
      error,
    };
  } finally {
    deadline.dispose();
  }
}

/**
 * One stack's time budget: aborts its commands when the time is up or when `infra drift` is told
 * to stop, whichever comes first.
 */
class StackDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onStop: () => void;
  readonly control: RunControl;
  readonly timeoutMs: number;

  constructor(
    private readonly options: DriftOptions,
    limit: string,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_STACK_TIMEOUT_MS;
    this.timer = setTimeout(
      () =>
        this.controller.abort({ kind: "timeout", timeoutMs: this.timeoutMs, limit } satisfies Interruption),
      this.timeoutMs,
    );
    this.onStop = () => this.controller.abort(options.signal?.reason);
    if (options.signal?.aborted) this.onStop();
    else options.signal?.addEventListener("abort", this.onStop, { once: true });
    this.control = { signal: this.controller.signal, graceMs: options.graceMs, force: options.force };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener("abort", this.onStop);
  }
}

/** Set means any value but empty, 0 or false (the CLI reads it as a boolean). */
function isSet(value: string | undefined): value is string {
  return value !== undefined && !["", "0", "false"].includes(value.trim().toLowerCase());
}

/** The CLI must print refresh diffs: MINIMUM_CLI or newer, without the legacy-diff variable. */
export function checkCliVersion(version: string, env: NodeJS.ProcessEnv): DriftError | null {
  const legacy = env.PULUMI_ENABLE_LEGACY_REFRESH_DIFF;
  if (isSet(legacy)) return cliTooOld(version, legacy);
  return compareVersions(version, MINIMUM_CLI) < 0 ? cliTooOld(version, undefined) : null;
}

/** Compares `3.120.0`-style versions (pre-release and build suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split(".")
      .map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
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
  if (err instanceof CommandInterruptedError) {
    const { interruption, command, outcome } = err;
    if (interruption.kind === "timeout")
      return interrupted(
        "timed-out",
        `stack ${stack} was not checked within ${formatMs(interruption.timeoutMs)} (${interruption.limit}): \`${command}\` was stopped: ${outcome}`,
        command,
      );
    return interrupted(
      "interrupted",
      outcome === "not started"
        ? `infra drift received ${interruption.signal} before checking stack ${stack}`
        : `infra drift received ${interruption.signal}: \`${command}\` was stopped: ${outcome}`,
      command,
    );
  }
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
