import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EXIT } from "../exit-codes";
import type { Io } from "../synth/command";
import { runDrift } from "./engine";
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
}

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
  const report = await runDrift({
    stacks: options.stacks,
    cwd: resolve(options.cwd),
    ignore: usage.ignore,
    executable: options.pulumi,
    env: options.env,
    clock: options.clock,
  });
  for (const stack of report.stacks) {
    if (stack.error) io.err(`infra drift: stack ${stack.stack}: ${stack.error.message}\n`);
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
} {
  const problems: string[] = [];
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
  return { problems, format, ignore };
}
