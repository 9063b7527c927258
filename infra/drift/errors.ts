import type { PreviewDiagnostic } from "./digest";

/**
 * The first CLI whose `refresh --preview-only --json` carries per-resource diffs against the
 * program (pulumi/pulumi#16146, released in 3.120.0); older CLIs print only counts.
 */
export const MINIMUM_CLI = "3.120.0";

/** Why a stack could not be checked, in words an operator can act on. */
export type DriftErrorKind =
  | "cli-not-found"
  | "cli-too-old"
  | "not-logged-in"
  | "state-backend-access"
  | "no-cloud-credentials"
  | "stack-not-found"
  | "update-in-progress"
  | "cancelled"
  | "timed-out"
  | "invalid-config"
  | "resource-error"
  | "policy-violation"
  | "unexpected-output"
  | "unexplained-changes"
  | "interrupted"
  | "cli-failed";

export interface DriftError {
  readonly kind: DriftErrorKind;
  /** One sentence: what went wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly hint: string;
  /** The Pulumi command that failed, e.g. `pulumi refresh --preview-only --json --stack prod`. */
  readonly command: string | null;
  /** The CLI's exit code; null when it did not run. */
  readonly exitCode: number | null;
  /** The CLI's own error lines, for the curious. */
  readonly details: readonly string[];
}

/**
 * The CLI's exit codes (pulumi >= 3.227, `cmdutil` exit codes). Older CLIs exit 255 for every
 * error, so the message on stderr is matched first and the code is the fallback.
 */
export const PULUMI_EXIT_CODES: Readonly<Record<number, { kind: DriftErrorKind; words: string }>> = {
  2: { kind: "invalid-config", words: "the stack's configuration or the command's flags are invalid" },
  3: { kind: "not-logged-in", words: "authentication failed (not logged in, or credentials rejected)" },
  4: { kind: "resource-error", words: "a cloud resource operation failed" },
  5: { kind: "policy-violation", words: "a policy pack blocked the operation" },
  6: { kind: "stack-not-found", words: "the stack does not exist" },
  8: { kind: "cancelled", words: "the operation was cancelled" },
  9: { kind: "timed-out", words: "the operation timed out" },
};

const HINTS: Readonly<Record<DriftErrorKind, string>> = {
  "cli-not-found":
    "install the Pulumi CLI (`curl -fsSL https://get.pulumi.com | sh`, or `brew install pulumi/tap/pulumi`; in GitHub Actions `pulumi/actions` without a command), or point --pulumi or INFRA_PULUMI_CLI at it",
  "cli-too-old": `install Pulumi CLI ${MINIMUM_CLI} or newer (in GitHub Actions: pulumi/actions with \`pulumi-version\`) and unset PULUMI_ENABLE_LEGACY_REFRESH_DIFF; older CLIs print refresh previews without per-resource diffs, so drift could not be seen`,
  "not-logged-in":
    "log in to the state backend: `pulumi login` (Pulumi Cloud, or PULUMI_ACCESS_TOKEN in CI) or `pulumi login s3://<state-bucket>` (or PULUMI_BACKEND_URL)",
  "state-backend-access":
    "the state backend refused access: check that these credentials may read the state bucket (s3:ListBucket, s3:GetObject on .pulumi/*, kms:Decrypt on its key) and have not expired, and that PULUMI_BACKEND_URL names the right bucket",
  "no-cloud-credentials":
    "provide AWS credentials for the stack's account (locally `aws sso login`; in CI aws-actions/configure-aws-credentials with the read-only role)",
  "stack-not-found": "check the stack name, or create it with `pulumi stack init <name>`",
  "update-in-progress":
    "another update holds the stack; wait for it to finish, and if it died, release it with `pulumi cancel` after checking nobody is deploying",
  cancelled: "run the check again; nothing was changed",
  "timed-out":
    "run the check again; if it keeps timing out, check the cloud API's health and the network, or give the stack more time with --timeout; on a self-managed backend check that no lock was left behind (`pulumi cancel` only after checking nobody deploys)",
  "invalid-config": "fix the stack configuration (`Pulumi.<stack>.yaml`) or the flags shown above",
  "resource-error": "read the provider's message above; the check changed nothing",
  "policy-violation": "read the policy messages above",
  "unexpected-output": `check that the Pulumi CLI is a real pulumi ${MINIMUM_CLI} or newer and not a wrapper printing extra text`,
  "unexplained-changes":
    "the CLI counted changes its JSON does not show, so drift may be hidden: run `pulumi refresh --preview-only --diff --stack <stack>` by hand to see them, and report the CLI version if it is recent",
  interrupted:
    "the check was stopped before it finished; run it again. On a self-managed backend check that no lock was left behind",
  "cli-failed": "read the Pulumi error above",
};

export function hintFor(kind: DriftErrorKind): string {
  return HINTS[kind];
}

const NOT_LOGGED_IN = [
  /PULUMI_ACCESS_TOKEN must be set for login/,
  /not logged in/i,
  /did you forget to 'pulumi login'/,
  /\[401\] Unauthorized/,
];
const NO_CLOUD_CREDENTIALS = [
  /No valid credential sources found/,
  /unable to validate AWS credentials/,
  /ExpiredToken/,
  /InvalidClientTokenId/,
  /failed to refresh cached credentials/,
];
/** A self-managed backend's bucket refused the credentials (pulumi/pulumi#13007). */
const STATE_BACKEND_ACCESS = [
  /blob \(key "[^"]*"\) \(code=\w+\):.*(AccessDenied|AuthorizationPermissionMismatch|AuthenticationFailed|403)/,
  /blob \(key "[^"]*"\) \(code=\w+\):.*NoSuchBucket/,
];
const LOCKED = [
  /\[409\] Conflict: Another update is currently in progress/,
  /the stack is currently locked by/,
];
const STACK_NOT_FOUND = /no stack named '([^']+)' found/;

export interface CliFailure {
  readonly command: string;
  readonly exitCode: number;
  readonly stderr: string;
  /** Error diagnostics from a PreviewDigest the CLI printed before failing, if any. */
  readonly diagnostics?: readonly PreviewDiagnostic[];
}

/** Maps a failed Pulumi command to a specific error. Pure: tested on the CLI's real messages. */
export function classifyCliFailure(
  failure: CliFailure,
  stack: string,
  knownStacks?: readonly string[],
): DriftError {
  const lines = errorLines(failure);
  const text = [failure.stderr, ...lines].join("\n");
  const make = (kind: DriftErrorKind, message: string): DriftError => ({
    kind,
    message,
    hint: hintFor(kind),
    command: failure.command,
    exitCode: failure.exitCode,
    details: lines,
  });

  if (STACK_NOT_FOUND.test(text) || failure.exitCode === 6) return stackNotFound(stack, knownStacks, failure);
  if (LOCKED.some((re) => re.test(text)))
    return make("update-in-progress", `stack "${stack}" is locked: another update is in progress`);
  if (STATE_BACKEND_ACCESS.some((re) => re.test(text)))
    return make("state-backend-access", "the state backend refused access to the stack's state");
  if (NO_CLOUD_CREDENTIALS.some((re) => re.test(text)))
    return make("no-cloud-credentials", "the cloud provider found no valid credentials");
  if (NOT_LOGGED_IN.some((re) => re.test(text)))
    return make("not-logged-in", "not logged in to the Pulumi state backend");
  const known = PULUMI_EXIT_CODES[failure.exitCode];
  if (known) return make(known.kind, `pulumi exited with code ${failure.exitCode}: ${known.words}`);
  const first = lines[0];
  return make("cli-failed", `pulumi exited with code ${failure.exitCode}${first ? `: ${first}` : ""}`);
}

export function stackNotFound(
  stack: string,
  knownStacks: readonly string[] | undefined,
  failure?: CliFailure,
): DriftError {
  const known = knownStacks?.length ? `; stacks: ${knownStacks.join(", ")}` : "";
  return {
    kind: "stack-not-found",
    message: `stack "${stack}" not found${known}`,
    hint: hintFor("stack-not-found"),
    command: failure?.command ?? null,
    exitCode: failure?.exitCode ?? null,
    details: failure ? errorLines(failure) : [],
  };
}

export function cliNotFound(executable: string, reason: string): DriftError {
  return {
    kind: "cli-not-found",
    message: `the Pulumi CLI was not found (${executable}: ${reason})`,
    hint: hintFor("cli-not-found"),
    command: null,
    exitCode: null,
    details: [],
  };
}

export function unexpectedOutput(command: string, reason: string): DriftError {
  return {
    kind: "unexpected-output",
    message: `\`${command}\` printed something the check cannot read: ${reason}`,
    hint: hintFor("unexpected-output"),
    command,
    exitCode: 0,
    details: [],
  };
}

function make(kind: DriftErrorKind, message: string, command: string | null = null): DriftError {
  return { kind, message, hint: hintFor(kind), command, exitCode: null, details: [] };
}

/** The CLI is older than MINIMUM_CLI, or told to print refresh previews the old way. */
export function cliTooOld(version: string, legacyVariable: string | undefined): DriftError {
  const why =
    legacyVariable !== undefined
      ? `PULUMI_ENABLE_LEGACY_REFRESH_DIFF=${legacyVariable} makes refresh previews print no per-resource diffs`
      : `pulumi ${version} is older than ${MINIMUM_CLI}, whose refresh previews are the first to show per-resource diffs`;
  return make("cli-too-old", `${why}; drift would go unseen`, "pulumi version");
}

/** `changeSummary` counts more changes than the steps show. */
export function unexplainedChanges(command: string, unexplained: readonly string[]): DriftError {
  return {
    ...make(
      "unexplained-changes",
      `\`${command}\` counted changes its steps do not show (${unexplained.join(", ")}); the stack is not reported clean`,
      command,
    ),
    exitCode: 0,
  };
}

/** The stack's check was stopped: its time ran out, or `infra drift` got a signal. */
export function interrupted(
  kind: "timed-out" | "interrupted",
  message: string,
  command: string | null,
): DriftError {
  return make(kind, message, command);
}

/** The CLI's `error:` lines, then error diagnostics from its JSON; at most eight, trimmed. */
function errorLines(failure: CliFailure): string[] {
  const fromStderr = failure.stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("warning:"));
  const fromDiagnostics = (failure.diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .flatMap((d) => (d.message ?? "").split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return [...new Set([...fromStderr, ...fromDiagnostics])].slice(0, 8).map((line) => line.slice(0, 400));
}
