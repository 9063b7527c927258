import { z } from "zod";
import { classifyPreview } from "../drift/classify";
import type { PreviewDigest } from "../drift/digest";

/**
 * What a deployment will do, reduced to what a reviewer approves: per resource its URN, the
 * operation and the changed property paths. Values are left out on purpose: they may be secret, and
 * values unknown at preview time would make two previews of the same code differ.
 */
export const CHANGE_SET_VERSION = 1;

const entrySchema = z.strictObject({
  urn: z.string(),
  op: z.string(),
  keys: z.array(z.string()),
});

export const changeSetSchema = z.strictObject({
  version: z.literal(CHANGE_SET_VERSION),
  stack: z.string(),
  entries: z.array(entrySchema),
});

export type ChangeSet = z.infer<typeof changeSetSchema>;
export type ChangeSetEntry = z.infer<typeof entrySchema>;

/** The change set of a `pulumi preview --json` digest, sorted by URN. */
export function changeSetOf(stack: string, digest: PreviewDigest): ChangeSet {
  const entries = classifyPreview(digest).map((change) => ({
    urn: change.urn,
    op: change.op,
    keys: [
      ...new Set([...change.properties.map((p) => p.change.path), ...(change.step.replaceReasons ?? [])]),
    ].sort(),
  }));
  return { version: CHANGE_SET_VERSION, stack, entries };
}

export interface ChangeSetDifference {
  readonly urn: string;
  /** The entry in the approved change set; absent when the resource was not in it. */
  readonly approved?: ChangeSetEntry;
  /** The entry now; absent when the resource no longer changes. */
  readonly current?: ChangeSetEntry;
}

/** Every resource whose entry differs between the approved and the current change set. */
export function compareChangeSets(approved: ChangeSet, current: ChangeSet): ChangeSetDifference[] {
  const before = new Map(approved.entries.map((e) => [e.urn, e]));
  const after = new Map(current.entries.map((e) => [e.urn, e]));
  const urns = [...new Set([...before.keys(), ...after.keys()])].sort();
  const differences: ChangeSetDifference[] = [];
  for (const urn of urns) {
    const a = before.get(urn);
    const c = after.get(urn);
    if (a && c && a.op === c.op && a.keys.join("\n") === c.keys.join("\n")) continue;
    differences.push({ urn, ...(a && { approved: a }), ...(c && { current: c }) });
  }
  return differences;
}

/** Reads a change set file's text; throws an Error naming what is wrong. */
export function parseChangeSet(text: string, file: string): ChangeSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON`);
  }
  const parsed = changeSetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file}: not a change set (version ${CHANGE_SET_VERSION}): ${issue?.path.join(".") || "(top level)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}
