import { spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { driftCommand } from "../../../infra/drift/command";
import type { DriftReport } from "../../../infra/drift/model";
import { driftProject, steppingClock } from "../../support/drift";
import { fakePulumi } from "../../support/fake-pulumi";

const DEV_STATE = resolve(__dirname, "../../support/fake-pulumi/scenarios/state/dev.json");
const PROD_STATE = resolve(__dirname, "../../support/fake-pulumi/scenarios/state/prod.json");

/** Whether a process with this PID still exists (a zombie counts: it was not waited for). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `infra drift` in process against a CLI that hangs, with the PIDs it and its plugin had. */
async function hangingRun(options: {
  ignoreInterrupt: boolean;
  timeout: string;
  gracePeriod: string;
  signals?: EventEmitter;
  onPids?: (pids: number[]) => void;
  stacks?: string[];
}) {
  const fake = fakePulumi({
    stacks: {
      dev: { base: DEV_STATE, refresh: { hang: true, ignoreInterrupt: options.ignoreInterrupt } },
      prod: { base: PROD_STATE },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "drift-processes-"));
  const pidFile = join(dir, "pids");
  const readPids = () =>
    existsSync(pidFile) ? readFileSync(pidFile, "utf8").split("\n").filter(Boolean).map(Number) : [];
  let watcher: NodeJS.Timeout | undefined;
  if (options.onPids) {
    const onPids = options.onPids;
    watcher = setInterval(() => {
      const pids = readPids();
      if (pids.length === 2) {
        clearInterval(watcher);
        onPids(pids);
      }
    }, 10);
  }
  let json = "";
  let stderr = "";
  const exitCode = await driftCommand(
    {
      stacks: options.stacks ?? ["dev"],
      cwd: driftProject(),
      env: { ...fake.env, FAKE_PULUMI_PIDS: pidFile },
      clock: steppingClock(),
      format: "json",
      out: [join(dir, "report.md")],
      timeout: options.timeout,
      gracePeriod: options.gracePeriod,
      signals: options.signals,
    },
    { out: (t) => (json += t), err: (t) => (stderr += t) },
  );
  clearInterval(watcher);
  return {
    exitCode,
    report: JSON.parse(json) as DriftReport,
    markdown: readFileSync(join(dir, "report.md"), "utf8"),
    stderr,
    pids: readPids(),
  };
}

describe.concurrent("infra drift leaves no process behind", () => {
  it("a CLI that ignores SIGINT is killed after the grace period, with its plugin, and waited for", async () => {
    // 3 s: the fake CLI and its plugin must have started and written their PIDs before the timeout,
    // which takes more than a second on a loaded machine.
    const run = await hangingRun({ ignoreInterrupt: true, timeout: "3s", gracePeriod: "200ms" });
    expect(run.exitCode).toBe(1);
    expect(run.pids).toHaveLength(2);
    for (const pid of run.pids) expect(alive(pid), `process ${pid}`).toBe(false);
    const error = run.report.stacks[0]?.error;
    expect(error?.kind).toBe("timed-out");
    expect(error?.message).toContain(
      "sent SIGINT, no exit within the 200ms grace period, killed (SIGKILL) after",
    );
    expect(run.markdown).toContain("**Error (timed-out):** stack dev was not checked within 3s");
  });

  it("SIGTERM to infra drift interrupts the CLI, writes the report, exits 1 and leaves nothing running", async () => {
    const signals = new EventEmitter();
    const started = Date.now();
    const run = await hangingRun({
      ignoreInterrupt: false,
      timeout: "10m",
      gracePeriod: "5s",
      signals,
      onPids: () => signals.emit("SIGTERM", "SIGTERM"),
      stacks: ["dev", "prod"],
    });
    expect(run.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.pids).toHaveLength(2);
    for (const pid of run.pids) expect(alive(pid), `process ${pid}`).toBe(false);
    expect(run.report.stacks[0]?.error).toMatchObject({
      kind: "interrupted",
      message: expect.stringMatching(
        /^infra drift received SIGTERM: `pulumi refresh .*` was stopped: sent SIGINT; it exited after/,
      ) as string,
    });
    // The stack after it is not started, and says so.
    expect(run.report.stacks[1]?.error).toMatchObject({
      kind: "interrupted",
      message: "infra drift received SIGTERM before checking stack prod",
    });
    expect(run.stderr).toContain("infra drift: SIGTERM received, stopping pulumi and writing the report");
    expect(signals.listenerCount("SIGTERM")).toBe(0);
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });

  it("a second signal kills a CLI that ignores SIGINT at once, without waiting for the grace period", async () => {
    const signals = new EventEmitter();
    const started = Date.now();
    const run = await hangingRun({
      ignoreInterrupt: true,
      timeout: "10m",
      gracePeriod: "10m",
      signals,
      onPids: () => {
        signals.emit("SIGINT", "SIGINT");
        setTimeout(() => signals.emit("SIGINT", "SIGINT"), 100);
      },
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.exitCode).toBe(1);
    for (const pid of run.pids) expect(alive(pid), `process ${pid}`).toBe(false);
    expect(run.report.stacks[0]?.error?.message).toContain("killed (SIGKILL) on a second signal after");
    expect(run.stderr).toContain("infra drift: SIGINT received again, killing pulumi now");
  });

  it("a real SIGTERM to the infra drift process: report written, exit 1, CLI and plugin gone", async () => {
    const fake = fakePulumi({ stacks: { dev: { base: DEV_STATE, refresh: { hang: true } } } });
    const dir = mkdtempSync(join(tmpdir(), "drift-sigterm-"));
    const pidFile = join(dir, "pids");
    const repoRoot = resolve(__dirname, "../../..");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(repoRoot, "infra", "cli.ts"), "drift", "dev", "--cwd", driftProject()].concat([
        "--format",
        "json",
        "--out",
        join(dir, "report.md"),
      ]),
      { cwd: repoRoot, env: { ...fake.env, FAKE_PULUMI_PIDS: pidFile }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    const pids = await new Promise<number[]>((done, fail) => {
      const poll = setInterval(() => {
        const found = existsSync(pidFile)
          ? readFileSync(pidFile, "utf8").split("\n").filter(Boolean).map(Number)
          : [];
        if (found.length === 2) {
          clearInterval(poll);
          done(found);
        }
      }, 20);
      void exited.then(() => {
        clearInterval(poll);
        fail(new Error(`infra drift exited before the CLI started: ${stdout}`));
      });
    });
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(1);
    for (const pid of pids) expect(alive(pid), `process ${pid}`).toBe(false);
    const report = JSON.parse(stdout) as DriftReport;
    expect(report.stacks[0]?.error?.kind).toBe("interrupted");
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("infra drift received SIGTERM");
  });
});
