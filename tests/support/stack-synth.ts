import { resolve } from "node:path";
import { synthesize, type SynthResult } from "../../infra/synth/synth";

/** The repository's own root: where Pulumi.yaml and every Pulumi.<stack>.yaml live. */
export const repoRoot = resolve(__dirname, "../..");

const results = new Map<string, Promise<SynthResult>>();

/**
 * The synth of one of this repository's stacks, run once per test worker and shared by every test
 * file in it (workers keep their module cache across files). Synth is deterministic, so sharing
 * changes no result; callers must treat the result as read-only.
 */
export function synthesizeStack(stack: string): Promise<SynthResult> {
  let result = results.get(stack);
  if (!result) {
    result = synthesize({ cwd: repoRoot, stack });
    results.set(stack, result);
  }
  return result;
}
