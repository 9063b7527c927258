import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { show, type ValidationIssue } from "../components/core";

type Path = readonly PropertyKey[];

/** Renders a config path the way operators write it: `infra:services[0].image`. */
export function configPath(namespace: string, path: Path): string {
  let out = namespace;
  path.forEach((segment, i) => {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += i === 0 ? `:${String(segment)}` : `.${String(segment)}`;
  });
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.def.innerType as z.ZodType;
    else return current;
  }
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. */
function allowedKeysAt(schema: z.ZodType, path: Path): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodArray && typeof segment === "number")
      current = unwrap(current.element as z.ZodType);
    else if (current instanceof z.ZodObject && typeof segment === "string") {
      const next = (current.shape as Record<string, z.ZodType>)[segment];
      if (!next) return [];
      current = unwrap(next);
    } else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
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

function message(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is required (${issue.expected})`;
      return `expected ${issue.expected}, got ${describeType(input)}`;
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
    default:
      return input === undefined || typeof input === "object"
        ? issue.message
        : `${show(input)}: ${issue.message}`;
  }
}

/**
 * Turns zod's issues into config problems named by their config path, one per unknown key with a
 * "did you mean" hint when a known key is close.
 */
export function configIssues(namespace: string, schema: z.ZodType, error: z.ZodError): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const near = allowed.length ? closest(key, allowed) : undefined;
        const hint = near && distanceOk(key, near) ? ` (did you mean "${near}"?)` : "";
        issues.push({
          path: configPath(namespace, [...issue.path, key]),
          message: `unknown key${hint}; allowed keys: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    issues.push({ path: configPath(namespace, issue.path), message: message(issue) });
  }
  return issues;
}

function distanceOk(key: string, candidate: string): boolean {
  const lower = key.toLowerCase();
  const other = candidate.toLowerCase();
  if (lower.includes(other) || other.includes(lower)) return true;
  let common = 0;
  while (common < lower.length && lower[common] === other[common]) common++;
  return common >= 3 || distance(lower, other) <= Math.max(2, Math.floor(other.length / 3));
}
