/**
 * Pulumi property paths as the engine writes them in `detailedDiff`: `tags.owner`,
 * `ingress[1].cidrBlocks[0]`, `tags["kubernetes.io/role/elb"]`. A segment is an object key (string)
 * or an array index (number); `[*]` is kept as the string `*` so ignore patterns can use it.
 */
export type PathSegment = string | number;

export class PropertyPathError extends Error {
  constructor(path: string, reason: string) {
    super(`malformed property path ${JSON.stringify(path)}: ${reason}`);
    this.name = "PropertyPathError";
  }
}

export function parsePropertyPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  let expectKey = true;
  while (i < path.length) {
    const char = path[i];
    if (char === "[") {
      const close = path.indexOf("]", i);
      if (path[i + 1] === '"') {
        const end = closingQuote(path, i + 2);
        if (end < 0 || path[end + 1] !== "]") throw new PropertyPathError(path, 'unterminated ["..."]');
        segments.push(JSON.parse(path.slice(i + 1, end + 1)) as string);
        i = end + 2;
      } else {
        if (close < 0) throw new PropertyPathError(path, "unterminated [");
        const inner = path.slice(i + 1, close);
        if (inner === "*") segments.push("*");
        else if (/^\d+$/.test(inner)) segments.push(Number(inner));
        else throw new PropertyPathError(path, `[${inner}] is neither an index nor a quoted key`);
        i = close + 1;
      }
      expectKey = false;
    } else if (char === ".") {
      if (expectKey) throw new PropertyPathError(path, `empty key at position ${i}`);
      expectKey = true;
      i += 1;
    } else {
      let end = i;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end += 1;
      segments.push(path.slice(i, end));
      i = end;
      expectKey = false;
    }
  }
  if (segments.length === 0 || expectKey) throw new PropertyPathError(path, "it ends without a key");
  return segments;
}

function closingQuote(path: string, from: number): number {
  for (let i = from; i < path.length; i += 1) {
    if (path[i] === "\\") i += 1;
    else if (path[i] === '"') return i;
  }
  return -1;
}

/**
 * A path in Pulumi's own syntax (`PropertyPath.String()` in pulumi/sdk `resource/properties_path.go`):
 * keys of letters, digits and `_` joined by dots, any other key as `["..."]` with `"` escaped,
 * indexes as `[n]`: `tags["cost-center"]`, `ingress[0].toPort`.
 */
export function formatPropertyPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (/^[A-Za-z0-9_]+$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      if (segment === "*") return "[*]";
      return `["${segment.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"]`;
    })
    .join("");
}

/** The value at `segments` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
