/**
 * Pod Security Admission labels of the namespaces this library creates: the one place that names
 * the labels, the levels and the version they are judged by.
 */

/** The Pod Security Standards, from the most to the least permissive. */
export const POD_SECURITY_LEVELS = ["privileged", "baseline", "restricted"] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

/**
 * What the API server does with a pod that breaks the level: `enforce` rejects it, `audit` records
 * it in the audit log, `warn` answers the client with a warning.
 */
export const POD_SECURITY_MODES = ["enforce", "audit", "warn"] as const;
export type PodSecurityMode = (typeof POD_SECURITY_MODES)[number];

/**
 * The version of the standards pods are checked against. Pinned, not `latest`: a control-plane
 * upgrade that tightens a standard must not start rejecting pods on its own; moving this is a
 * reviewed change. It is the oldest Kubernetes version clusters of this library run
 * (components/cluster/versions.ts), so every API server knows it.
 */
export const POD_SECURITY_VERSION = "v1.32";

export const podSecurityLabel = (mode: PodSecurityMode): string => `pod-security.kubernetes.io/${mode}`;

/** Labels that enforce, audit and warn on `level`, all judged by {@link POD_SECURITY_VERSION}. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return Object.fromEntries(
    POD_SECURITY_MODES.flatMap((mode) => [
      [podSecurityLabel(mode), level],
      [`${podSecurityLabel(mode)}-version`, POD_SECURITY_VERSION],
    ]),
  );
}

/**
 * The labels of a namespace that enforces, audits and warns on `restricted`: what a team's own
 * namespace carries to meet the policy pack's `namespace-pod-security` (the components' do).
 */
export const RESTRICTED_NAMESPACE_LABELS: Readonly<Record<string, string>> = podSecurityLabels("restricted");
