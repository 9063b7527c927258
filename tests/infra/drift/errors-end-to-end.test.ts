import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mutatingCommands } from "../../support/read-only";
import { driftProject, runDriftScenarios, type DriftRun } from "../../support/drift";
import { FAKE_PULUMI } from "../../support/fake-pulumi";

const DEV_STATE = resolve(__dirname, "../../support/fake-pulumi/scenarios/state/dev.json");
const TAG_CHANGE = [{ name: "dev-vpc", op: "update", outputs: { tags: { Name: "dev-vpc", team: "data" } } }];

let runs: Record<
  | "locked"
  | "lockedDiy"
  | "notLoggedIn"
  | "oneErrors"
  | "interrupted"
  | "unknownStack"
  | "noCli"
  | "badConfig"
  | "envCli"
  | "backendDenied"
  | "stateDenied"
  | "tooOld"
  | "legacyVariable"
  | "legacyFormat"
  | "garbage"
  | "timeout",
  DriftRun
>;

beforeAll(async () => {
  runs = await runDriftScenarios({
    locked: ["lock-held", { stacks: ["dev"] }],
    lockedDiy: [
      { stacks: { dev: { base: DEV_STATE, refresh: { fail: "locked-diy" } } } },
      { stacks: ["dev"] },
    ],
    notLoggedIn: ["not-logged-in", { stacks: ["dev", "prod"] }],
    oneErrors: ["one-stack-errors", { stacks: ["dev", "prod"] }],
    interrupted: ["interrupted", { stacks: ["dev", "prod"] }],
    unknownStack: ["clean", { stacks: ["dev", "staging"] }],
    noCli: ["clean", { stacks: ["dev", "prod"], pulumi: "/nonexistent/bin/pulumi" }],
    badConfig: [
      "one-stack-errors",
      {
        stacks: ["dev", "prod"],
        cwd: driftProject({
          "Pulumi.dev.yaml": "config:\n  infra:drift:\n    ignore:\n      - tags.owner\n",
        }),
      },
    ],
    envCli: [
      "clean",
      { stacks: ["dev"] },
      (env) => ({ ...env, PATH: "/usr/bin:/bin", INFRA_PULUMI_CLI: FAKE_PULUMI }),
    ],
    backendDenied: [{ backend: "access-denied", stacks: { dev: { base: DEV_STATE } } }, { stacks: ["dev"] }],
    stateDenied: [
      { stacks: { dev: { base: DEV_STATE, refresh: { fail: "state-access-denied" } } } },
      { stacks: ["dev"] },
    ],
    tooOld: [{ cliVersion: "3.119.0", stacks: { dev: { base: DEV_STATE } } }, { stacks: ["dev"] }],
    legacyVariable: [
      "tag-changed",
      { stacks: ["dev"] },
      (env) => ({ ...env, PULUMI_ENABLE_LEGACY_REFRESH_DIFF: "true" }),
    ],
    // A CLI that passes the version check yet prints a refresh preview without diffs.
    legacyFormat: [
      { refreshFormat: "legacy", stacks: { dev: { base: DEV_STATE, refresh: { changes: TAG_CHANGE } } } },
      { stacks: ["dev"] },
    ],
    garbage: [
      { stacks: { dev: { base: DEV_STATE, refresh: { print: "Previewing refresh (dev):\n" } } } },
      { stacks: ["dev"] },
    ],
    timeout: [
      { stacks: { dev: { base: DEV_STATE, refresh: { hang: true } } } },
      { stacks: ["dev"], timeout: "300ms", gracePeriod: "2s" },
    ],
  });
});

describe("infra drift errors, end to end", () => {
  it("lock held (Pulumi Cloud): exit 1, the stack is locked, nothing else is tried", () => {
    const { exitCode, report, stderr, invocations } = runs.locked;
    expect(exitCode).toBe(1);
    expect(report.stacks[0]).toMatchObject({ status: "error", drift: null, pending: null });
    expect(report.stacks[0]?.error).toEqual({
      kind: "update-in-progress",
      message: 'stack "dev" is locked: another update is in progress',
      hint: expect.stringContaining("pulumi cancel") as string,
      command: "pulumi refresh --preview-only --json --non-interactive --stack dev",
      exitCode: 1,
      details: ["error: [409] Conflict: Another update is currently in progress."],
    });
    // One message per error: stdout is JSON here, so stderr says it, once, with what to do.
    expect(stderr.split("\n")[0]).toBe('infra drift: stack "dev" is locked: another update is in progress');
    expect(stderr.split("\n")[1]).toMatch(/^ {2}what to do: .*pulumi cancel/);
    expect(stderr.match(/is locked/g)).toHaveLength(1);
    expect(invocations.map((i) => i.argv[0])).not.toContain("preview");
  });

  it("lock held (self-managed backend): the same error, with the lock file in the details", () => {
    const error = runs.lockedDiy.report.stacks[0]?.error;
    expect(runs.lockedDiy.exitCode).toBe(1);
    expect(error?.kind).toBe("update-in-progress");
    expect(error?.details.join("\n")).toContain("s3://infra-state/.pulumi/locks/organization/infra/dev/");
  });

  it("not logged in: exit 1 for every stack, exit code 3 mapped to words, no refresh attempted", () => {
    const { exitCode, report, invocations, text } = runs.notLoggedIn;
    expect(exitCode).toBe(1);
    expect(report.stacks.map((s) => [s.stack, s.status, s.error?.kind, s.error?.exitCode])).toEqual([
      ["dev", "error", "not-logged-in", 3],
      ["prod", "error", "not-logged-in", 3],
    ]);
    expect(report.stacks[0]?.error?.message).toBe("not logged in to the Pulumi state backend");
    expect(report.stacks[0]?.error?.hint).toContain("pulumi login");
    expect(invocations.map((i) => i.argv[0]).sort()).toEqual(["stack", "version"]);
    expect(text).toContain("PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions");
    // One error shared by both stacks is said once, in every format.
    for (const output of [text, runs.notLoggedIn.markdown])
      expect(output.match(/not logged in to the Pulumi state backend/g)).toHaveLength(1);
    expect(text).toContain("error (not-logged-in): the same as for stack dev");
    // The CLI itself works: the report says which one ran, never that it is missing.
    expect(report.pulumiVersion).toBe("3.248.0");
    expect(text).not.toMatch(/not available|not found/);
  });

  it("two stacks where one errors: exit 1, and the other stack's drift is still reported", () => {
    const { exitCode, report } = runs.oneErrors;
    expect(exitCode).toBe(1);
    const [dev, prod] = report.stacks;
    expect(dev?.status).toBe("drift");
    expect(dev?.drift?.map((c) => c.name)).toEqual(["dev-vpc"]);
    expect(prod?.status).toBe("error");
    expect(prod?.error).toMatchObject({ kind: "no-cloud-credentials", exitCode: 255 });
    expect(prod?.error?.details).toContain(
      "pulumi:providers:aws resource 'default_7_48_0' has a problem: No valid credential sources found.",
    );
    expect(report.totals).toMatchObject({ stacks: 2, drifted: 1, errored: 1, clean: 0 });
  });

  it("exit codes 8 and 9 (cancelled, timed out) are said in plain words", () => {
    const { exitCode, report } = runs.interrupted;
    expect(exitCode).toBe(1);
    expect(report.stacks.map((s) => [s.error?.kind, s.error?.exitCode, s.error?.message])).toEqual([
      ["cancelled", 8, "pulumi exited with code 8: the operation was cancelled"],
      ["timed-out", 9, "pulumi exited with code 9: the operation timed out"],
    ]);
  });

  it("an unknown stack: exit 1 listing the stacks, and the known stack is still checked", () => {
    const { exitCode, report, invocations } = runs.unknownStack;
    expect(exitCode).toBe(1);
    expect(report.stacks[0]?.status).toBe("clean");
    expect(report.stacks[1]?.error).toMatchObject({
      kind: "stack-not-found",
      message: 'stack "staging" not found; stacks: dev',
    });
    expect(invocations.some((i) => i.argv.includes("staging"))).toBe(false);
  });

  it("no Pulumi CLI: exit 1 for every stack, saying how to install it", () => {
    const { exitCode, report, stderr } = runs.noCli;
    expect(exitCode).toBe(1);
    expect(report.pulumiVersion).toBeNull();
    expect(report.stacks.map((s) => s.error?.kind)).toEqual(["cli-not-found", "cli-not-found"]);
    expect(report.stacks[0]?.error?.message).toBe(
      "the Pulumi CLI was not found (/nonexistent/bin/pulumi: not found)",
    );
    expect(report.stacks[0]?.error?.hint).toContain("https://get.pulumi.com");
    expect(stderr.match(/the Pulumi CLI was not found/g)).toHaveLength(1);
  });

  it("the CLI can be named by INFRA_PULUMI_CLI instead of PATH", () => {
    expect(runs.envCli.exitCode).toBe(0);
    expect(runs.envCli.report.pulumiVersion).toBe("3.248.0");
  });

  it("a malformed ignore pattern in one stack's config fails that stack only, naming the config path", () => {
    const { exitCode, report } = runs.badConfig;
    expect(exitCode).toBe(1);
    const [dev, prod] = report.stacks;
    expect(dev?.error?.kind).toBe("invalid-config");
    expect(dev?.error?.message).toContain("infra:drift.ignore[0]:");
    expect(dev?.error?.message).toContain('"tags.owner" is not an ignore pattern');
    expect(prod?.status).toBe("error");
    expect(prod?.error?.kind).toBe("no-cloud-credentials");
  });
});

describe("infra drift errors, one kind each with its own hint", () => {
  const only = (run: DriftRun) => {
    expect(run.exitCode).toBe(1);
    expect(run.report.stacks).toHaveLength(1);
    const stack = run.report.stacks[0]!;
    expect(stack.status).toBe("error");
    return stack.error!;
  };

  it("the state backend refuses access (self-managed backend, before any stack is read)", () => {
    const error = only(runs.backendDenied);
    expect(error.kind).toBe("state-backend-access");
    expect(error.hint).toContain("s3:GetObject");
    expect(error.details.join("\n")).toContain("AccessDenied");
  });

  it("the state backend refuses access to one stack's checkpoint", () => {
    const error = only(runs.stateDenied);
    expect(error.kind).toBe("state-backend-access");
    expect(error.command).toContain("refresh --preview-only");
  });

  it("a CLI older than 3.120 is refused before any refresh, naming the version needed", () => {
    const error = only(runs.tooOld);
    expect(error.kind).toBe("cli-too-old");
    expect(error.message).toContain("pulumi 3.119.0 is older than 3.120.0");
    expect(runs.tooOld.invocations.map((i) => i.argv[0])).toEqual(["version"]);
    expect(runs.tooOld.report.pulumiVersion).toBe("3.119.0");
  });

  it("PULUMI_ENABLE_LEGACY_REFRESH_DIFF is refused too, although the stack has drift", () => {
    const error = only(runs.legacyVariable);
    expect(error.kind).toBe("cli-too-old");
    expect(error.message).toContain("PULUMI_ENABLE_LEGACY_REFRESH_DIFF=true");
    expect(error.hint).toContain("unset PULUMI_ENABLE_LEGACY_REFRESH_DIFF");
  });

  it("changeSummary counting a change no step shows: exit 1, never clean", () => {
    const error = only(runs.legacyFormat);
    expect(error.kind).toBe("unexplained-changes");
    expect(error.message).toContain("update: 1 counted, 0 shown");
    expect(runs.legacyFormat.report.stacks[0]?.drift).toEqual([]);
    expect(runs.legacyFormat.text).not.toContain(": clean");
  });

  it("output that is not a PreviewDigest", () => {
    const error = only(runs.garbage);
    expect(error.kind).toBe("unexpected-output");
    expect(error.message).toContain('"Previewing refresh (dev):..."');
  });

  it("a CLI that hangs is stopped at --timeout and the report says what happened", () => {
    const error = only(runs.timeout);
    expect(error.kind).toBe("timed-out");
    expect(error.message).toMatch(
      /^stack dev was not checked within 300ms \(--timeout\): `pulumi refresh .*` was stopped: sent SIGINT; it exited after \d+\.\ds$/,
    );
    expect(error.hint).toContain("--timeout");
  });

  it("each kind has its own hint", () => {
    const kinds = [
      runs.noCli,
      runs.notLoggedIn,
      runs.oneErrors,
      runs.backendDenied,
      runs.unknownStack,
      runs.tooOld,
      runs.garbage,
      runs.timeout,
    ].map((run) => run.report.stacks.find((s) => s.error)!.error!);
    expect(kinds.map((e) => e.kind)).toEqual([
      "cli-not-found",
      "not-logged-in",
      "no-cloud-credentials",
      "state-backend-access",
      "stack-not-found",
      "cli-too-old",
      "unexpected-output",
      "timed-out",
    ]);
    expect(new Set(kinds.map((e) => e.hint)).size).toBe(kinds.length);
  });
});

describe("read-only", () => {
  it("made the fake CLI run nothing that could change state or cloud", () => {
    const { noCli, ...ran } = runs;
    expect(noCli.invocations).toEqual([]);
    expect(Object.values(ran).every((run) => run.invocations.length > 0)).toBe(true);
    expect(mutatingCommands(runs)).toEqual([]);
  });
});
