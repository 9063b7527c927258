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

  it("does not apply to out-of-band drift: a class changed by hand is drift", () => {
    const step: PreviewStep = {
      ...previewStep({
        recordedInput: "db.r6g.large",
        runningNow: "db.r6g.large",
        newInput: "db.r6g.large",
        inputDiff: false,
      }),
      newState: {
        urn: URN,
        type: TYPE,
        inputs: { instanceClass: "db.r6g.large" },
        outputs: { instanceClass: "db.r6g.2xlarge" },
      },
    };
    const { changes } = suppressNoise(classifyRefresh({ steps: [step] }), context);
    expect(changes[0]?.properties.map((p) => [p.path, p.old, p.new])).toEqual([
      ["instanceClass", "db.r6g.large", "db.r6g.2xlarge"],
    ]);
  });
});
