import { describe, expect, it } from "vitest";
import { classifyPreview, classifyRefresh } from "../../../infra/drift/classify";
import type { PreviewStep } from "../../../infra/drift/digest";
import { suppressNoise } from "../../../infra/drift/noise";

// pulumi-aws#5067: a modification RDS holds until the maintenance window shows up at every preview.
const TYPE = "aws:rds/instance:Instance";
const URN = `urn:pulumi:dev::infra::${TYPE}::db`;

function previewStep(options: {
  recordedInput: string;
  runningNow: string;
  newInput: string;
  inputDiff: boolean;
  applyImmediately?: boolean;
}): PreviewStep {
  const applyImmediately = options.applyImmediately ?? false;
  return {
    op: "update",
    urn: URN,
    oldState: {
      urn: URN,
      type: TYPE,
      inputs: { instanceClass: options.recordedInput, applyImmediately },
      outputs: { instanceClass: options.runningNow, applyImmediately },
    },
    newState: { urn: URN, type: TYPE, inputs: { instanceClass: options.newInput, applyImmediately } },
    detailedDiff: { instanceClass: { kind: "update", inputDiff: options.inputDiff } },
  };
}

const context = { ignore: [], resources: [] };

describe("RDS pending modified values (pulumi-aws#5067)", () => {
  it("the change deployed without applyImmediately and still pending is suppressed", () => {
    const step = previewStep({
      recordedInput: "db.r6g.large",
      runningNow: "db.r6g.medium",
      newInput: "db.r6g.large",
      inputDiff: false,
    });
    const { changes, suppressed } = suppressNoise(classifyPreview({ steps: [step] }), context);
    expect(changes).toEqual([]);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({
      section: "pending",
      path: "instanceClass",
      rule: "rds-pending-modification",
    });
    expect(suppressed[0]?.reason).toContain("maintenance window");
    expect(suppressed[0]?.reason).toContain("pulumi-aws#5067");
  });

  it("a real code change of the same property is reported", () => {
    const step = previewStep({
      recordedInput: "db.r6g.large",
      runningNow: "db.r6g.medium",
      newInput: "db.r6g.xlarge",
      inputDiff: true,
    });
    const { changes } = suppressNoise(classifyPreview({ steps: [step] }), context);
    expect(changes[0]?.properties).toEqual([
      { path: "instanceClass", kind: "update", replace: false, old: "db.r6g.large", new: "db.r6g.xlarge" },
    ]);
  });

  it("with applyImmediately on nothing is pending, so the diff is reported", () => {
    const step = previewStep({
      recordedInput: "db.r6g.large",
      runningNow: "db.r6g.medium",
      newInput: "db.r6g.large",
      inputDiff: false,
      applyImmediately: true,
    });
    expect(suppressNoise(classifyPreview({ steps: [step] }), context).changes).toHaveLength(1);
  });

  describe("in a refresh preview (the cloud against the program, CLI >= 3.120)", () => {
    /** Program asks for `program`; at the last deploy AWS ran `recorded`; now it runs `cloud`. */
    function refreshStep(program: string, recorded: string, cloud: string, applyImmediately = false) {
      return {
        op: "update",
        urn: URN,
        oldState: {
          urn: URN,
          type: TYPE,
          inputs: { instanceClass: program, applyImmediately },
          outputs: { instanceClass: recorded, applyImmediately },
        },
        newState: {
          urn: URN,
          type: TYPE,
          inputs: { instanceClass: cloud, applyImmediately },
          outputs: { instanceClass: cloud, applyImmediately },
        },
        detailedDiff: { instanceClass: { kind: "update", inputDiff: false } },
      } satisfies PreviewStep;
    }
    const run = (step: PreviewStep) => suppressNoise(classifyRefresh({ steps: [step] }), context);

    it("the deferred class change (cloud still as recorded) is suppressed, with its reason", () => {
      const { changes, suppressed } = run(refreshStep("db.r6g.large", "db.r6g.medium", "db.r6g.medium"));
      expect(changes).toEqual([]);
      expect(suppressed).toEqual([
        expect.objectContaining({
          section: "drift",
          path: "instanceClass",
          rule: "rds-pending-modification",
          reason: expect.stringContaining("maintenance window") as string,
        }),
      ]);
    });

    it("near miss: the class changed by hand in the console (cloud differs from the record) is drift", () => {
      const { changes, suppressed } = run(refreshStep("db.r6g.large", "db.r6g.medium", "db.r6g.2xlarge"));
      expect(suppressed).toEqual([]);
      expect(changes[0]?.properties).toEqual([
        { path: "instanceClass", kind: "update", replace: false, old: "db.r6g.large", new: "db.r6g.2xlarge" },
      ]);
    });

    it("near miss: with applyImmediately on nothing waits for a window, so the difference is drift", () => {
      const { changes } = run(refreshStep("db.r6g.large", "db.r6g.medium", "db.r6g.medium", true));
      expect(changes).toHaveLength(1);
    });

    it("near miss: a property RDS applies at once (not deferred) is drift", () => {
      const step = refreshStep("x", "y", "y");
      const tagged = {
        ...step,
        oldState: { ...step.oldState, inputs: { tags: { team: "a" } }, outputs: { tags: { team: "b" } } },
        newState: { ...step.newState, inputs: { tags: { team: "b" } }, outputs: { tags: { team: "b" } } },
        detailedDiff: { "tags.team": { kind: "update", inputDiff: false } },
      };
      expect(run(tagged).changes).toHaveLength(1);
    });
  });
});
