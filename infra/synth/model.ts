/**
 * The offline model of a stack that synth writes and tests read: one record per registered resource,
 * exactly as the program asked the engine for it.
 */
export interface RecordedOptions {
  protect?: boolean;
  retainOnDelete?: boolean;
  ignoreChanges?: string[];
  /** Explicit `dependsOn` URNs (dependencies that no input property carries). */
  dependsOn?: string[];
  deleteBeforeReplace?: boolean;
  /** Each alias as the URN it names or the spec the SDK sent (`{ name, type, parentUrn, noParent, ... }`). */
  aliases?: (string | Record<string, string | boolean>)[];
  replaceOnChanges?: string[];
  additionalSecretOutputs?: string[];
  deletedWith?: string;
  importId?: string;
  customTimeouts?: Record<string, string>;
}

export interface SynthResource {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN; `null` only for the stack itself. */
  parent: string | null;
  custom: boolean;
  /** URN of the explicit provider; `null` when the default provider of the package is used. */
  provider: string | null;
  /** Inputs with secrets shown as `"[secret]"` and resource references as their URN. */
  inputs: Record<string, unknown>;
  options: RecordedOptions;
  /**
   * Every dependency edge the engine sees for this resource: URNs carried by its inputs and its
   * `dependsOn`, components expanded to their custom children, sorted. Unlike `options.dependsOn`
   * it includes what inputs already carry. The engine also waits for `provider` (not repeated here).
   */
  dependencies: string[];
}

export const SECRET_MASK = "[secret]";
export const UNKNOWN_MASK = "[unknown]";

// The wire signatures the Pulumi SDK uses for special values in serialized properties.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Turns a serialized property value into plain, printable data: secrets masked, resource references
 * replaced by their URN, unknowns marked, object keys sorted so output is stable.
 */
export function plainValue(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return UNKNOWN_MASK;
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record[SIG_KEY]) {
    case SIG_SECRET:
      return SECRET_MASK;
    case SIG_RESOURCE:
      return record.urn;
    case SIG_OUTPUT:
      if (record.secret === true) return SECRET_MASK;
      return "value" in record ? plainValue(record.value) : UNKNOWN_MASK;
    case SIG_ASSET:
    case SIG_ARCHIVE:
      return { asset: record.path ?? record.uri ?? "[inline]" };
    default:
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, plainValue(record[key])]),
      );
  }
}

/** Whether a serialized value is, or contains, a secret. */
export function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value === null || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SIG_SECRET) return true;
  if (record[SIG_KEY] === SIG_OUTPUT && record.secret === true) return true;
  return Object.values(record).some(containsSecret);
}
