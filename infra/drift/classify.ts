import { plainValue, SECRET_MASK } from "../synth/model";
import { nameFromUrn, stepType, type PreviewDigest, type PreviewStep } from "./digest";
import type { PropertyChange, PropertyChangeKind, ResourceChange, Section } from "./model";
import { formatPropertyPath, parsePropertyPath, valueAt, type PathSegment } from "./property-path";

/** A property change with what noise rules need: its parsed path and which states it compares. */
export interface ClassifiedProperty {
  readonly change: PropertyChange;
  readonly segments: readonly PathSegment[];
  /** The engine compared old inputs with new inputs (else recorded outputs with new values). */
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
 * Out-of-band drift from a refresh preview: a step rewritten to `update` (properties changed
 * outside Pulumi), `delete` (deleted outside Pulumi) or `create` (unknown to Pulumi). The stack and
 * provider resources hold no cloud state and are skipped.
 */
export function classifyRefresh(digest: PreviewDigest): ClassifiedChange[] {
  const changes: ClassifiedChange[] = [];
  for (const step of digest.steps ?? []) {
    const type = stepType(step);
    if (isEngineBookkeeping(type)) continue;
    const properties = propertyChanges(step, "drift");
    if (NO_CHANGE_OPS.has(step.op) && properties.length === 0) continue;
    const op = NO_CHANGE_OPS.has(step.op) ? "update" : step.op;
    changes.push(classified("drift", step, type, op, properties));
  }
  return sortByUrn(changes);
}

/** Pending code changes from a plain preview: every step that is not a no-op. */
export function classifyPreview(digest: PreviewDigest): ClassifiedChange[] {
  const steps = digest.steps ?? [];
  const replaced = new Set(steps.filter((s) => s.op === "replace").map((s) => s.urn));
  const changes: ClassifiedChange[] = [];
  for (const step of steps) {
    if (NO_CHANGE_OPS.has(step.op)) continue;
    if (REPLACEMENT_HALVES.has(step.op) && replaced.has(step.urn)) continue;
    const type = stepType(step);
    changes.push(classified("pending", step, type, step.op, propertyChanges(step, "pending")));
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

function changeKind(engineKind: string): PropertyChangeKind {
  if (engineKind.startsWith("add")) return "add";
  if (engineKind.startsWith("delete")) return "delete";
  return "update";
}

/**
 * One entry per changed property path. Without a detailed diff (providers that do not compute one)
 * the top-level keys in `diffReasons` are reported as updates.
 */
function propertyChanges(step: PreviewStep, section: Section): ClassifiedProperty[] {
  const detailed = step.detailedDiff
    ? Object.entries(step.detailedDiff).map(([path, diff]) => ({
        path,
        kind: diff.kind,
        inputDiff: diff.inputDiff ?? false,
      }))
    : (step.diffReasons ?? []).map((path) => ({ path, kind: "update", inputDiff: false }));
  return detailed
    .map(({ path, kind, inputDiff }): ClassifiedProperty => {
      const segments = safeSegments(path);
      const sides = sidesAt(step, segments, section, inputDiff);
      const declaredSecret = isDeclaredSecret(step, segments);
      const change: PropertyChange = {
        path: formatPropertyPath(segments),
        kind: changeKind(kind),
        replace: kind.endsWith("-replace"),
      };
      return {
        segments,
        inputDiff,
        change: {
          ...change,
          ...(change.kind !== "add" && { old: printable(sides.old, declaredSecret) }),
          ...(change.kind !== "delete" && { new: printable(sides.new, declaredSecret) }),
        },
      };
    })
    .sort((a, b) => (a.change.path < b.change.path ? -1 : a.change.path > b.change.path ? 1 : 0));
}

function safeSegments(path: string): PathSegment[] {
  try {
    return parsePropertyPath(path);
  } catch {
    return [path];
  }
}

/**
 * The raw values on each side of a change (secrets still wrapped, for rules that compare values):
 * a refresh compares recorded outputs with the outputs it read back (inputs with inputs when the
 * provider diffed inputs); a preview compares the recorded state with the program's new inputs.
 */
export function sidesAt(
  step: PreviewStep,
  segments: readonly PathSegment[],
  section: Section,
  inputDiff: boolean,
): { old: unknown; new: unknown } {
  const oldBag = inputDiff ? step.oldState?.inputs : (step.oldState?.outputs ?? step.oldState?.inputs);
  const newBag =
    section === "pending" || inputDiff
      ? step.newState?.inputs
      : (step.newState?.outputs ?? step.newState?.inputs);
  return { old: valueAt(oldBag, segments), new: valueAt(newBag, segments) };
}

function isDeclaredSecret(step: PreviewStep, segments: readonly PathSegment[]): boolean {
  const top = segments[0];
  return (
    typeof top === "string" &&
    [step.oldState, step.newState].some((state) => state?.additionalSecretOutputs?.includes(top))
  );
}

/** Secret values stay `[secret]`; so does anything under an `additionalSecretOutputs` property. */
function printable(value: unknown, declaredSecret: boolean): unknown {
  if (value === undefined) return undefined;
  return declaredSecret ? SECRET_MASK : plainValue(value);
}
