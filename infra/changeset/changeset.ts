import { z } from "zod";
import { classifyPreview } from "../drift/classify";
import type { PreviewDigest } from "../drift/digest";
import { newSalt, SALT_BYTES, valueDigests } from "./values";

/**
 * What a deployment will do, reduced to what a reviewer approves: per resource its URN, the
 * operation, the changed property paths, and a salted digest of every planned input value
 * (values.ts), so a value that moves between approval and deploy (a CIDR, an image, a chart
 * version) is caught even when the same keys change. Values themselves are never written.
 */
export const CHANGE_SET_VERSION = 2;

const entrySchema = z.strictObject({
  urn: z.string(),
  op: z.string(),
  keys: z.array(z.string()),
  /** Top-level input name -> HMAC-SHA256 of its planned value (hex). */
  values: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export const changeSetSchema = z.strictObject({
  version: z.literal(CHANGE_SET_VERSION),
  stack: z.string(),
  /** The HMAC key of this change set's value digests (hex); the re-preview reuses it. */
  salt: z.string().regex(new RegExp(`^[0-9a-f]{${SALT_BYTES * 2}}$`)),
  entries: z.array(entrySchema),
});

export type ChangeSet = z.infer<typeof changeSetSchema>;
export type ChangeSetEntry = z.infer<typeof entrySchema>;

/**
 * The change set of a `pulumi preview --json` digest, sorted by URN. `salt`: the approved change
 * set's, when re-previewing before `up`; a new random one otherwise.
 */
export function changeSetOf(stack: string, digest: PreviewDigest, salt: string = newSalt()): ChangeSet {
  const entries = classifyPreview(digest).map((change) => ({
    urn: change.urn,
    op: change.op,
    keys: [
      ...new Set([...change.properties.map((p) => p.change.path), ...(change.step.replaceReasons ?? [])]),
    ].sort(),
    values: valueDigests(change.step.newState?.inputs, salt),
  }));
  return { version: CHANGE_SET_VERSION, stack, salt, entries };
}

/** The inputs whose planned value differs between two entries of one resource. */
export function changedValues(approved: ChangeSetEntry, current: ChangeSetEntry): string[] {
  const names = [...new Set([...Object.keys(approved.values), ...Object.keys(current.values)])].sort();
  return names.filter((name) => approved.values[name] !== current.values[name]);
}

export interface ChangeSetDifference {
  readonly urn: string;
  /** The entry in the approved change set; absent when the resource was not in it. */
  readonly approved?: ChangeSetEntry;
  /** The entry now; absent when the resource no longer changes. */
  readonly current?: ChangeSetEntry;
  /** Inputs whose planned value moved since approval (names only; values are never shown). */
  readonly values: readonly string[];
}

/**
 * Every resource whose entry differs between the approved and the current change set: operation,
 * changed keys, or a planned value. Value digests compare only under one salt; change sets of
 * different salts differ in every value, which the caller must refuse (`sameSalt`).
 */
export function compareChangeSets(approved: ChangeSet, current: ChangeSet): ChangeSetDifference[] {
  const before = new Map(approved.entries.map((e) => [e.urn, e]));
  const after = new Map(current.entries.map((e) => [e.urn, e]));
  const urns = [...new Set([...before.keys(), ...after.keys()])].sort();
  const differences: ChangeSetDifference[] = [];
  for (const urn of urns) {
    const a = before.get(urn);
    const c = after.get(urn);
    const values = a && c ? changedValues(a, c) : [];
    if (a && c && a.op === c.op && a.keys.join("\n") === c.keys.join("\n") && values.length === 0) continue;
    differences.push({ urn, ...(a && { approved: a }), ...(c && { current: c }), values });
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
