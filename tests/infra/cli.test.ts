import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(__dirname, "../..");
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

function infra(...args: string[]) {
  const result = spawnSync(tsx, [join(repoRoot, "infra", "cli.ts"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// End to end through a real process: argument parsing, exit codes, stdout/stderr separation.
describe("the infra command line", () => {
  it("synth <stack> prints the tree and exits 0", () => {
    const { status, stdout } = infra("synth", "dev");
    expect(status).toBe(0);
    expect(stdout).toContain("infra-dev (pulumi:pulumi:Stack)");
  });

  it("synth --stack <name> --out <dir> writes the artefacts", () => {
    const out = mkdtempSync(join(tmpdir(), "cli-out-"));
    expect(infra("synth", "--stack", "prod", "--out", out).status).toBe(0);
    const resources = JSON.parse(readFileSync(join(out, "prod", "resources.json"), "utf8")) as {
      type: string;
    }[];
    expect(resources.some((r) => r.type === "pulumi:pulumi:Stack")).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "prod", "outputs.json"), "utf8"))).toMatchObject({
      environment: "prod",
    });
  });

  it("an unknown stack exits 1 naming the stacks, with no stack trace", () => {
    const { status, stderr, stdout } = infra("synth", "nosuch");
    expect(status).toBe(1);
    expect(stderr).toBe(
      'infra synth: stack "nosuch" not found: there is no Pulumi.nosuch.yaml; stacks: dev, prod, staging\n',
    );
    expect(stdout).toBe("");
  });

  it("an unknown option exits 1 with usage help", () => {
    const { status, stderr } = infra("synth", "dev", "--frobnicate");
    expect(status).toBe(1);
    expect(stderr).toContain("unknown option '--frobnicate'");
  });
});
