import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { driftCommand } from "../../../infra/drift/command";
import type { DriftReport } from "../../../infra/drift/model";
import { driftProject } from "../../support/drift";
import { fakePulumi } from "../../support/fake-pulumi";

const repoRoot = resolve(__dirname, "../../..");
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

function infra(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(tsx, [join(repoRoot, "infra", "cli.ts"), ...args], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function usage(options: Partial<Parameters<typeof driftCommand>[0]>) {
  const fake = fakePulumi("clean");
  let stderr = "";
  const exitCode = await driftCommand(
    { stacks: ["dev"], cwd: driftProject(), env: fake.env, ...options },
    { out: () => undefined, err: (t) => (stderr += t) },
  );
  return { exitCode, stderr, invocations: fake.invocations() };
}

describe("infra drift on the command line", () => {
  it("exits 2 on drift, prints text and writes each --out file in the format of its extension", () => {
    const out = mkdtempSync(join(tmpdir(), "drift-cli-"));
    const fake = fakePulumi("tag-changed");
    const result = infra(
      [
        "drift",
        "dev",
        "--cwd",
        driftProject(),
        "--out",
        join(out, "drift.json"),
        "--out",
        join(out, "drift.md"),
      ],
      fake.env,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("  dev: DRIFT (1 resource drifted, 0 pending changes, 1 suppressed)");
    const report = JSON.parse(readFileSync(join(out, "drift.json"), "utf8")) as DriftReport;
    expect(report.exitCode).toBe(2);
    expect(report.stacks[0]?.drift?.[0]?.name).toBe("dev-vpc");
    expect(readFileSync(join(out, "drift.md"), "utf8")).toMatch(/^# Drift report\n/);
  });

  it("changeset --compare exits 2 when the change sets differ", () => {
    const dir = mkdtempSync(join(tmpdir(), "changeset-cli-"));
    const entry = {
      urn: "urn:pulumi:prod::infra::aws:ec2/vpc:Vpc::vpc",
      op: "update",
      keys: ["tags"],
      values: { tags: "a".repeat(64) },
    };
    const salt = "0".repeat(32);
    writeFileSync(join(dir, "a.json"), JSON.stringify({ version: 2, stack: "prod", salt, entries: [entry] }));
    writeFileSync(
      join(dir, "b.json"),
      JSON.stringify({ version: 2, stack: "prod", salt, entries: [{ ...entry, op: "replace" }] }),
    );
    const result = infra(["changeset", "--compare", join(dir, "a.json"), join(dir, "b.json")], process.env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "urn:pulumi:prod::infra::aws:ec2/vpc:Vpc::vpc: approved update [tags], now replace [tags]",
    );
  });
});

describe("infra drift usage errors (exit 1, before running anything)", () => {
  it.each([
    [{ stacks: [] }, "infra drift: name at least one stack: `infra drift --stack dev --stack prod`\n"],
    [{ format: "yaml" }, 'infra drift: --format "yaml" is not a format; use one of text, markdown, json\n'],
    [{ stacks: ["dev", "dev"] }, 'infra drift: stack "dev" given twice\n'],
    [{ ignore: ["tags.owner"] }, 'infra drift: --ignore: "tags.owner" is not an ignore pattern'],
    [{ timeout: "20" }, 'infra drift: --timeout "20" is not a duration; write e.g. 90s, 20m or 1h\n'],
    [{ gracePeriod: "0s" }, 'infra drift: --grace-period "0s" is not a duration'],
  ])("%j", async (options, message) => {
    const { exitCode, stderr, invocations } = await usage(options);
    expect(exitCode).toBe(1);
    expect(stderr).toContain(message);
    expect(invocations).toEqual([]);
  });
});
