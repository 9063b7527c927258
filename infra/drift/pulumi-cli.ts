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

/** Why a running command was stopped: the stack's time ran out, or `infra drift` got a signal. */
export type Interruption =
  | {
      readonly kind: "timeout";
      readonly timeoutMs: number;
      /** The limit that ran out: `--timeout` (a stack's), or the CLI's setup (`pulumi version`). */
      readonly limit: string;
    }
  | { readonly kind: "signal"; readonly signal: NodeJS.Signals };

/** A command stopped by an Interruption, with what it took to stop it. */
export class CommandInterruptedError extends Error {
  constructor(
    readonly command: string,
    readonly interruption: Interruption,
    /** What happened to the process, e.g. `sent SIGINT; it exited after 0.4s`. */
    readonly outcome: string,
  ) {
    super(`${command} was interrupted: ${outcome}`);
    this.name = "CommandInterruptedError";
  }
}

export interface RunControl {
  /** Aborting (with an Interruption as reason) stops the command: SIGINT, then SIGKILL. */
  readonly signal?: AbortSignal;
  /** How long the CLI gets to cancel cleanly after SIGINT before it is killed. @default 30 s */
  readonly graceMs?: number;
  /** Aborted when the operator insists (a second Ctrl-C): SIGKILL at once, no grace period. */
  readonly force?: AbortSignal;
}

/** Pulumi cancels cleanly on the first SIGINT; this is how long it gets before SIGKILL. */
export const DEFAULT_GRACE_MS = 30_000;

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
  async version(control: RunControl = {}): Promise<string> {
    const result = await this.succeed(["version"], control);
    const match = /v?(\d+\.\d+\.\d+\S*)/.exec(result.stdout);
    if (!match?.[1])
      throw new UnexpectedOutputError(result.command, `no version number in "${result.stdout.trim()}"`);
    return match[1];
  }

  /** `pulumi stack ls --json`: the stacks of this project on the current backend. */
  async listStacks(control: RunControl = {}): Promise<string[]> {
    const result = await this.succeed(["stack", "ls", "--json", "--non-interactive"], control);
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
  refreshPreview(stack: string, control: RunControl = {}): Promise<PreviewDigest> {
    return this.digest(
      ["refresh", "--preview-only", "--json", "--non-interactive", "--stack", stack],
      control,
    );
  }

  /** What `up` would change: `pulumi preview --json` (no `--refresh`: pending code changes only). */
  preview(stack: string, extras: PreviewExtras = {}, control: RunControl = {}): Promise<PreviewDigest> {
    const args = ["preview", "--json", "--non-interactive", "--stack", stack];
    for (const pack of extras.policyPacks ?? []) args.push("--policy-pack", pack);
    if (extras.savePlan) args.push("--save-plan", extras.savePlan);
    return this.digest(args, control);
  }

  private async digest(args: string[], control: RunControl): Promise<PreviewDigest> {
    const result = await this.run(args, control);
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

  private async succeed(args: string[], control: RunControl): Promise<CommandResult> {
    const result = await this.run(args, control);
    if (result.exitCode !== 0) throw new PulumiCommandError(result);
    return result;
  }

  /**
   * Runs one read-only command and collects its output. The CLI runs in its own process group, so
   * stopping it reaches its plugins too: on abort it gets SIGINT (Pulumi cancels cleanly and
   * releases the stack's lock), after the grace period the whole group gets SIGKILL, and the promise
   * settles only once the CLI has exited and its group is gone.
   */
  run(args: readonly string[], control: RunControl = {}): Promise<CommandResult> {
    assertReadOnly(args);
    const command = `pulumi ${args.join(" ")}`;
    if (control.signal?.aborted)
      return Promise.reject(
        new CommandInterruptedError(command, control.signal.reason as Interruption, "not started"),
      );
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, {
        cwd: this.options.cwd,
        env: childEnvironment(this.options.env ?? process.env),
        stdio: ["ignore", "pipe", "pipe"],
        detached: process.platform !== "win32",
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let interrupted:
        { at: number; interruption: Interruption; killed: "no" | "after grace" | "on request" } | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      const signalGroup = (signal: NodeJS.Signals) => {
        if (child.pid === undefined) return;
        try {
          process.kill(process.platform === "win32" ? child.pid : -child.pid, signal);
        } catch {
          // Already gone.
        }
      };
      const onAbort = () => {
        if (interrupted) return;
        interrupted = { at: Date.now(), interruption: control.signal!.reason as Interruption, killed: "no" };
        signalGroup("SIGINT");
        graceTimer = setTimeout(() => {
          interrupted!.killed = "after grace";
          signalGroup("SIGKILL");
        }, control.graceMs ?? DEFAULT_GRACE_MS);
      };
      const onForce = () => {
        onAbort();
        if (!interrupted || interrupted.killed !== "no") return;
        clearTimeout(graceTimer);
        interrupted.killed = "on request";
        signalGroup("SIGKILL");
      };
      control.signal?.addEventListener("abort", onAbort, { once: true });
      control.force?.addEventListener("abort", onForce, { once: true });
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", (err: NodeJS.ErrnoException) => {
        control.signal?.removeEventListener("abort", onAbort);
        control.force?.removeEventListener("abort", onForce);
        const reason =
          err.code === "ENOENT"
            ? "not found"
            : err.code === "EACCES"
              ? "not executable"
              : (err.code ?? err.message);
        reject(new CliNotFoundError(this.executable, reason));
      });
      child.on("close", (code, signal) => {
        control.signal?.removeEventListener("abort", onAbort);
        control.force?.removeEventListener("abort", onForce);
        clearTimeout(graceTimer);
        // Plugins the CLI left behind share its group: end them too, and wait until they are gone.
        signalGroup("SIGKILL");
        void groupGone(child.pid).then(() => {
          if (interrupted) {
            const seconds = ((Date.now() - interrupted.at) / 1000).toFixed(1);
            const outcome = {
              no: `sent SIGINT; it exited after ${seconds}s`,
              "after grace": `sent SIGINT, no exit within the ${formatMs(control.graceMs ?? DEFAULT_GRACE_MS)} grace period, killed (SIGKILL) after ${seconds}s`,
              "on request": `sent SIGINT, killed (SIGKILL) on a second signal after ${seconds}s`,
            }[interrupted.killed];
            reject(new CommandInterruptedError(command, interrupted.interruption, outcome));
            return;
          }
          resolve({
            command,
            exitCode: code ?? (signal ? 128 + signalNumber(signal) : 1),
            stdout: Buffer.concat(stdout).toString("utf8"),
            stderr: Buffer.concat(stderr).toString("utf8"),
          });
        });
      });
    });
  }
}

/**
 * The CLI's environment, minus what would change what these read-only commands do:
 * `PULUMI_OPTION_*` sets any flag (`PULUMI_OPTION_YES`, `PULUMI_OPTION_SHOW_SECRETS`, since 3.208),
 * and `PULUMI_ENABLE_STREAMING_JSON_PREVIEW` turns the one PreviewDigest into a stream of events.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !name.startsWith("PULUMI_OPTION_") && name !== "PULUMI_ENABLE_STREAMING_JSON_PREVIEW",
    ),
  );
  return { ...clean, PULUMI_SKIP_UPDATE_CHECK: "true" };
}

/** Resolves once no process of the group is left (checked every 20 ms, for at most 5 s). */
async function groupGone(pid: number | undefined): Promise<void> {
  if (pid === undefined || process.platform === "win32") return;
  for (let waited = 0; waited < 5_000; waited += 20) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
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
