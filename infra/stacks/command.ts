import { EXIT } from "../exit-codes";
import { isUserError, type Io } from "../synth/command";
import { ProjectError } from "../synth/project";
import { synthesize } from "../synth/synth";
import { bootstrapTargets } from "./bootstrap";
import { readStacks } from "./stacks";

export interface StacksCommandOptions {
  readonly cwd: string;
  readonly json?: boolean;
  /** The workflow run the CodeBuild runner labels are for (`$GITHUB_RUN_ID`, `$GITHUB_RUN_ATTEMPT`). */
  readonly runId?: string;
  readonly runAttempt?: string;
}

/**
 * `infra stacks`: every `Pulumi.<stack>.yaml` with its region, GitHub environment, runner and deploy
 * order. `--json` prints one line, what a workflow's first job passes on as the matrix. Exits 1 when a
 * stack cannot deploy (no region, no allowed account, AWS's placeholder account): the workflows then
 * stop before any job reaches AWS.
 */
export function stacksCommand(options: StacksCommandOptions, io: Io): number {
  let list;
  try {
    list = readStacks(options.cwd, {
      id: options.runId ?? "<run-id>",
      attempt: options.runAttempt ?? "<run-attempt>",
    });
  } catch (err) {
    if (err instanceof ProjectError) {
      io.err(`infra stacks: ${err.message}\n`);
      return EXIT.error;
    }
    throw err;
  }
  if (list.problems.length > 0) {
    io.err(
      `infra stacks: ${list.problems.length} stack problem(s)\n${list.problems.map((p) => `  - ${p}\n`).join("")}`,
    );
    return EXIT.error;
  }
  if (options.json) {
    io.out(`${JSON.stringify(list.stacks)}\n`);
    return EXIT.ok;
  }
  const rows = list.stacks.map((s) => [
    String(s.order),
    s.stack,
    s.region,
    s.environment,
    s.runner,
    s.runsOn.up.join(","),
  ]);
  const header = ["order", "stack", "region", "environment", "runner", "runs-on (up)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd()}\n`;
  io.out(line(header) + rows.map(line).join(""));
  return EXIT.ok;
}

/**
 * `infra bootstrap-targets <stack>`: synthesizes the stack offline and prints, one per line, the URNs
 * of what its first deploy creates from outside the VPC (`pulumi up --target=<urn> ...`).
 */
export async function bootstrapTargetsCommand(
  options: { stack: string; cwd: string },
  io: Io,
): Promise<number> {
  try {
    const { resources } = await synthesize({ cwd: options.cwd, stack: options.stack });
    const urns = bootstrapTargets(resources);
    if (urns.length === 0) {
      io.err(`infra bootstrap-targets: stack "${options.stack}" has nothing to bootstrap\n`);
      return EXIT.error;
    }
    io.out(urns.map((urn) => `${urn}\n`).join(""));
    return EXIT.ok;
  } catch (err) {
    if (isUserError(err)) {
      io.err(`infra bootstrap-targets: ${err.message}\n`);
      return EXIT.error;
    }
    throw err;
  }
}
