import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EXIT } from "../exit-codes";
import type { Io } from "../synth/command";
import { DEFAULT_STACK_TIMEOUT_MS, runDrift } from "./engine";
import { DEFAULT_GRACE_MS, type Interruption } from "./pulumi-cli";
import { IgnorePatternError, parseIgnorePattern, type IgnorePattern } from "./ignore";
import { formatForFile, renderReport, REPORT_FORMATS, type ReportFormat } from "./render";

export interface DriftCommandOptions {
  readonly stacks: readonly string[];
  readonly cwd: string;
  /** Format of the report on stdout, and of `--out` files without a known extension. @default "text" */
  readonly format?: string;
  /** Report files; each gets the format its extension names (`.json`, `.md`, `.txt`). @default [] */
  readonly out?: readonly string[];
  /** `--ignore` patterns, `<type>:<path>`. @default [] */
  readonly ignore?: readonly string[];
  /** `--pulumi`: the Pulumi executable. */
  readonly pulumi?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: () => number;
  /** `--timeout`: the time each stack gets, e.g. `20m`, `90s`. @default "20m" */
  readonly timeout?: string;
  /** `--grace-period`: how long the CLI gets to cancel after SIGINT before it is killed. @default "30s" */
  readonly gracePeriod?: string;
  /** Where SIGINT and SIGTERM arrive (the process, on the command line); none when absent. */
  readonly signals?: SignalSource;
}

/** What `process` offers for signals; tests pass an EventEmitter. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/**
 * `infra drift`: checks the stacks, prints the report, writes report files. Returns the exit code:
 * 0 clean, 2 drift in some stack, 1 some stack could not be checked (or a usage error).
 */
export async function driftCommand(options: DriftCommandOptions, io: Io): Promise<number> {
  const usage = usageProblems(options);
  if (usage.problems.length) {
    for (const problem of usage.problems) io.err(`infra drift: ${problem}\n`);
    return EXIT.error;
  }
  // A signal stops the CLI cleanly (SIGINT, grace period, SIGKILL) and still writes the report;
  // a second one kills it at once.
  const stop = new AbortController();
  const force = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      if (force.signal.aborted) return;
      io.err(`infra drift: ${signal} received again, killing pulumi now\n`);
      force.abort();
      return;
    }
    io.err(`infra drift: ${signal} received, stopping pulumi and writing the report\n`);
    stop.abort({ kind: "signal", signal } satisfies Interruption);
  };
  for (const signal of STOP_SIGNALS) options.signals?.on(signal, onSignal);
  let report;
  try {
    report = await runDrift({
      stacks: options.stacks,
      cwd: resolve(options.cwd),
      ignore: usage.ignore,
      executable: options.pulumi,
      env: options.env,
      clock: options.clock,
      timeoutMs: usage.timeoutMs,
      graceMs: usage.graceMs,
      signal: stop.signal,
      force: force.signal,
    });
  } finally {
    for (const signal of STOP_SIGNALS) options.signals?.off(signal, onSignal);
  }
  // The text report on stdout says it already; other formats get the errors on stderr, once each.
  if (usage.format !== "text") {
    const said = new Set<string>();
    for (const stack of report.stacks) {
      if (!stack.error || said.has(stack.error.message)) continue;
      said.add(stack.error.message);
      io.err(`infra drift: ${stack.error.message}\n  what to do: ${stack.error.hint}\n`);
    }
  }
  for (const file of options.out ?? []) {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, renderReport(report, formatForFile(file, usage.format)));
  }
  io.out(renderReport(report, usage.format));
  return report.exitCode;
}

function usageProblems(options: DriftCommandOptions): {
  problems: string[];
  format: ReportFormat;
  ignore: IgnorePattern[];
  timeoutMs: number;
  graceMs: number;
} {
  const problems: string[] = [];
  const duration = (flag: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined) {
      problems.push(`${flag} ${JSON.stringify(text)} is not a duration; write e.g. 90s, 20m or 1h`);
      return fallback;
    }
    return ms;
  };
  const timeoutMs = duration("--timeout", options.timeout, DEFAULT_STACK_TIMEOUT_MS);
  const graceMs = duration("--grace-period", options.gracePeriod, DEFAULT_GRACE_MS);
  const format = (options.format ?? "text") as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    problems.push(
      `--format ${JSON.stringify(options.format)} is not a format; use one of ${REPORT_FORMATS.join(", ")}`,
    );
  if (options.stacks.length === 0)
    problems.push("name at least one stack: `infra drift --stack dev --stack prod`");
  const duplicates = options.stacks.filter((s, i) => options.stacks.indexOf(s) !== i);
  if (duplicates.length)
    problems.push(`stack ${duplicates.map((s) => JSON.stringify(s)).join(", ")} given twice`);
  const ignore: IgnorePattern[] = [];
  for (const text of options.ignore ?? []) {
    try {
      ignore.push(parseIgnorePattern(text, "--ignore"));
    } catch (err) {
      if (!(err instanceof IgnorePatternError)) throw err;
      problems.push(err.message);
    }
  }
  return { problems, format, ignore, timeoutMs, graceMs };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `90s`, `20m`, `1h` → milliseconds; undefined for anything else or zero. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!);
  return ms > 0 ? ms : undefined;
}
