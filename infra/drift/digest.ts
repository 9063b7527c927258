import { z } from "zod";

/**
 * The document `pulumi preview --json` and `pulumi refresh --preview-only --json` print: one
 * PreviewDigest (pulumi/pkg/display/json.go). Only the fields the drift engine reads are checked;
 * everything else passes through, so a newer CLI that adds fields still parses.
 */
const resourceState = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  parent: z.string().optional(),
  provider: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).nullish(),
  outputs: z.record(z.string(), z.unknown()).nullish(),
  additionalSecretOutputs: z.array(z.string()).nullish(),
});

const propertyDiff = z.looseObject({
  kind: z.string(),
  inputDiff: z.boolean().optional(),
});

const step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  provider: z.string().optional(),
  oldState: resourceState.nullish(),
  newState: resourceState.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), propertyDiff).nullish(),
});

const diagnostic = z.looseObject({
  urn: z.string().optional(),
  prefix: z.string().optional(),
  message: z.string().optional(),
  severity: z.string().optional(),
});

export const previewDigestSchema = z.looseObject({
  config: z.record(z.string(), z.string()).nullish(),
  steps: z.array(step).nullish(),
  diagnostics: z.array(diagnostic).nullish(),
  /** Nanoseconds (a Go `time.Duration`). */
  duration: z.number().nullish(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
  maybeCorrupt: z.boolean().nullish(),
});

export type PreviewDigest = z.infer<typeof previewDigestSchema>;
export type PreviewStep = z.infer<typeof step>;
export type ResourceState = z.infer<typeof resourceState>;
export type PreviewDiagnostic = z.infer<typeof diagnostic>;

/** The CLI printed something that is not a PreviewDigest. */
export class DigestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DigestFormatError";
  }
}

/** Parses the CLI's `--json` output; throws DigestFormatError when it is not a PreviewDigest. */
export function parseDigest(text: string): PreviewDigest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const start = text.trim().slice(0, 80);
    throw new DigestFormatError(
      `expected a JSON PreviewDigest, got ${start ? `"${start}..."` : "no output"}`,
    );
  }
  const parsed = previewDigestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join(".") || "(top level)" : "(top level)";
    throw new DigestFormatError(`the JSON is not a PreviewDigest: ${where}: ${first?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** The type token of a step's resource: from its state, else the last part of the URN's type. */
export function stepType(step: PreviewStep): string {
  return step.newState?.type ?? step.oldState?.type ?? typeFromUrn(step.urn);
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` → `type`. */
export function typeFromUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → `name` (names may contain `::`). */
export function nameFromUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** A refresh step that carries a diff shows an update, whether or not the CLI rewrote its op. */
function shownOp(step: PreviewStep): string {
  const hasDiff = Object.keys(step.detailedDiff ?? {}).length > 0 || (step.diffReasons ?? []).length > 0;
  return step.op === "refresh" && hasDiff ? "update" : step.op;
}

/**
 * Operations `changeSummary` counts that a step of the same op must show. The halves of a
 * replacement are left out: the digest hides them unless asked (`--show-replacement-steps`).
 */
const CHECKED_OPS = new Set(["create", "update", "delete", "replace", "import"]);

/**
 * The counts in `changeSummary` that the steps do not account for, as `update: 1 counted, 0 shown`.
 * A CLI that counts a change but prints no step for it (refresh previews before 3.120, or with
 * PULUMI_ENABLE_LEGACY_REFRESH_DIFF) would otherwise make a drifted stack look clean.
 */
export function unexplainedCounts(digest: PreviewDigest): string[] {
  const steps = digest.steps ?? [];
  const unexplained: string[] = [];
  for (const [op, counted] of Object.entries(digest.changeSummary ?? {}).sort()) {
    if (!CHECKED_OPS.has(op)) continue;
    const shown = steps.filter((step) => shownOp(step) === op).length;
    if (counted > shown) unexplained.push(`${op}: ${counted} counted, ${shown} shown`);
  }
  return unexplained;
}
