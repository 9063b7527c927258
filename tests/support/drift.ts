import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { driftCommand, type DriftCommandOptions } from "../../infra/drift/command";
import type { DriftReport } from "../../infra/drift/model";
import { fakePulumi, type Invocation } from "./fake-pulumi";
import { projectDir, PULUMI_YAML } from "./project-dir";

/** 2026-03-02T03:00:00Z, then 250 ms later at every reading: durations in reports are deterministic. */
export function steppingClock(stepMs = 250): () => number {
  let now = Date.UTC(2026, 2, 2, 3, 0, 0);
  return () => {
    const reading = now;
    now += stepMs;
    return reading;
  };
}

/** A project directory like this repository's: Pulumi.yaml plus a stack file per stack. */
export function driftProject(stackFiles: Record<string, string> = {}): string {
  return projectDir({
    "Pulumi.yaml": PULUMI_YAML,
    "Pulumi.dev.yaml": "config:\n  infra:profile: development\n",
    "Pulumi.prod.yaml": "config:\n  infra:profile: production\n",
    ...stackFiles,
  });
}

export interface DriftRun {
  readonly exitCode: number;
  /** The JSON report (stdout), parsed. */
  readonly report: DriftReport;
  /** The same report as JSON text, text and markdown, exactly as written. */
  readonly json: string;
  readonly text: string;
  readonly markdown: string;
  readonly stderr: string;
  /** What the fake CLI was asked to run. */
  readonly invocations: Invocation[];
}

/**
 * Runs `infra drift` in process against the fake CLI playing `scenario`, once: the JSON report on
 * stdout, the text and markdown reports through `--out`.
 */
export async function runDriftScenario(
  scenario: string | object,
  options: Partial<DriftCommandOptions> & { stacks: readonly string[] },
  patchEnv: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv = (env) => env,
): Promise<DriftRun> {
  const fake = fakePulumi(scenario);
  const dir = mkdtempSync(join(tmpdir(), "drift-report-"));
  const files = { text: join(dir, "report.txt"), markdown: join(dir, "report.md") };
  let json = "";
  let stderr = "";
  const exitCode = await driftCommand(
    {
      cwd: driftProject(),
      env: patchEnv(fake.env),
      clock: steppingClock(),
      ...options,
      format: "json",
      out: [files.text, files.markdown],
    },
    { out: (t) => (json += t), err: (t) => (stderr += t) },
  );
  return {
    exitCode,
    report: JSON.parse(json) as DriftReport,
    json,
    text: readFileSync(files.text, "utf8"),
    markdown: readFileSync(files.markdown, "utf8"),
    stderr,
    invocations: fake.invocations(),
  };
}

/** Runs several scenarios at once (each spawns its own fake CLI processes). */
export async function runDriftScenarios<K extends string>(
  runs: Record<K, Parameters<typeof runDriftScenario>>,
): Promise<Record<K, DriftRun>> {
  const keys = Object.keys(runs) as K[];
  const results = await Promise.all(
    keys.map((key) => {
      const [scenario, options, patchEnv] = runs[key];
      return runDriftScenario(scenario, options, patchEnv);
    }),
  );
  return Object.fromEntries(keys.map((key, i) => [key, results[i]!])) as Record<K, DriftRun>;
}
