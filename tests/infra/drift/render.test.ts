import { describe, expect, it } from "vitest";
import { formatDuration, formatValue } from "../../../infra/drift/format";
import { SIDES, type DriftReport, type StackReport } from "../../../infra/drift/model";
import { formatForFile, renderReport } from "../../../infra/drift/render";

const URN = "urn:pulumi:prod::infra::aws:ssm/parameter:Parameter::flags";

const drifted: StackReport = {
  stack: "prod",
  status: "drift",
  durationMs: 12_300,
  drift: [
    {
      urn: URN,
      type: "aws:ssm/parameter:Parameter",
      name: "flags",
      op: "update",
      properties: [
        { path: "value", kind: "update", replace: false, old: "a|b", new: "a```b" },
        { path: "tier", kind: "update", replace: true, old: "Standard", new: "Advanced" },
        { path: "description", kind: "delete", replace: false, old: "old" },
        {
          path: "policy",
          kind: "update",
          replace: false,
          old: { Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] },
          new: "[secret]",
        },
      ],
    },
  ],
  pending: [],
  suppressed: [
    {
      section: "drift",
      urn: URN,
      type: "aws:ssm/parameter:Parameter",
      path: "tagsAll.a",
      kind: "add",
      rule: "tags-all-mirror",
      reason: "tagsAll mirrors tags; the change is reported under tags.a",
    },
  ],
  ignore: ["*:*:*:tags.x"],
  error: null,
};

const failed: StackReport = {
  stack: "dev",
  status: "error",
  durationMs: 400,
  drift: null,
  pending: null,
  suppressed: [],
  ignore: [],
  error: {
    kind: "update-in-progress",
    message: 'stack "dev" is locked: another update is in progress',
    hint: "wait",
    command: "pulumi refresh --preview-only --json --non-interactive --stack dev",
    exitCode: 1,
    details: ["error: [409] Conflict: Another update is currently in progress."],
  },
};

const report: DriftReport = {
  sides: SIDES,
  startedAt: "2026-03-02T03:00:00.000Z",
  durationMs: 75_000,
  pulumiVersion: "3.248.0",
  stacks: [failed, drifted],
  totals: {
    stacks: 2,
    clean: 0,
    drifted: 1,
    errored: 1,
    driftedResources: 1,
    pendingResources: 0,
    suppressed: 1,
  },
  exitCode: 1,
};

describe("report rendering", () => {
  it("json is the report itself", () => {
    expect(JSON.parse(renderReport(report, "json"))).toEqual(report);
  });

  it("text: a summary, then per stack its error or its sections", () => {
    const text = renderReport(report, "text");
    expect(text.split("\n").slice(0, 3)).toEqual([
      "infra drift: 2 stacks checked in 1m 15s: 1 with drift, 1 failed, 0 clean (pulumi 3.248.0)",
      "  dev: ERROR (update-in-progress, see below) in 0.4s",
      "  prod: DRIFT (1 resource drifted, 0 pending changes, 1 suppressed) in 12.3s",
    ]);
    expect(text).toContain(
      'error (update-in-progress): stack "dev" is locked: another update is in progress\n',
    );
    expect(text).toContain(
      "  command: pulumi refresh --preview-only --json --non-interactive --stack dev (exit 1)\n",
    );
    expect(text).toContain("  pulumi: error: [409] Conflict: Another update is currently in progress.\n");
    // The message once, in the stack's section; the summary line names only the kind.
    expect(text.split('stack "dev" is locked').length - 1).toBe(1);
    expect(text).toContain(
      '      ~ tier (update, forces replacement)\n          program: "Standard"\n          cloud:   "Advanced"\n',
    );
    expect(text).toContain(
      '      - description (delete)\n          program: "old"\n          cloud:   (none)\n',
    );
    // An object is printed whole over several lines, under its label.
    expect(text).toContain(
      [
        "      ~ policy (update)",
        "          program: {",
        '                     "Statement": [',
        "                       {",
        '                         "Effect": "Allow",',
        '                         "Action": "s3:GetObject"',
        "                       }",
        "                     ]",
        "                   }",
        "          cloud:   [secret]",
      ].join("\n"),
    );
    expect(text).toContain("ignore patterns: *:*:*:tags.x\n");
  });

  it("markdown: a summary table, escaped cells and code spans, errors with the CLI's lines", () => {
    const markdown = renderReport(report, "markdown");
    expect(markdown).toContain("| `dev` | ERROR | - | - | 0 | 0.4s |");
    expect(markdown).toContain("| `prod` | DRIFT | 1 | 0 | 1 | 12.3s |");
    // Each resource's changes in a code block fenced longer than any backtick run in its values.
    expect(markdown).toContain(
      '````text\n~ value (update)\n    program: "a|b"\n    cloud:   "a```b"\n~ tier (update, forces replacement)\n',
    );
    expect(markdown).toContain('- description (delete)\n    program: "old"\n    cloud:   (none)\n');
    expect(markdown).toContain(
      "```text\nerror: [409] Conflict: Another update is currently in progress.\n```",
    );
    expect(markdown).toContain(
      "| drift | `flags` | `tagsAll.a` | tags-all-mirror | tagsAll mirrors tags; the change is reported under tags.a |",
    );
  });

  it("values: masks as they are, never cut, durations readable", () => {
    expect(formatValue("[secret]")).toBe("[secret]");
    expect(formatValue("[unknown]")).toBe("[unknown]");
    expect(formatValue(undefined)).toBe("(none)");
    expect(formatValue({ b: 1 })).toBe('{\n  "b": 1\n}');
    expect(formatValue("x".repeat(400))).toHaveLength(402);
    expect(formatDuration(999)).toBe("1.0s");
    expect(formatDuration(125_000)).toBe("2m 5s");
  });

  it("a report file's format comes from its extension", () => {
    expect(formatForFile("out/drift-prod.json", "text")).toBe("json");
    expect(formatForFile("drift.md", "text")).toBe("markdown");
    expect(formatForFile("drift.MARKDOWN", "json")).toBe("markdown");
    expect(formatForFile("drift.txt", "json")).toBe("text");
    expect(formatForFile("drift-report", "markdown")).toBe("markdown");
  });
});
