/** One problem with a component's arguments or the stack configuration. */
export interface ValidationIssue {
  /** Where the problem is, as an argument or config path: `database.instanceClass`. */
  readonly path: string;
  /** What was received and what is allowed. */
  readonly message: string;
}

/**
 * Every problem found in one set of arguments, reported together so a user fixes them in one pass.
 * Thrown before any resource is registered, so nothing is half-created.
 */
export class InfraValidationError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`${subject}: ${count}\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n")}`);
    this.name = "InfraValidationError";
    this.issues = issues;
  }

  static isInstance(err: unknown): err is InfraValidationError {
    return err instanceof Error && err.name === "InfraValidationError" && "issues" in err;
  }
}

/** Collects issues while validating, then throws them all at once. */
export class IssueCollector {
  private readonly collected: ValidationIssue[] = [];

  constructor(private readonly prefix = "") {}

  add(path: string, message: string): void {
    this.collected.push({ path: this.join(path), message });
  }

  /** Records `message` at `path` unless `ok` holds. Returns `ok` so callers can skip dependent checks. */
  check(ok: boolean, path: string, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }

  addAll(issues: readonly ValidationIssue[]): void {
    for (const issue of issues) this.add(issue.path, issue.message);
  }

  get issues(): readonly ValidationIssue[] {
    return this.collected;
  }

  throwIfAny(subject: string): void {
    if (this.collected.length > 0) throw new InfraValidationError(subject, this.collected);
  }

  private join(path: string): string {
    if (!this.prefix) return path;
    if (!path) return this.prefix;
    return path.startsWith("[") ? `${this.prefix}${path}` : `${this.prefix}.${path}`;
  }
}

/** Quotes a received value for an error message: strings in quotes, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function")
    return "a promise";
  if (value !== null && typeof value === "object" && "__pulumiOutput" in value) return "an Output";
  try {
    const json = JSON.stringify(value);
    return json === undefined ? typeof value : json;
  } catch {
    // Cycles and BigInts have no JSON form.
    return typeof value === "bigint" ? `${String(value)}n` : typeof value;
  }
}
