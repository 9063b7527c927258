import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluatePolicies, type PolicyReport } from "../../policies/evaluate";
import type { Profile } from "../../policies/types";
import stackProgram from "../../stacks";
import { kubernetesManifests, type Manifest } from "./manifests";
import type { SynthResource } from "./model";
import { loadProject, loadStackConfig } from "./project";
import { DEFAULT_REGION, runProgram, type Program } from "./run";

export interface SynthOptions {
  /** Directory holding `Pulumi.yaml` and the stack files. */
  readonly cwd: string;
  readonly stack: string;
  /** The Pulumi program to run. @default this repository's `stacks/` program */
  readonly program?: Program;
}

export interface SynthResult {
  readonly project: string;
  readonly stack: string;
  /** The AWS region the stack deploys to (`aws:region`, else the fake cloud's default). */
  readonly region: string;
  readonly resources: SynthResource[];
  readonly outputs: Record<string, unknown>;
  readonly manifests: Manifest[];
  readonly policy: PolicyReport;
}

/** The stack's profile as its config names it; production unless it says development (the strict default). */
function stackProfile(value: string | undefined): Profile {
  return value === "development" ? "development" : "production";
}

/** Runs a stack offline: config from the stack file, the program under the fake cloud, then the policies. */
export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const project = loadProject(options.cwd);
  const { config, secretKeys } = loadStackConfig(project, options.stack);
  const region = config["aws:region"] ?? DEFAULT_REGION;
  const { resources, outputs } = await runProgram(
    { project: project.name, stack: options.stack, config, secretKeys, region },
    options.program ?? stackProgram,
  );
  const policy = evaluatePolicies(
    resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, options: r.options })),
    { profile: stackProfile(config[`${project.name}:profile`]) },
  );
  return {
    project: project.name,
    stack: options.stack,
    region,
    resources,
    outputs,
    manifests: kubernetesManifests(resources),
    policy,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes `<out>/<stack>/{resources.json,outputs.json,policy.json,manifests/}`, replacing what an earlier run left. */
export function writeArtifacts(result: SynthResult, out: string): string {
  const dir = join(out, result.stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "manifests"), { recursive: true });
  writeFileSync(join(dir, "resources.json"), json(result.resources));
  writeFileSync(join(dir, "outputs.json"), json(result.outputs));
  writeFileSync(join(dir, "policy.json"), json(result.policy));
  for (const manifest of result.manifests)
    writeFileSync(join(dir, "manifests", manifest.file), manifest.yaml);
  return dir;
}
