import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";

/**
 * The Prometheus tools tests run for real, and the Debian package each comes from (`.ci/run`
 * installs them on a fresh CI machine).
 */
export const TOOLS = {
  promtool: { debianPackage: "prometheus" },
  amtool: { debianPackage: "prometheus-alertmanager" },
} as const;

export type ToolName = keyof typeof TOOLS;

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout and stderr together, for assertion messages. */
  readonly output: string;
}

/** The tool's version line, or undefined when it is not on the PATH. */
export function toolVersion(tool: ToolName): string | undefined {
  const run = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) return undefined;
  return `${run.stdout}${run.stderr}`.split("\n")[0]!.trim();
}

/** Runs the tool in `cwd`; stdout and stderr together, for assertion messages. */
export function runTool(tool: ToolName, args: readonly string[], cwd?: string): ToolRun {
  const run = spawnSync(tool, args, { encoding: "utf8", cwd, timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, output: `${run.stdout}${run.stderr}` };
}

/** Runs the tool without blocking, so independent runs share the machine's cores. */
export function runToolAsync(tool: ToolName, args: readonly string[], cwd?: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { cwd, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
      // A tool that ran and failed has a numeric exit code; anything else (not found, killed) is an error.
      if (error && typeof error.code !== "number")
        reject(new Error(`${tool} could not run: ${error.message}`));
      else resolve({ status: error ? (error.code as number) : 0, stdout, output: `${stdout}${stderr}` });
    });
  });
}

/** A fresh temporary directory holding the given files. */
export function filesInTempDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "infra-tools-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * A describe block that needs real tools. When one is missing it is skipped with the reason in its
 * title, except under CI (`CI=true`), where a missing tool is a failing test saying how to install it:
 * the block never passes without having run.
 */
export function describeWithTools(tools: readonly ToolName[], title: string, body: () => void): void {
  const missing = tools.filter((tool) => toolVersion(tool) === undefined);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const install = `apt-get install --no-install-recommends ${missing.map((t) => TOOLS[t].debianPackage).join(" ")}`;
  const reason = `${missing.join(" and ")} not installed (${install}; .ci/run does this in CI)`;
  if (process.env.CI === "true") {
    describe(title, () => {
      it(`needs ${missing.join(" and ")}`, () => {
        throw new Error(`${reason}; these tests cannot run without it`);
      });
    });
  } else {
    describe.skip(`${title} [skipped: ${reason}]`, body);
  }
}
