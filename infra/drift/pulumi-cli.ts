/**
 * The driver of the Pulumi CLI for `infra drift` and `infra changeset`.
 *
 * It runs the CLI itself with `--json` (`pulumi refresh --preview-only --json`, `pulumi preview
 * --json`) and reads the one PreviewDigest each prints, rather than going through the Automation
 * API. Both end up running the same CLI, but:
 * - the Automation API's `preview()`/`previewRefresh()` return only stdout, stderr and a change
 *   summary; per-resource detail (URN, op, detailed diff, old and new state) comes only as engine
 *   events, which CLIs after 3.205 stream over a gRPC server the SDK starts. The PreviewDigest holds
 *   the same detail in one document, in the format the CLI documents for `--json`;
 * - errors are the CLI's stderr and exit code either way (the Automation API matches the same
 *   stderr texts into StackNotFoundError/ConcurrentUpdateError); reading them directly keeps the
 *   CLI's specific exit codes (3 auth, 6 stack not found, 8 cancelled, 9 timeout);
 * - a fake `pulumi` for the tests then only has to print what the real CLI prints, which keeps the
 *   end-to-end tests honest and fast.
 *
 * Every command goes through `assertReadOnly`: this module can only run commands that change
 * neither state nor cloud. In particular a refresh always carries `--preview-only`: `refresh
 * --expect-no-changes` without it writes the refresh into the state first (pulumi/pulumi#10967).
 * It never runs `stack select` either (that changes the workspace's current stack); every command
 * names its stack with `--stack`.
 */
import { spawn } from "node:child_process";
import { z } from "zod";
import { DigestFormatError, parseDigest, type PreviewDiagnostic, type PreviewDigest } from "./digest";
import type { CliFailure } from "./errors";

export const PULUMI_CLI_ENV = "INFRA_PULUMI_CLI";

export interface PulumiCliOptions {
  /** The executable: a path, or a name looked up on PATH. @default env INFRA_PULUMI_CLI, else "pulumi" */
  readonly executable?: string;
  /** The Pulumi project directory (with Pulumi.yaml). */
  readonly cwd: string;
  /** The environment of the CLI. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface CommandResult {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The executable could not be started. */
export class CliNotFoundError extends Error {
  constructor(
    readonly executable: string,
    readonly reason: string,
  ) {
    super(`cannot run ${executable}: ${reason}`);
    this.name = "CliNotFoundError";
  }
}

/** A Pulumi command exited non-zero. */
export class PulumiCommandError extends Error {
  constructor(readonly failure: CliFailure) {
    super(`${failure.command} exited with code ${failure.exitCode}`);
    this.name = "PulumiCommandError";
  }
}

/** The CLI exited 0 but printed something that is not what the command documents. */
export class UnexpectedOutputError extends Error {
  constructor(
    readonly command: string,
    reason: string,
  ) {
    super(reason);
    this.name = "UnexpectedOutputError";
  }
}

/** A command this module refused to run because it could change state or cloud. */
export class MutatingCommandError extends Error {
  constructor(args: readonly string[]) {
    super(`refusing to run a command that could change state or cloud: pulumi ${args.join(" ")}`);
    this.name = "MutatingCommandError";
  }
}

const READ_ONLY_COMMANDS = new Set(["version", "preview", "refresh", "stack"]);
const MUTATING_FLAGS = new Set(["--yes", "-y", "--skip-preview", "-f", "--show-secrets"]);

/**
 * Throws unless `args` is a command that changes nothing: `version`, `stack ls`, `preview` and
 * `refresh --preview-only`, never with `--yes`/`--skip-preview` (and never `--show-secrets`, which
 * would put secret values into the output).
 */
export function assertReadOnly(args: readonly string[]): void {
  const [command, sub] = args;
  const ok =
    command !== undefined &&
    READ_ONLY_COMMANDS.has(command) &&
    (command !== "stack" || sub === "ls") &&
    (command !== "refresh" || args.includes("--preview-only")) &&
    !args.some((arg) => MUTATING_FLAGS.has(arg));
  if (!ok) throw new MutatingCommandError(args);
}

const stackList = z.array(
  z.looseObject({
    name: z.string(),
    current: z.boolean().optional(),
    updateInProgress: z.boolean().optional(),
  }),
);

export interface PreviewExtras {
  /** `--policy-pack <dir>` for each entry. */
  readonly policyPacks?: readonly string[];
  /** `--save-plan <file>`: writes a Pulumi update plan (a local file; the stack is untouched). */
  readonly savePlan?: string;
}

export class PulumiCli {
  readonly executable: string;

  constructor(private readonly options: PulumiCliOptions) {
    this.executable =
      options.executable ?? options.env?.[PULUMI_CLI_ENV] ?? process.env[PULUMI_CLI_ENV] ?? "pulumi";
  }

  /** `pulumi version` → `3.248.0`. */
  async version(): Promise<string> {
    const result = await this.succeed(["version"]);
    const match = /v?(\d+\.\d+\.\d+\S*)/.exec(result.stdout);
    if (!match?.[1])
      throw new UnexpectedOutputError(result.command, `no version number in "${result.stdout.trim()}"`);
    return match[1];
  }

  /** `pulumi stack ls --json`: the stacks of this project on the current backend. */
  async listStacks(): Promise<string[]> {
    const result = await this.succeed(["stack", "ls", "--json", "--non-interactive"]);
    let raw: unknown;
    try {
      raw = JSON.parse(result.stdout);
    } catch {
      throw new UnexpectedOutputError(result.command, "the stack list is not JSON");
    }
    const parsed = stackList.safeParse(raw);
    if (!parsed.success)
      throw new UnexpectedOutputError(result.command, "the stack list is not an array of stacks");
    return parsed.data.map((s) => s.name);
  }

  /** What a refresh would change, without changing anything: `pulumi refresh --preview-only --json`. */
  refreshPreview(stack: string): Promise<PreviewDigest> {
    return this.digest(["refresh", "--preview-only", "--json", "--non-interactive", "--stack", stack]);
  }

  /** What `up` would change: `pulumi preview --json` (no `--refresh`: pending code changes only). */
  preview(stack: string, extras: PreviewExtras = {}): Promise<PreviewDigest> {
    const args = ["preview", "--json", "--non-interactive", "--stack", stack];
    for (const pack of extras.policyPacks ?? []) args.push("--policy-pack", pack);
    if (extras.savePlan) args.push("--save-plan", extras.savePlan);
    return this.digest(args);
  }

  private async digest(args: string[]): Promise<PreviewDigest> {
    const result = await this.run(args);
    if (result.exitCode !== 0) {
      throw new PulumiCommandError({ ...result, diagnostics: diagnosticsOf(result.stdout) });
    }
    try {
      return parseDigest(result.stdout);
    } catch (err) {
      if (err instanceof DigestFormatError) throw new UnexpectedOutputError(result.command, err.message);
      throw err;
    }
  }

  private async succeed(args: string[]): Promise<CommandResult> {
    const result = await this.run(args);
    if (result.exitCode !== 0) throw new PulumiCommandError(result);
    return result;
  }

  /** Runs one read-only command and collects its output. */
  run(args: readonly string[]): Promise<CommandResult> {
    assertReadOnly(args);
    const command = `pulumi ${args.join(" ")}`;
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, {
        cwd: this.options.cwd,
        env: { ...(this.options.env ?? process.env), PULUMI_SKIP_UPDATE_CHECK: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", (err: NodeJS.ErrnoException) => {
        const reason =
          err.code === "ENOENT"
            ? "not found"
            : err.code === "EACCES"
              ? "not executable"
              : (err.code ?? err.message);
        reject(new CliNotFoundError(this.executable, reason));
      });
      child.on("close", (code, signal) => {
        resolve({
          command,
          exitCode: code ?? (signal ? 128 + signalNumber(signal) : 1),
          stdout: Buffer.concat(stdout).toString("utf8"),
          stderr: Buffer.concat(stderr).toString("utf8"),
        });
      });
    });
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGKILL" ? 9 : 15;
}

/** A failing `--json` command may still print a digest whose diagnostics say why. */
function diagnosticsOf(stdout: string): PreviewDiagnostic[] {
  if (!stdout.trim().startsWith("{")) return [];
  try {
    return parseDigest(stdout).diagnostics ?? [];
  } catch {
    return [];
  }
}
