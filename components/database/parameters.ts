/**
 * The settings of the component's DB parameter group: TLS forced, and the logging an on-call engineer
 * needs (slow statements, connections, disconnections, lock waits). Callers override or add
 * parameters by name; `rds.force_ssl` stays `1`.
 */
export type ApplyMethod = "immediate" | "pending-reboot";

/**
 * A parameter value, or a value with how RDS applies it. Static parameters (those the RDS console
 * marks "static", e.g. `shared_preload_libraries`, `max_connections`) need `pending-reboot`.
 */
export type ParameterOverride = string | { readonly value: string; readonly applyMethod?: ApplyMethod };

export interface ParameterSetting {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: ApplyMethod;
}

export const FORCE_SSL_PARAMETER = "rds.force_ssl";
export const MAX_CONNECTIONS_PARAMETER = "max_connections";

/** Statements slower than this are logged with their duration, in milliseconds. */
export const DEFAULT_LOG_MIN_DURATION_STATEMENT_MS = 1000;

/**
 * PostgreSQL 18 turned `log_connections` from a boolean into a list of the stages to log; the list
 * below is what `on` meant before.
 */
function logConnections(major: number): string {
  return major >= 18 ? "receipt,authentication,authorization" : "1";
}

/** The parameters the component sets for a major version before any override, by name. */
export function defaultParameters(major: number): Record<string, string> {
  return {
    [FORCE_SSL_PARAMETER]: "1",
    log_connections: logConnections(major),
    log_disconnections: "1",
    log_lock_waits: "1",
    log_min_duration_statement: String(DEFAULT_LOG_MIN_DURATION_STATEMENT_MS),
  };
}

function normalize(name: string, override: ParameterOverride): ParameterSetting {
  return typeof override === "string"
    ? { name, value: override, applyMethod: "immediate" }
    : { name, value: override.value, applyMethod: override.applyMethod ?? "immediate" };
}

/** The parameter group's settings: defaults with the overrides applied, sorted by name. */
export function planParameters(
  major: number,
  overrides: Readonly<Record<string, ParameterOverride>> = {},
): ParameterSetting[] {
  const merged = new Map<string, ParameterSetting>();
  for (const [name, value] of Object.entries(defaultParameters(major)))
    merged.set(name, normalize(name, value));
  for (const [name, value] of Object.entries(overrides)) merged.set(name, normalize(name, value));
  return [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The value an override sets, whichever form it takes. */
export function overrideValue(override: ParameterOverride): string {
  return typeof override === "string" ? override : override.value;
}

/** An explicit `max_connections` as a number; undefined when not set. Validation rejects non-integers. */
export function explicitMaxConnections(
  overrides: Readonly<Record<string, ParameterOverride>> = {},
): number | undefined {
  const override = overrides[MAX_CONNECTIONS_PARAMETER];
  return override === undefined ? undefined : Number(overrideValue(override));
}
