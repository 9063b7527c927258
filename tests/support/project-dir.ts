import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway Pulumi project directory holding exactly the given files. */
export function projectDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "infra-project-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const PULUMI_YAML =
  "name: infra\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: stacks/\n";
