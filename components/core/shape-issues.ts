import { z } from "zod";
import { show, type ValidationIssue } from "./errors";

type Path = readonly PropertyKey[];

/** Renders an argument path: `nodeGroups[0].minSize`. */
export function argPath(path: Path): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
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

/**
 * Flattens zod's issues into path-named problems. A field that may be an Output (`input()`) is a
 * union of "deferred" and the plain schema: its problems are the plain schema's.
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: Path = []): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // The last option is the plain schema for input(); for other unions, the closest option.
      const options = issue.errors.filter(
        (e) =>
          !(e.length === 1 && e[0]?.code === "custom" && e[0].message === "is not an Output or a promise"),
      );
      const best = options.length === 1 ? options[0]! : undefined;
      if (best) {
        out.push(...flattenIssues(best, path));
        continue;
      }
    }
    out.push({ ...issue, path } as z.core.$ZodIssue);
  }
  return out;
}

/** Every shape problem of a failed parse, named by its argument path. */
export function shapeIssues(error: z.ZodError, render: (path: Path) => string = argPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of flattenIssues(error.issues)) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({ path: render([...issue.path, key]), message: "is not an argument of this component" });
      }
      continue;
    }
    issues.push({ path: render(issue.path), message: shapeMessage(issue) });
  }
  return issues;
}
