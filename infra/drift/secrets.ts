import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { plainValue, SECRET_MASK } from "../synth/model";
import type { PreviewStep, ResourceState } from "./digest";
import type { PathSegment } from "./property-path";

/**
 * Secret masking by property, not by spot (docs/decisions/0002-drift-secret-masking.md). Pulumi
 * writes `[secret]` only where it knows a value is secret: a property can be `[secret]` in the
 * inputs and plaintext in the outputs a provider read back, or plaintext everywhere when the state
 * predates the provider marking it. So a property is secret for the whole report when it is secret
 * anywhere:
 * - `[secret]` at that path (or above it) in the old or new state, inputs or outputs;
 * - listed in either state's `additionalSecretOutputs`;
 * - marked secret in the provider's schema, which the generated SDK installed with this project
 *   carries as its resource class's `additionalSecretOutputs` (`@pulumi/aws/rds/instance.js`:
 *   `password`), looked up by the type token;
 * - in `EXTRA_SECRET_FIELDS`, for values that copy secret data outside any secret property.
 */
export type SchemaSecrets = (type: string) => readonly string[];

/**
 * Paths whose value repeats secret data without being a secret property. kubectl writes the whole
 * applied object, Secret data included, into this annotation (`kubectl apply` without server-side
 * apply); a refresh of a Secret changed by hand then shows the plaintext there.
 */
const EXTRA_SECRET_FIELDS: Readonly<Record<string, readonly (readonly PathSegment[])[]>> = {
  "kubernetes:core/v1:Secret": [
    ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"],
  ],
};

export interface SecretPaths {
  /** Whether the value at `segments` is secret (it or one of its parents is a secret property). */
  isSecret(segments: readonly PathSegment[]): boolean;
  /** The value at `segments` with every secret part replaced by `[secret]`. */
  mask(value: unknown, segments: readonly PathSegment[]): unknown;
}

/** Every secret path of a step's resource, from both of its states and its type. */
export function secretPathsOf(step: PreviewStep, schemaSecrets: SchemaSecrets): SecretPaths {
  const paths: PathSegment[][] = [];
  const states = [step.oldState, step.newState].filter((s): s is ResourceState => !!s);
  const type = states[0]?.type;
  for (const state of states) {
    collectMasked(state.inputs, [], paths);
    collectMasked(state.outputs, [], paths);
    for (const key of state.additionalSecretOutputs ?? []) paths.push([key]);
  }
  if (type) {
    for (const key of schemaSecrets(type)) paths.push([key]);
    for (const path of EXTRA_SECRET_FIELDS[type] ?? []) paths.push([...path]);
  }
  return new PathSet(paths);
}

function collectMasked(value: unknown, at: PathSegment[], into: PathSegment[][]): void {
  // `[secret]` as the CLI prints it, or a secret still in the engine's wire format.
  if (value === SECRET_MASK || (isSpecialValue(value) && plainValue(value) === SECRET_MASK)) {
    into.push(at);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectMasked(item, [...at, i], into));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) collectMasked(item, [...at, key], into);
  }
}

/** An object carrying the engine's signature key (a secret, resource reference, asset...). */
function isSpecialValue(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => /^[0-9a-f]{32}$/.test(key))
  );
}

class PathSet implements SecretPaths {
  constructor(private readonly paths: readonly PathSegment[][]) {}

  isSecret(segments: readonly PathSegment[]): boolean {
    return this.paths.some((path) => isPrefix(path, segments));
  }

  mask(value: unknown, segments: readonly PathSegment[]): unknown {
    if (value === undefined) return undefined;
    if (this.isSecret(segments)) return SECRET_MASK;
    if (!this.paths.some((path) => isPrefix(segments, path))) return value;
    if (Array.isArray(value)) return value.map((item, i) => this.mask(item, [...segments, i]));
    if (value !== null && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, this.mask(item, [...segments, key])]),
      );
    return value;
  }
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/**
 * Secret properties of a resource type as the provider's schema marks them, read from the generated
 * Node SDK installed with the project: `aws:rds/instance:Instance` lives in
 * `@pulumi/aws/rds/instance.js`, `kubernetes:core/v1:Secret` in `@pulumi/kubernetes/core/v1/secret.js`,
 * `random:index/randomPassword:RandomPassword` in `@pulumi/random/randomPassword.js`. The file must
 * declare that very type token. A type whose package is not installed has no schema secrets here
 * (the other three sources still apply).
 */
export function installedSchemaSecrets(
  resolvePackage: (name: string) => string | undefined = resolvePulumiPackage,
): SchemaSecrets {
  const cache = new Map<string, readonly string[]>();
  return (type) => {
    let fields = cache.get(type);
    if (!fields) {
      fields = readSchemaSecrets(type, resolvePackage);
      cache.set(type, fields);
    }
    return fields;
  };
}

const TYPE_TOKEN = /^([a-z0-9-]+):([A-Za-z0-9/_-]+):([A-Za-z0-9_]+)$/;

function readSchemaSecrets(type: string, resolvePackage: (name: string) => string | undefined): string[] {
  const match = TYPE_TOKEN.exec(type);
  if (!match) return [];
  const [, pkg, module, name] = match as unknown as [string, string, string, string];
  const root = resolvePackage(`@pulumi/${pkg}`);
  if (!root) return [];
  const parts = module.split("/").filter((part, i) => !(i === 0 && part === "index"));
  const lowerName = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  // aws and random name the file in the module token (`rds/instance`); kubernetes after the class.
  const candidates = [join(root, ...parts) + ".js", join(root, ...parts, `${lowerName}.js`)];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const source = readFileSync(candidate, "utf8");
    if (!source.includes(`'${type}'`) && !source.includes(`"${type}"`)) continue;
    const list = /additionalSecretOutputs:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? "";
    return [...list.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!);
  }
  return [];
}

function resolvePulumiPackage(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}
