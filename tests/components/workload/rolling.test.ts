import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesizeStack } from "../../support/stack-synth";

const BASELINE = join(__dirname, "rolling-baseline");

describe("a rolling service", () => {
  it("renders byte for byte what it rendered before strategies existed (the dev stack's podinfo)", async () => {
    const { manifests, resources } = await synthesizeStack("dev");
    const expected = readdirSync(BASELINE).filter((f) => f.endsWith(".yaml"));
    expect(expected.length).toBeGreaterThan(5);
    const podinfo = manifests.filter((m) => /-podinfo-/.test(m.file));
    expect(podinfo.map((m) => m.file).sort()).toEqual(expected.sort());
    for (const file of expected) {
      expect(podinfo.find((m) => m.file === file)?.yaml, file).toBe(
        readFileSync(join(BASELINE, file), "utf8"),
      );
    }
    // Nothing of Argo Rollouts belongs to it.
    expect(resources.filter((r) => r.type.startsWith("kubernetes:argoproj.io/"))).toEqual([]);
  });
});
