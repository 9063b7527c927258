import type * as k8s from "@pulumi/kubernetes";
import type { ProbeArgs, ProbesArgs } from "./args";
import { PROBE_DEFAULTS, type ProbeDefaults } from "./defaults";
import type { Plain } from "./plain";

export type ProbeKind = keyof typeof PROBE_DEFAULTS;
export const PROBE_KINDS: readonly ProbeKind[] = ["startup", "readiness", "liveness"];

/** The name of the container port the Service and the default probes target. */
export const HTTP_PORT_NAME = "http";

/** One probe with every default applied; `port` is `undefined` when it is the container's own port. */
export interface ResolvedProbe extends ProbeDefaults {
  readonly port?: number;
}

/** The probes to render: a kind the caller disabled is absent. */
export type ResolvedProbes = Partial<Record<ProbeKind, ResolvedProbe>>;

export function resolveProbe(kind: ProbeKind, override: ProbeArgs = {}): ResolvedProbe | undefined {
  if (override.enabled === false) return undefined;
  const defaults = PROBE_DEFAULTS[kind];
  return {
    path: override.path ?? defaults.path,
    ...(override.port !== undefined ? { port: override.port } : {}),
    initialDelaySeconds: override.initialDelaySeconds ?? defaults.initialDelaySeconds,
    periodSeconds: override.periodSeconds ?? defaults.periodSeconds,
    timeoutSeconds: override.timeoutSeconds ?? defaults.timeoutSeconds,
    failureThreshold: override.failureThreshold ?? defaults.failureThreshold,
    successThreshold: override.successThreshold ?? defaults.successThreshold,
  };
}

export function resolveProbes(overrides: ProbesArgs = {}): ResolvedProbes {
  const resolved: ResolvedProbes = {};
  for (const kind of PROBE_KINDS) {
    const probe = resolveProbe(kind, overrides[kind]);
    if (probe) resolved[kind] = probe;
  }
  return resolved;
}

export function renderProbe(probe: ResolvedProbe): Plain<k8s.types.input.core.v1.Probe> {
  return {
    httpGet: { path: probe.path, port: probe.port ?? HTTP_PORT_NAME, scheme: "HTTP" },
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
    successThreshold: probe.successThreshold,
  };
}
