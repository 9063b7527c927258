import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCli } from "../../../infra/cli";
import type { StackEstimate } from "../../../infra/estimate/estimate";
import { synthCommand } from "../../../infra/synth/command";

const repoRoot = resolve(__dirname, "../../..");

/** Runs `infra <args>` in this process, returning what it printed and its exit code. */
async function infra(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await buildCli().parseAsync(["node", "infra", ...args, "--cwd", repoRoot]);
    return { status: process.exitCode ?? 0, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}

afterEach(() => vi.restoreAllMocks());

describe("infra estimate and infra graph, end to end in one process", () => {
  it("synth --out prints both totals and writes estimate.json; estimate --compare against it shows no change", async () => {
    const out = mkdtempSync(join(tmpdir(), "estimate-cmd-"));
    let printed = "";
    const io = { out: (t: string) => (printed += t), err: (t: string) => (printed += t) };
    expect(await synthCommand({ stack: "staging", cwd: repoRoot, out }, io)).toBe(0);
    const written = JSON.parse(readFileSync(join(out, "staging", "estimate.json"), "utf8")) as StackEstimate;
    expect(printed).toContain(
      `estimate: ${written.cost.totals.monthly.toFixed(2)} USD/month list price in eu-west-1 plus ${written.cost.unpriced.length} unpriced item(s)`,
    );
    expect(printed).toContain(`fresh up ~${written.deploy.minutes} min`);

    const compared = await infra("estimate", "staging", "--compare", out, "--json");
    expect(compared.status, compared.stderr).toBe(0);
    const comparison = JSON.parse(compared.stdout) as {
      monthly: { base: number; head: number; change: number };
      deployMinutes: { head: number; change: number };
      lines: unknown[];
      criticalPathChanged: boolean;
    };
    expect(comparison.monthly).toEqual({
      base: written.cost.totals.monthly,
      head: written.cost.totals.monthly,
      change: 0,
    });
    expect(comparison.deployMinutes).toMatchObject({ head: written.deploy.minutes, change: 0 });
    expect(comparison.lines).toEqual([]);
    expect(comparison.criticalPathChanged).toBe(false);
  });

  it("estimate --compare with a directory without synth output fails with exit 1 and how to make it", async () => {
    const missing = join(tmpdir(), "no-such-synth-output");
    const result = await infra("estimate", "dev", "--compare", missing);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `infra estimate: ${join(missing, "dev", "resources.json")} not found: write it with \`infra synth dev --out ${missing}\`\n`,
    );
  });

  it("graph --format mermaid prints the flowchart with the critical path marked; a bad format exits 1", async () => {
    const result = await infra("graph", "dev", "--format", "mermaid");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.startsWith("flowchart LR\n")).toBe(true);
    expect(result.stdout).toMatch(/dev-eks<br\/>eks\/cluster:Cluster"\]:::critical/);
    const bad = await infra("graph", "dev", "--format", "png");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('infra graph: --format: "png" is not a format; use one of svg, mermaid, dot\n');
  });
});
