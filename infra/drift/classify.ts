import { plainValue } from "../synth/model";
import { nameFromUrn, stepType, type PreviewDigest, type PreviewStep } from "./digest";
import type { PropertyChange, PropertyChangeKind, ResourceChange, Section } from "./model";
import { formatPropertyPath, parsePropertyPath, valueAt, type PathSegment } from "./property-path";
import { sameValue } from "./same-value";
import { installedSchemaSecrets, secretPathsOf, type SchemaSecrets, type SecretPaths } from "./secrets";

export interface ClassifyContext {
  /** Secret properties per resource type from the provider schemas. @default the installed SDKs */
  readonly schemaSecrets: SchemaSecrets;
}

const DEFAULT_CONTEXT: ClassifyContext = { schemaSecrets: installedSchemaSecrets() };

/**
 * One value that differs (objects and lists are opened up down to it), with what noise rules need:
 * its parsed path and which states the engine compared.
 */
export interface ClassifiedProperty {
  /** The change as reported: path, kind, both sides masked. */
  readonly change: PropertyChange;
  readonly segments: readonly PathSegment[];
  /** The engine compared inputs with inputs (else outputs with the program's inputs). */
  readonly inputDiff: boolean;
}

/** A resource change with the engine step it came from. */
export interface ClassifiedChange {
  readonly section: Section;
  readonly step: PreviewStep;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly op: string;
  readonly properties: readonly ClassifiedProperty[];
}

/** The report's view of a classified change, keeping only `properties`. */
export function toResourceChange(
  change: ClassifiedChange,
  properties: readonly ClassifiedProperty[] = change.properties,
): ResourceChange {
  return {
    urn: change.urn,
    type: change.type,
    name: change.name,
    op: change.op,
    properties: properties.map((p) => p.change),
  };
}

/** Operations that change nothing, in a refresh preview (`refresh`, `same`) and in a preview. */
const NO_CHANGE_OPS = new Set(["same", "refresh", "read"]);
/** The two halves of a replacement; the `replace` step of the same URN stands for both. */
const REPLACEMENT_HALVES = new Set(["create-replacement", "delete-replaced"]);

function isEngineBookkeeping(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/**
 * Out-of-band drift from a refresh preview (CLI >= 3.120, which diffs what the cloud has against
 * what the program asks for): a step rewritten to `update` (properties differ), `delete` (deleted
 * outside Pulumi) or `create` (unknown to Pulumi). The stack and provider resources hold no cloud
 * state and are skipped.
 */
export function classifyRefresh(
  digest: PreviewDigest,
  context: ClassifyContext = DEFAULT_CONTEXT,
): ClassifiedChange[] {
  const changes: ClassifiedChange[] = [];
  for (const step of digest.steps ?? []) {
    const type = stepType(step);
    if (isEngineBookkeeping(type)) continue;
    const properties = propertyChanges(step, "drift", context);
    if (NO_CHANGE_OPS.has(step.op) && properties.length === 0) continue;
    const op = NO_CHANGE_OPS.has(step.op) ? "update" : step.op;
    changes.push(classified("drift", step, type, op, properties));
  }
  return sortByUrn(changes);
}

/** Pending code changes from a plain preview: every step that is not a no-op. */
export function classifyPreview(
  digest: PreviewDigest,
  context: ClassifyContext = DEFAULT_CONTEXT,
): ClassifiedChange[] {
  const steps = digest.steps ?? [];
  const replaced = new Set(steps.filter((s) => s.op === "replace").map((s) => s.urn));
  const changes: ClassifiedChange[] = [];
  for (const step of steps) {
    if (NO_CHANGE_OPS.has(step.op)) continue;
    if (REPLACEMENT_HALVES.has(step.op) && replaced.has(step.urn)) continue;
    const type = stepType(step);
    changes.push(classified("pending", step, type, step.op, propertyChanges(step, "pending", context)));
  }
  return sortByUrn(changes);
}

function classified(
  section: Section,
  step: PreviewStep,
  type: string,
  op: string,
  properties: ClassifiedProperty[],
): ClassifiedChange {
  return { section, step, urn: step.urn, type, name: nameFromUrn(step.urn), op, properties };
}

function sortByUrn(changes: ClassifiedChange[]): ClassifiedChange[] {
  return changes.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

/**
 * The engine's diff kind, as a change from the first side to the second. A refresh diff (CLI >= 3.120)
 * runs from the cloud to the program (`add`: the program has a value the cloud lacks), while the
 * report reads program then cloud, so its kinds are turned round.
 */
function changeKind(engineKind: string, section: Section): PropertyChangeKind {
  const add = engineKind.startsWith("add");
  const del = engineKind.startsWith("delete");
  if (!add && !del) return "update";
  return (section === "drift" ? del : add) ? "add" : "delete";
}

/**
 * One entry per changed property path. Without a detailed diff (providers that do not compute one)
 * the top-level keys in `diffReasons` are reported as updates.
 */
function propertyChanges(
  step: PreviewStep,
  section: Section,
  context: ClassifyContext,
): ClassifiedProperty[] {
  const detailed = step.detailedDiff
    ? Object.entries(step.detailedDiff).map(([path, diff]) => ({
        path,
        kind: diff.kind,
        inputDiff: diff.inputDiff ?? false,
      }))
    : (step.diffReasons ?? []).map((path) => ({ path, kind: "update", inputDiff: false }));
  const secrets = secretPathsOf(step, context.schemaSecrets);
  const byPath = new Map<string, ClassifiedProperty>();
  for (const { path, kind, inputDiff } of detailed) {
    const segments = safeSegments(path);
    const sides = sidesAt(step, segments, section, inputDiff);
    const replace = kind.endsWith("-replace");
    const leaves = expand(segments, sides.old, sides.new, changeKind(kind, section), replace, secrets);
    for (const leafChange of leaves) byPath.set(leafChange.change.path, { ...leafChange, inputDiff });
  }
  return [...byPath.values()].sort((a, b) =>
    a.change.path < b.change.path ? -1 : a.change.path > b.change.path ? 1 : 0,
  );
}

function safeSegments(path: string): PathSegment[] {
  try {
    return parsePropertyPath(path);
  } catch {
    return [path];
  }
}

/**
 * The raw values on each side of a change (secrets still as the CLI printed them, for rules that
 * compare values). A refresh (CLI >= 3.120) diffs what the cloud has (the new state the refresh
 * read) against the program's desired state (the inputs recorded at the last deploy): `old` is the
 * program's value, `new` the cloud's. A preview compares the recorded state (outputs, or inputs when
 * the provider diffed inputs) with the program's new inputs.
 */
export function sidesAt(
  step: PreviewStep,
  segments: readonly PathSegment[],
  section: Section,
  inputDiff: boolean,
): { old: unknown; new: unknown } {
  if (section === "drift") {
    const cloudOutputs = valueAt(step.newState?.outputs, segments);
    const cloudInputs = valueAt(step.newState?.inputs, segments);
    return {
      old: valueAt(step.oldState?.inputs, segments),
      new: inputDiff || cloudOutputs === undefined ? cloudInputs : cloudOutputs,
    };
  }
  const oldBag = inputDiff ? step.oldState?.inputs : (step.oldState?.outputs ?? step.oldState?.inputs);
  return { old: valueAt(oldBag, segments), new: valueAt(step.newState?.inputs, segments) };
}

/** One reported change: masked values, the kind the values show (the engine's when they do not). */
function leaf(
  segments: readonly PathSegment[],
  oldValue: unknown,
  newValue: unknown,
  engineKind: PropertyChangeKind,
  replace: boolean,
  secrets: SecretPaths,
): PropertyChange {
  const kind =
    oldValue === undefined && newValue !== undefined
      ? "add"
      : newValue === undefined && oldValue !== undefined
        ? "delete"
        : oldValue === undefined
          ? engineKind
          : "update";
  return {
    path: formatPropertyPath(segments),
    kind,
    replace,
    ...(oldValue !== undefined && { old: printable(secrets.mask(oldValue, segments)) }),
    ...(newValue !== undefined && { new: printable(secrets.mask(newValue, segments)) }),
  };
}

/**
 * A change of an object or a list, element by element down to the values that differ
 * (`ingress[0].toPort`, `tags["cost-center"]`), so a report never has to squeeze two whole
 * objects onto one line. A secret value is never opened up: it stays one masked change.
 */
function expand(
  segments: readonly PathSegment[],
  oldValue: unknown,
  newValue: unknown,
  engineKind: PropertyChangeKind,
  replace: boolean,
  secrets: SecretPaths,
): { segments: PathSegment[]; change: PropertyChange }[] {
  const out: { segments: PathSegment[]; change: PropertyChange }[] = [];
  const walk = (at: PathSegment[], a: unknown, b: unknown): void => {
    if (!secrets.isSecret(at) && at.length < MAX_DEPTH) {
      if (isRecord(a) && isRecord(b)) {
        for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
          if (!sameValue(a[key], b[key])) walk([...at, key], a[key], b[key]);
        return;
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i += 1)
          if (!sameValue(a[i], b[i])) walk([...at, i], a[i], b[i]);
        return;
      }
    }
    out.push({ segments: at, change: leaf(at, a, b, engineKind, replace, secrets) });
  };
  walk([...segments], oldValue, newValue);
  // Both sides equal as far as the digest shows (unknowns, masked secrets): keep the engine's word.
  if (out.length === 0)
    out.push({
      segments: [...segments],
      change: leaf(segments, oldValue, newValue, engineKind, replace, secrets),
    });
  return out;
}

/** Deeper than any provider schema nests; a guard against pathological values. */
const MAX_DEPTH = 32;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function printable(value: unknown): unknown {
  return value === undefined ? undefined : plainValue(value);
}
