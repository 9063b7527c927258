import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { floorProgram } from "../../bench/floor";
import type { SynthResource } from "../../infra/synth/model";
import { loadProject, loadStackConfig } from "../../infra/synth/project";
import { runProgram } from "../../infra/synth/run";
import { synthesizeStack } from "../support/stack-synth";

const ROOT = join(__dirname, "..", "..");

function typeCounts(resources: readonly SynthResource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

describe("the floor program of the dev stack", () => {
  let synthesized: SynthResource[];
  let floor: SynthResource[];

  beforeAll(async () => {
    synthesized = (await synthesizeStack("dev")).resources;
    const project = loadProject(ROOT);
    const { config, secretKeys } = loadStackConfig(project, "dev");
    floor = (
      await runProgram({ project: project.name, stack: "dev", config, secretKeys }, floorProgram(synthesized))
    ).resources;
  });

  it("registers the same provider resources, type for type, and no components", () => {
    const custom = synthesized.filter((r) => r.custom);
    expect(typeCounts(floor.filter((r) => r.custom))).toEqual(typeCounts(custom));
    expect(floor.filter((r) => !r.custom).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    expect(synthesized.filter((r) => !r.custom).length).toBeGreaterThan(1);
  });

  it("registers everything directly under the stack", () => {
    const stack = floor.find((r) => r.type === "pulumi:pulumi:Stack")!;
    expect(new Set(floor.filter((r) => r.custom).map((r) => r.parent))).toEqual(new Set([stack.urn]));
  });

  it("passes the recorded inputs", () => {
    const vpc = (resources: readonly SynthResource[]) => resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    expect(vpc(floor)?.inputs).toEqual(vpc(synthesized)?.inputs);
    expect(vpc(floor)?.inputs.cidrBlock).toBe("10.10.0.0/16");
  });

  it("gives the Kubernetes resources the floor's own provider", () => {
    const provider = floor.find((r) => r.type === "pulumi:providers:kubernetes")!;
    const deployment = floor.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    expect(deployment.provider).toBe(provider.urn);
  });
});
