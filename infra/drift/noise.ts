import { toResourceChange, type ClassifiedChange, type ClassifiedProperty } from "./classify";
import type { ResourceState } from "./digest";
import { matchesIgnore, type IgnorePattern } from "./ignore";
import type { ResourceChange, Section, SuppressedChange } from "./model";
import { formatPropertyPath } from "./property-path";
import { RDS_PENDING_MODIFICATION } from "./rds-pending";
import { SIDECAR_OWNERSHIP } from "./sidecars";

export interface NoiseContext {
  /** The user's ignore patterns for this stack (config and flags). */
  readonly ignore: readonly IgnorePattern[];
  /** Every resource of the stack as Pulumi recorded it (from the refresh and preview digests). */
  readonly resources: readonly ResourceState[];
}

/**
 * A known source of diffs that are not changes anybody made. A rule looks at one property change
 * and returns why it is noise, or undefined.
 */
export interface NoiseRule {
  readonly id: string;
  /** One line for the README and the report legend. */
  readonly title: string;
  readonly sections: readonly Section[];
  match(change: ClassifiedChange, property: ClassifiedProperty, context: NoiseContext): string | undefined;
}

const IGNORE_LIST: NoiseRule = {
  id: "ignore-list",
  title: "a property listed in `infra:drift.ignore` or passed with --ignore",
  sections: ["drift", "pending"],
  match(change, property, context) {
    const pattern = context.ignore.find((p) => matchesIgnore(p, change.type, property.segments));
    return pattern && `matches ignore pattern "${pattern.text}" (${pattern.source})`;
  },
};

const TAGS_ALL_MIRROR: NoiseRule = {
  id: "tags-all-mirror",
  title: "`tagsAll` repeating a change already reported under `tags`",
  sections: ["drift", "pending"],
  match(change, property) {
    const [top, ...rest] = property.segments;
    if (top !== "tagsAll") return undefined;
    const mirrored = change.properties.some(
      (other) =>
        other.segments[0] === "tags" &&
        other.change.kind === property.change.kind &&
        (rest.length === 0 || formatPropertyPath(other.segments.slice(1)) === formatPropertyPath(rest)),
    );
    const tagsPath = formatPropertyPath(["tags", ...rest]);
    return mirrored ? `tagsAll mirrors tags; the change is reported under ${tagsPath}` : undefined;
  },
};

function isNil(value: unknown): boolean {
  return value === undefined || value === null;
}

function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

const NIL_VERSUS_EMPTY: NoiseRule = {
  id: "nil-vs-empty",
  title: "a property that is absent on one side and empty (`[]` or `{}`) on the other",
  sections: ["drift", "pending"],
  match(_change, property) {
    const { old, new: next } = property.change;
    const noise = (isNil(old) && isEmptyCollection(next)) || (isEmptyCollection(old) && isNil(next));
    return noise
      ? `${JSON.stringify(old ?? null)} and ${JSON.stringify(next ?? null)} mean the same`
      : undefined;
  },
};

/**
 * Fields the Kubernetes API server writes on every object and changes on its own (ObjectMeta:
 * "Populated by the system. Read-only."), plus `status`, which controllers own. A refresh reads
 * them back and, diffed against the program, they change every night. `deletionTimestamp` is left
 * out on purpose: an object being deleted is news.
 */
const KUBERNETES_SERVER_FIELDS = new Set([
  "managedFields",
  "resourceVersion",
  "generation",
  "uid",
  "creationTimestamp",
  "selfLink",
]);

const KUBERNETES_BOOKKEEPING: NoiseRule = {
  id: "kubernetes-bookkeeping",
  title:
    "Kubernetes fields the API server maintains itself (`metadata.managedFields`, `resourceVersion`, `generation`, `uid`, `creationTimestamp`, `selfLink`, and `status`)",
  sections: ["drift"],
  match(change, property) {
    if (!change.type.startsWith("kubernetes:")) return undefined;
    const [top, field] = property.segments;
    if (top === "status") return "status is written by the cluster's controllers, not by the program";
    if (top === "metadata" && typeof field === "string" && KUBERNETES_SERVER_FIELDS.has(field))
      return `metadata.${field} is set by the Kubernetes API server on every write`;
    return undefined;
  },
};

/** Every rule, in the order they are tried; the first that matches is reported. */
export const NOISE_RULES: readonly NoiseRule[] = [
  IGNORE_LIST,
  TAGS_ALL_MIRROR,
  NIL_VERSUS_EMPTY,
  SIDECAR_OWNERSHIP,
  RDS_PENDING_MODIFICATION,
  KUBERNETES_BOOKKEEPING,
];

export interface Filtered {
  readonly changes: ResourceChange[];
  readonly suppressed: SuppressedChange[];
}

/**
 * Splits changes into what is reported and what is known noise. A resource whose only changes are
 * noise is dropped from the changes (its properties are listed as suppressed); deletions and
 * creations always stay, since a resource that vanished or appeared is never noise.
 */
export function suppressNoise(
  classified: readonly ClassifiedChange[],
  context: NoiseContext,
  rules: readonly NoiseRule[] = NOISE_RULES,
): Filtered {
  const changes: ResourceChange[] = [];
  const suppressed: SuppressedChange[] = [];
  for (const change of classified) {
    const kept: ClassifiedProperty[] = [];
    for (const property of change.properties) {
      const verdict = firstMatch(rules, change, property, context);
      if (verdict) {
        suppressed.push({
          section: change.section,
          urn: change.urn,
          type: change.type,
          path: property.change.path,
          kind: property.change.kind,
          rule: verdict.rule,
          reason: verdict.reason,
        });
      } else {
        kept.push(property);
      }
    }
    const onlyNoise = change.op === "update" && change.properties.length > 0 && kept.length === 0;
    if (!onlyNoise) changes.push(toResourceChange(change, kept));
  }
  return { changes, suppressed };
}

function firstMatch(
  rules: readonly NoiseRule[],
  change: ClassifiedChange,
  property: ClassifiedProperty,
  context: NoiseContext,
): { rule: string; reason: string } | undefined {
  for (const rule of rules) {
    if (!rule.sections.includes(change.section)) continue;
    const reason = rule.match(change, property, context);
    if (reason) return { rule: rule.id, reason };
  }
  return undefined;
}
