import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";

/** A user mistake in project or stack files: reported as a plain message, exit code 1. */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectError";
  }
}

export interface PulumiProject {
  readonly name: string;
  readonly runtime: string;
  readonly main?: string;
  readonly dir: string;
}

export interface StackConfig {
  /** `namespace:key` → value as the engine passes it (structured values as JSON). */
  readonly config: Record<string, string>;
  /** Keys whose value is, or contains, a `secure:` value. */
  readonly secretKeys: string[];
}

/**
 * Stands in for a value encrypted with `pulumi config set --secret`: synth has no key to decrypt it,
 * and the value only ever travels as a secret. It is an https URL on a reserved domain (RFC 2606
 * `.invalid`), so it passes the checks of the strictest secrets (URLs that must use TLS) as well as
 * those of tokens and keys.
 */
export function secretPlaceholder(key: string): string {
  return `https://synth-placeholder-for-secret.invalid/${key.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function readYaml(path: string): unknown {
  const file = path.split(/[\\/]/).pop()!;
  const text = readFileSync(path, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  const problem = doc.errors[0];
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    const where = `${file}:${at.line}:${at.col}`;
    throw new ProjectError(`${where}: malformed YAML: ${problem.message.split("\n")[0]}`);
  }
  if (!isMap(doc.contents) && doc.contents !== null) {
    throw new ProjectError(`${file}: expected a mapping at the top level`);
  }
  return doc.toJS() ?? {};
}

export function loadProject(dir: string): PulumiProject {
  const path = join(dir, "Pulumi.yaml");
  if (!existsSync(path)) throw new ProjectError(`no Pulumi.yaml in ${dir}`);
  const raw = readYaml(path) as Record<string, unknown>;
  if (typeof raw.name !== "string" || raw.name === "")
    throw new ProjectError("Pulumi.yaml: `name` is required");
  const runtime = typeof raw.runtime === "string" ? raw.runtime : (raw.runtime as { name?: string })?.name;
  if (runtime !== "nodejs")
    throw new ProjectError(`Pulumi.yaml: runtime must be nodejs, got ${JSON.stringify(runtime)}`);
  return { name: raw.name, runtime, main: typeof raw.main === "string" ? raw.main : undefined, dir };
}

/** The stacks with a `Pulumi.<stack>.yaml`, sorted. */
export function listStacks(dir: string): string[] {
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function isSecure(value: unknown): value is { secure: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { secure?: unknown }).secure === "string"
  );
}

/** Replaces `secure:` leaves with placeholders; reports whether there were any. */
function revealPlaceholders(key: string, value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: secretPlaceholder(key), secret: true };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => revealPlaceholders(`${key}[${i}]`, item));
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, revealPlaceholders(`${key}.${k}`, v)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])),
      secret: entries.some(([, r]) => r.secret),
    };
  }
  return { value, secret: false };
}

function asConfigString(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * Reads the project's config defaults from `Pulumi.yaml` and the stack's `Pulumi.<stack>.yaml`, and
 * turns them into the flat map the engine hands a program: keys are `namespace:key` (a bare key
 * belongs to the project), structured values become JSON, and any key holding a `secure:` value is
 * a secret key.
 */
export function loadStackConfig(project: PulumiProject, stack: string): StackConfig {
  const stacks = listStacks(project.dir);
  if (!stacks.includes(stack)) {
    throw new ProjectError(
      `stack "${stack}" not found: there is no Pulumi.${stack}.yaml; stacks: ${stacks.join(", ") || "(none)"}`,
    );
  }
  const projectFile = readYaml(join(project.dir, "Pulumi.yaml")) as { config?: Record<string, unknown> };
  const stackFile = readYaml(join(project.dir, `Pulumi.${stack}.yaml`)) as { config?: unknown };
  if (
    stackFile.config !== undefined &&
    (typeof stackFile.config !== "object" || Array.isArray(stackFile.config))
  ) {
    throw new ProjectError(`Pulumi.${stack}.yaml: \`config\` must be a mapping of keys to values`);
  }

  const merged: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(projectFile.config ?? {})) {
    const declared = spec as { default?: unknown; value?: unknown } | null;
    const value =
      declared !== null && typeof declared === "object" && !isSecure(declared)
        ? (declared.value ?? declared.default)
        : declared;
    if (value !== undefined) merged[qualify(project.name, key)] = value;
  }
  for (const [key, value] of Object.entries((stackFile.config ?? {}) as Record<string, unknown>)) {
    merged[qualify(project.name, key)] = value;
  }

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const key of Object.keys(merged).sort()) {
    const { value, secret } = revealPlaceholders(key, merged[key]);
    config[key] = asConfigString(value);
    if (secret) secretKeys.push(key);
  }
  return { config, secretKeys };
}

function qualify(projectName: string, key: string): string {
  return key.includes(":") ? key : `${projectName}:${key}`;
}
