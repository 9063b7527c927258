import type { DriftError } from "./errors";

/**
 * The drift report: what every renderer (text, markdown, JSON) and the workflows read. Values are
 * plain data with secrets already masked as `[secret]`.
 */

/** `drift`: what a refresh would change (out of band). `pending`: merged code not yet deployed. */
export type Section = "drift" | "pending";

export type PropertyChangeKind = "add" | "delete" | "update";

export interface PropertyChange {
  /**
   * Pulumi property path down to the value that differs: `tags.owner`, `ingress[1].toPort`,
   * `tags["cost-center"]`. Objects and lists are reported element by element.
   */
  readonly path: string;
  readonly kind: PropertyChangeKind;
  /** The change forces a replacement of the resource. */
  readonly replace: boolean;
  /**
   * Drift: what the program asks for (the inputs recorded at the last deploy). Pending: what Pulumi
   * recorded. Absent when that side has no value (`add`).
   */
  readonly old?: unknown;
  /**
   * Drift: what the cloud has now. Pending: what the code asks for. Absent when that side has no
   * value (`delete`).
   */
  readonly new?: unknown;
}

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /**
   * The engine's operation: drift uses `update` (changed outside Pulumi), `delete` (deleted outside
   * Pulumi) and `create` (unknown to Pulumi); pending changes use every preview operation.
   */
  readonly op: string;
  readonly properties: readonly PropertyChange[];
}

/** A change known to be noise: listed in the report, never counted as drift. */
export interface SuppressedChange {
  readonly section: Section;
  readonly urn: string;
  readonly type: string;
  readonly path: string;
  readonly kind: PropertyChangeKind;
  /** Which rule matched (see `NOISE_RULES`). */
  readonly rule: string;
  readonly reason: string;
}

export type StackStatus = "clean" | "drift" | "error";

export interface StackReport {
  readonly stack: string;
  /** `drift` when anything changed out of band, `error` when the stack could not be checked fully. */
  readonly status: StackStatus;
  readonly durationMs: number;
  /** Out-of-band changes; null when the refresh preview did not complete. */
  readonly drift: readonly ResourceChange[] | null;
  /** Code changes not deployed yet; null when the preview did not complete. */
  readonly pending: readonly ResourceChange[] | null;
  readonly suppressed: readonly SuppressedChange[];
  /** The ignore patterns in force for this stack (config and flags). */
  readonly ignore: readonly string[];
  readonly error: DriftError | null;
}

export interface DriftTotals {
  readonly stacks: number;
  readonly clean: number;
  readonly drifted: number;
  readonly errored: number;
  /** Resources changed out of band, over all stacks. */
  readonly driftedResources: number;
  /** Resources with pending code changes, over all stacks. */
  readonly pendingResources: number;
  readonly suppressed: number;
}

/** What `old` and `new` of a property change are, per section (the report's legend). */
export const SIDES = {
  drift: { old: "program", new: "cloud" },
  pending: { old: "recorded", new: "code" },
} as const satisfies Record<Section, { old: string; new: string }>;

export interface DriftReport {
  /** The legend: what a property change's `old` and `new` are in each section. */
  readonly sides: typeof SIDES;
  /** When the check started, ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** `pulumi version` without the leading `v`; null when the CLI could not be run. */
  readonly pulumiVersion: string | null;
  readonly stacks: readonly StackReport[];
  readonly totals: DriftTotals;
  /** 0 clean, 2 drift in some stack, 1 some stack could not be checked. */
  readonly exitCode: number;
}
