import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const HOME = resolve(__dirname, "fake-pulumi");

/** The directory holding the fake `pulumi` executable (put it first on PATH). */
export const FAKE_PULUMI_BIN = join(HOME, "bin");
export const FAKE_PULUMI = join(FAKE_PULUMI_BIN, "pulumi");

export interface Invocation {
  readonly argv: string[];
  readonly cwd: string;
}

export interface FakePulumi {
  /** The environment to run tools in: the fake first on PATH, the scenario and log file set. */
  readonly env: NodeJS.ProcessEnv;
  /** Every command the fake received, in order. */
  invocations(): Invocation[];
}

/**
 * Sets up the fake Pulumi CLI for one scenario: a file name in `fake-pulumi/scenarios/` or a
 * scenario object (written to a temporary file).
 */
export function fakePulumi(scenario: string | object): FakePulumi {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(dir, "invocations.jsonl");
  let file: string;
  if (typeof scenario === "string") {
    file = join(HOME, "scenarios", scenario.endsWith(".json") ? scenario : `${scenario}.json`);
    if (!existsSync(file)) throw new Error(`no fake-pulumi scenario ${file}`);
  } else {
    file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${FAKE_PULUMI_BIN}${delimiter}${process.env.PATH ?? ""}`,
    FAKE_PULUMI_SCENARIO: file,
    FAKE_PULUMI_LOG: log,
  };
  delete env.INFRA_PULUMI_CLI;
  return {
    env,
    invocations: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Invocation)
        : [],
  };
}
