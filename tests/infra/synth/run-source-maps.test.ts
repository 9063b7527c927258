import * as aws from "@pulumi/aws";
import { afterEach, describe, expect, it } from "vitest";
import { runProgram } from "../../../infra/synth/run";

const initially = process.sourceMapsEnabled;

describe("runProgram and source maps", () => {
  afterEach(() => process.setSourceMapsEnabled(initially));

  it.each([true, false])("runs the program with them off and restores %s afterwards", async (before) => {
    process.setSourceMapsEnabled(before);
    let during: boolean | undefined;
    await runProgram({}, () => {
      during = process.sourceMapsEnabled;
      new aws.sns.Topic("topic", {});
    });
    expect(during).toBe(false);
    expect(process.sourceMapsEnabled).toBe(before);
  });

  it("restores them when the program throws", async () => {
    process.setSourceMapsEnabled(true);
    await expect(
      runProgram({}, () => {
        throw new Error("broken program");
      }),
    ).rejects.toThrow("broken program");
    expect(process.sourceMapsEnabled).toBe(true);
  });
});
