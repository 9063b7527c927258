import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { show, type ValidationIssue } from "./errors";

type Path = readonly PropertyKey[];

/** Renders an argument path: `nodeGroups[0].minSize`. */
export function argPath(path: Path): string {
  // The arguments as a whole (not an object at all).
  if (path.length === 0) return "args";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    // A key that is no identifier comes quoted in brackets: labels["app.kubernetes.io/name"].
    else if (String(segment).startsWith("[")) out += String(segment);
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** What a received value is, for "expected X, got Y". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "function") return "a function";
  return `${typeof value} ${show(value)}`;
}

function bound(
  issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean },
  kind: "min" | "max",
): string {
  const value = kind === "min" ? issue.minimum : issue.maximum;
  const op = kind === "min" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
  return `${op} ${String(value)}`;
}

/** zod's own wording, which our checks replace with a message naming the value and what is allowed. */
const GENERIC = /^(Invalid|Too (small|big)|Unrecognized)/;

/** One shape problem in words: what was received and what is allowed. */
export function shapeMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (!GENERIC.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is required (${issue.expected})`;
      if (issue.expected === "int") return `${show(input)} is not a whole number`;
      if (issue.expected === "boolean") return `${describeValue(input)} is not a boolean; use true or false`;
      return `expected ${issue.expected}, got ${describeValue(input)}`;
    case "invalid_value": {
      const allowed = issue.values.map((v) => show(v)).join(", ");
      return input === undefined
        ? `is required; use one of ${allowed}`
        : `${show(input)} is not allowed; use one of ${allowed}`;
    }
    case "too_small":
      if (issue.origin === "array")
        return `needs at least ${String(issue.minimum)} item(s), got ${(input as unknown[]).length}`;
      if (issue.origin === "string")
        return `${show(input)} is too short (at least ${String(issue.minimum)} characters)`;
      return `${show(input)} is too small; must be ${bound(issue, "min")}`;
    case "too_big":
      if (issue.origin === "array")
        return `allows at most ${String(issue.maximum)} item(s), got ${(input as unknown[]).length}`;
      if (issue.origin === "string")
        return `${show(input)} is too long (at most ${String(issue.maximum)} characters)`;
      return `${show(input)} is too large; must be ${bound(issue, "max")}`;
    case "invalid_format":
      return `${show(input)} is not a valid ${issue.format}`;
    case "unrecognized_keys":
      return `unknown key(s) ${issue.keys.map((k) => show(k)).join(", ")}`;
    default:
      return input === undefined || typeof input === "object"
        ? issue.message
        : `${show(input)}: ${issue.message}`;
  }
}

/** The message of `DEFERRED` (definition.ts): an input() field's "not an Output" option. */
export const DEFERRED_MESSAGE = "is not an Output or a promise";

/**
 * Flattens zod's issues into path-named problems. A field that may be an Output (`input()`) is a
 * union of "deferred" and the plain schema: its problems are the plain schema's.
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: Path = []): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // input(): the deferred option never explains anything. Other unions: the option whose shape
      // the value has (its problems are inside it, not a wrong type at its root).
      const options = issue.errors.filter(
        (e) => !(e.length === 1 && e[0]?.code === "custom" && e[0].message === DEFERRED_MESSAGE),
      );
      const shaped = options.filter((e) => !e.every((i) => i.code === "invalid_type" && i.path.length === 0));
      const best = options.length === 1 ? options[0] : shaped.length === 1 ? shaped[0] : undefined;
      if (best) {
        out.push(...flattenIssues(best, path));
        continue;
      }
    }
    out.push({ ...issue, path });
  }
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault)
      current = current.def.innerType as z.ZodType;
    else if (current instanceof z.ZodUnion) {
      // input(): the plain option; other unions: the first object option.
      const objects = (current.options as z.ZodType[]).map(unwrap).filter((o) => o instanceof z.ZodObject);
      const plain = (current.options as z.ZodType[]).at(-1);
      current = objects[0] ?? (plain ? unwrap(plain) : current);
      return current;
    } else return current;
  }
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. */
export function allowedKeysAt(schema: z.ZodType, path: Path): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodArray && typeof segment === "number")
      current = unwrap(current.element as z.ZodType);
    else if (current instanceof z.ZodRecord && typeof segment === "string")
      current = unwrap(current.def.valueType as z.ZodType);
    else if (current instanceof z.ZodObject && typeof segment === "string") {
      const next = (current.shape as Record<string, z.ZodType>)[segment];
      if (!next) return [];
      current = unwrap(next);
    } else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function near(key: string, candidate: string): boolean {
  const lower = key.toLowerCase();
  const other = candidate.toLowerCase();
  if (lower.includes(other) || other.includes(lower)) return true;
  let common = 0;
  while (common < lower.length && lower[common] === other[common]) common++;
  return common >= 3 || distance(lower, other) <= Math.max(2, Math.floor(other.length / 3));
}

/**
 * Every shape problem of a failed parse of `schema`, named by its path (`render`); an unknown key
 * gets a "did you mean" hint when a known key is close.
 */
export function shapeIssues(
  schema: z.ZodType,
  error: z.ZodError,
  render: (path: Path) => string = argPath,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of flattenIssues(error.issues)) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const candidate = allowed.length ? closest(key, allowed) : undefined;
        const hint = candidate && near(key, candidate) ? ` (did you mean "${candidate}"?)` : "";
        issues.push({
          path: render([...issue.path, key]),
          message: `unknown key${hint}; allowed keys: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    issues.push({ path: render(issue.path), message: shapeMessage(issue) });
  }
  return issues;
}
