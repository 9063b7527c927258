import { parsePropertyPath, PropertyPathError, type PathSegment } from "./property-path";

/**
 * An ignore pattern, `<type>:<path>`: a resource type token (`aws:rds/instance:Instance`, each of
 * its three parts may use `*`) and a property path (`tags.LastScanned`, `ingress[*].description`,
 * `tags.*`, `**.lastModified`). `*` matches one key or index, or part of a key (`tags.backup-*`);
 * `**` matches any number of segments. A pattern also covers everything beneath the path it names.
 */
export interface IgnorePattern {
  readonly text: string;
  /** Where the pattern came from: `--ignore`, `infra:drift.ignore[0] in Pulumi.dev.yaml`. */
  readonly source: string;
  readonly type: RegExp;
  readonly path: readonly PathSegment[];
}

export class IgnorePatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly source: string,
    reason: string,
  ) {
    super(
      `${source}: ${JSON.stringify(pattern)} is not an ignore pattern: ${reason}; write <type>:<path>, e.g. "aws:ec2/instance:Instance:tags.LastScanned" or "*:*:*:tags.backup-*"`,
    );
    this.name = "IgnorePatternError";
  }
}

const TYPE_PART = /^[A-Za-z0-9_.\-/*]+$/;

export function parseIgnorePattern(text: string, source: string): IgnorePattern {
  const parts = text.trim().split(":");
  if (parts.length < 4)
    throw new IgnorePatternError(text, source, "it needs a three-part type token and a path");
  const typeParts = parts.slice(0, 3);
  const bad = typeParts.find((part) => !TYPE_PART.test(part));
  if (bad !== undefined)
    throw new IgnorePatternError(
      text,
      source,
      `the type part ${JSON.stringify(bad)} is empty or has invalid characters`,
    );
  let path: PathSegment[];
  try {
    path = parsePropertyPath(parts.slice(3).join(":"));
  } catch (err) {
    if (err instanceof PropertyPathError) throw new IgnorePatternError(text, source, err.message);
    throw err;
  }
  return { text: text.trim(), source, type: globRegExp(typeParts.join(":"), "[^:]*"), path };
}

export function matchesIgnore(pattern: IgnorePattern, type: string, path: readonly PathSegment[]): boolean {
  return pattern.type.test(type) && matchPath(pattern.path, 0, path, 0);
}

function matchPath(
  pattern: readonly PathSegment[],
  p: number,
  actual: readonly PathSegment[],
  a: number,
): boolean {
  if (p === pattern.length) return true;
  const segment = pattern[p];
  if (segment === "**") {
    for (let next = a; next <= actual.length; next += 1)
      if (matchPath(pattern, p + 1, actual, next)) return true;
    return false;
  }
  if (a === actual.length || segment === undefined) return false;
  return matchSegment(segment, actual[a]!) && matchPath(pattern, p + 1, actual, a + 1);
}

function matchSegment(pattern: PathSegment, actual: PathSegment): boolean {
  if (pattern === "*") return true;
  if (typeof pattern === "number") return pattern === actual;
  if (typeof actual === "number") return false;
  return pattern.includes("*") ? globRegExp(pattern, ".*").test(actual) : pattern === actual;
}

function globRegExp(glob: string, star: string): RegExp {
  const escaped = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"));
  return new RegExp(`^${escaped.join(star)}$`);
}
