import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SERVED_COMPONENTS } from "../../provider/components";
import { readRepoFile, REPO_ROOT } from "../support/typecheck";
import { componentReference, REFERENCE_DIR, referenceFiles, referenceFileName } from "./reference";

describe("docs/reference", () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = await referenceFiles();
  });

  it("is what the schemas and argument definitions generate (run `npm run docs:reference`)", () => {
    for (const [file, text] of Object.entries(files)) {
      expect(existsSync(join(REPO_ROOT, file)), `${file} is missing`).toBe(true);
      expect(readRepoFile(file), `${file} is stale`).toBe(text);
    }
    // Nothing stale left behind: a page of a removed component fails too.
    expect(
      readdirSync(join(REPO_ROOT, REFERENCE_DIR))
        .map((f) => `${REFERENCE_DIR}/${f}`)
        .sort(),
    ).toEqual(Object.keys(files).sort());
  });

  it("documents every argument and output of every component, with its per-profile default", () => {
    const postgres = files[`${REFERENCE_DIR}/${referenceFileName("Postgres")}`]!;
    expect(postgres).toMatch(/\| `engineVersion` +\| Input<string> +\| required +\| required +\|/);
    expect(postgres).toMatch(/\| `instanceClass` +\| string +\| `db\.t4g\.micro` +\| `db\.m7g\.large` +\|/);
    expect(postgres).toMatch(/\| `alarmThresholds\.cpuUtilizationPercent` +\| number +\| `80` +\| `80` +\|/);
    for (const component of SERVED_COMPONENTS) {
      const page = componentReference(component);
      for (const key of Object.keys(component.schemas.production.shape)) expect(page).toContain(`| \`${key}`);
      for (const key of Object.keys(component.outputs.shape)) expect(page).toContain(`| \`${key}\` |`);
    }
  });

  it("marks the arguments that take Outputs, lists of ids included", () => {
    const observability = files[`${REFERENCE_DIR}/${referenceFileName("Observability")}`]!;
    expect(observability).toMatch(/\| `natGatewayIds` +\| Input<list of Input<string>> +\| `\[\]` +\|/);
    const service = files[`${REFERENCE_DIR}/${referenceFileName("AutoscaledService")}`]!;
    expect(service).toMatch(/\| `image` +\| Input<string> +\|/);
    // The stack config takes plain values only.
    expect(files[`${REFERENCE_DIR}/config.md`]).not.toContain("Input<");
  });
});
