import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listStacks } from "../../infra/synth/project";
import { repoRoot, synthesizeStack } from "../support/stack-synth";

export { repoRoot };
const snapshotDir = join(__dirname, "urns");

export function stacks(): string[] {
  return listStacks(repoRoot);
}

export function snapshotPath(stack: string): string {
  return join(snapshotDir, `${stack}.txt`);
}

export async function synthesizedUrns(stack: string): Promise<string[]> {
  const { resources } = await synthesizeStack(stack);
  return resources.map((r) => r.urn);
}

export function committedUrns(stack: string): string[] {
  return readFileSync(snapshotPath(stack), "utf8").split("\n").filter(Boolean);
}

/** The URNs before the package type tokens (frozen: never regenerated). */
export function legacyUrns(stack: string): string[] {
  return readFileSync(join(snapshotDir, "legacy", `${stack}.txt`), "utf8")
    .split("\n")
    .filter(Boolean);
}

export function writeUrns(stack: string, urns: readonly string[]): void {
  writeFileSync(snapshotPath(stack), `${urns.join("\n")}\n`);
}
