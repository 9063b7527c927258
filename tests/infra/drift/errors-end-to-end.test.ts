import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mutatingCommands } from "../../support/read-only";
import { driftProject, runDriftScenarios, type DriftRun } from "../../support/drift";
import { FAKE_PULUMI } from "../../support/fake-pulumi";

const DEV_STATE = resolve(__dirname, "../../support/fake-pulumi/scenarios/state/dev.json");

let runs: Record<
  | "locked"
  | "lockedDiy"
  | "notLoggedIn"
  | "oneErrors"
  | "interrupted"
  | "unknownStack"
  | "noCli"
  | "badConfig"
  | "envCli",
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
    expect(stderr).toBe('infra drift: stack dev: stack "dev" is locked: another update is in progress\n');
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
    expect(stderr).toContain("infra drift: stack prod: the Pulumi CLI was not found");
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

describe("read-only", () => {
  it("made the fake CLI run nothing that could change state or cloud", () => {
    const { noCli, ...ran } = runs;
    expect(noCli.invocations).toEqual([]);
    expect(Object.values(ran).every((run) => run.invocations.length > 0)).toBe(true);
    expect(mutatingCommands(runs)).toEqual([]);
  });
});
