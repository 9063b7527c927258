import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { changesetCommand, compareCommand } from "../../../infra/changeset/command";
import { driftProject } from "../../support/drift";
import { fakePulumi, type Invocation } from "../../support/fake-pulumi";
import { mutatingCommands } from "../../support/read-only";

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  invocations: Invocation[];
}

const dir = mkdtempSync(join(tmpdir(), "changeset-"));
const file = (name: string) => join(dir, name);

async function changeset(
  scenario: string,
  options: { out?: string; savePlan?: string; policyPacks?: string[]; stack?: string; saltFrom?: string },
): Promise<Run> {
  const fake = fakePulumi(scenario);
  let stdout = "";
  let stderr = "";
  const exitCode = await changesetCommand(
    { stack: "dev", cwd: driftProject(), env: fake.env, ...options },
    { out: (t) => (stdout += t), err: (t) => (stderr += t) },
  );
  return { exitCode, stdout, stderr, invocations: fake.invocations() };
}

function compare(approved: string, current: string) {
  let stdout = "";
  let stderr = "";
  const exitCode = compareCommand(approved, current, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
  });
  return { exitCode, stdout, stderr };
}

let runs: Record<
  "pending" | "pendingAgain" | "valueMoved" | "withPlan" | "drift" | "locked" | "unknownStack",
  Run
>;

beforeAll(async () => {
  const pending = await changeset("pending-only", { out: file("approved.json") });
  const saltFrom = file("approved.json");
  const [pendingAgain, valueMoved, withPlan, drift, locked, unknownStack] = await Promise.all([
    changeset("pending-only", { out: file("current.json"), saltFrom }),
    changeset("pending-value-moved", { out: file("moved.json"), saltFrom }),
    changeset("pending-only", {
      out: file("planned.json"),
      savePlan: file("plan.json"),
      policyPacks: ["policies"],
    }),
    changeset("drift-and-pending", { out: file("other.json"), saltFrom }),
    changeset("lock-held", { out: file("never.json") }),
    changeset("clean", { stack: "staging" }),
  ]);
  runs = { pending, pendingAgain, valueMoved, withPlan, drift, locked, unknownStack };
});

describe("infra changeset through the fake CLI", () => {
  it("previews the stack and writes URN, operation, changed keys and value digests, never a value", () => {
    expect(runs.pending.exitCode).toBe(0);
    const text = readFileSync(file("approved.json"), "utf8");
    expect(JSON.parse(text)).toEqual({
      version: 2,
      stack: "dev",
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
      entries: [
        {
          urn: "urn:pulumi:dev::infra::aws:cloudwatch/logGroup:LogGroup::dev-app-logs",
          op: "create",
          keys: [],
          values: expect.objectContaining({ name: expect.stringMatching(/^[0-9a-f]{64}$/) }),
        },
        {
          urn: "urn:pulumi:dev::infra::aws:rds/instance:Instance::dev-db",
          op: "update",
          keys: ["instanceClass"],
          values: expect.objectContaining({ instanceClass: expect.stringMatching(/^[0-9a-f]{64}$/) }),
        },
      ],
    });
    expect(text).not.toContain("db.t4g.large");
    expect(text).not.toContain("/infra/dev/app");
    expect(runs.pending.stdout).toContain("### Change set of stack `dev`: 2 change(s)");
    expect(runs.pending.stdout).toContain(
      "| update | `urn:pulumi:dev::infra::aws:rds/instance:Instance::dev-db` | `instanceClass` |",
    );
    expect(runs.pending.invocations.map((i) => i.argv.join(" "))).toEqual([
      "preview --json --non-interactive --stack dev",
    ]);
  });

  it("passes policy packs and --save-plan to the preview, which writes the plan", () => {
    expect(runs.withPlan.exitCode).toBe(0);
    expect(runs.withPlan.invocations[0]?.argv).toEqual([
      "preview",
      "--json",
      "--non-interactive",
      "--stack",
      "dev",
      "--policy-pack",
      "policies",
      "--save-plan",
      file("plan.json"),
    ]);
    const plan = JSON.parse(readFileSync(file("plan.json"), "utf8")) as { resourcePlans: object };
    expect(Object.keys(plan.resourcePlans)).toContain(
      "urn:pulumi:dev::infra::aws:rds/instance:Instance::dev-db",
    );
  });

  it("a failing preview exits 1 with the specific error", () => {
    expect(runs.locked.exitCode).toBe(1);
    expect(runs.locked.stderr).toContain(
      'infra changeset: stack dev: stack "dev" is locked: another update is in progress',
    );
  });

  it("an unknown stack: the CLI's own message (exit 6) becomes a stack-not-found error", () => {
    expect(runs.unknownStack.exitCode).toBe(1);
    expect(runs.unknownStack.stderr).toContain('infra changeset: stack staging: stack "staging" not found');
    expect(runs.unknownStack.stderr).toContain("pulumi: error: no stack named 'staging' found");
  });

  it("never runs a command that could change state or cloud", () => {
    expect(mutatingCommands(runs)).toEqual([]);
  });
});

describe("infra changeset --compare", () => {
  it("exits 0 when the re-preview matches what was approved", () => {
    const result = compare(file("approved.json"), file("current.json"));
    expect(result).toEqual({
      exitCode: 0,
      stdout: "change set of stack dev matches the approved one (2 changes)\n",
      stderr: "",
    });
  });

  it("refuses a value that moved after approval though operation and keys are the same, naming the input only", () => {
    const result = compare(file("approved.json"), file("moved.json"));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "urn:pulumi:dev::infra::aws:rds/instance:Instance::dev-db: approved update [instanceClass], now update [instanceClass]; planned value changed since approval: instanceClass",
    );
    expect(result.stderr).not.toContain("db.t4g");
  });

  it("refuses to compare a change set digested under another salt", () => {
    const result = compare(file("approved.json"), file("planned.json"));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("make it with --salt-from");
  });

  it("exits 2 and names each difference when the change set moved", () => {
    const result = compare(file("approved.json"), file("other.json"));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "the change set of stack dev differs from the approved one in 1 resource(s); refusing to deploy what was not approved",
    );
    expect(result.stderr).toContain(
      "urn:pulumi:dev::infra::aws:cloudwatch/logGroup:LogGroup::dev-app-logs: approved create, now no change",
    );
  });

  it("exits 1 for an unreadable file or change sets of different stacks", () => {
    expect(compare(file("approved.json"), file("missing.json")).exitCode).toBe(1);
    const salt = (JSON.parse(readFileSync(file("approved.json"), "utf8")) as { salt: string }).salt;
    writeFileSync(file("prod.json"), JSON.stringify({ version: 2, stack: "prod", salt, entries: [] }));
    const result = compare(file("approved.json"), file("prod.json"));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("the change sets are for different stacks: dev");
  });
});
