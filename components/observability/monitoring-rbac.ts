import { MONITORING_NAMESPACE } from "../core/namespaces";

/** The Role Grafana's service account is bound to in `monitoring` (the chart's `rbac.useExistingRole`). */
export const grafanaSidecarRoleName = (release: string): string => `${release}-grafana-sidecar`;

export interface RoleObject {
  readonly apiVersion: "rbac.authorization.k8s.io/v1";
  readonly kind: "Role";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
  };
  readonly rules: { readonly apiGroups: string[]; readonly resources: string[]; readonly verbs: string[] }[];
}

/**
 * What Grafana's dashboard and datasource sidecars may read: ConfigMaps in `monitoring`, nothing
 * else. The chart's own Role would add Secrets, and `monitoring` holds Alertmanager's configuration
 * with the receivers' credentials; the sidecars look at ConfigMaps only (`resource: configmap`).
 */
export function grafanaSidecarRole(release: string): RoleObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: {
      name: grafanaSidecarRoleName(release),
      namespace: MONITORING_NAMESPACE,
      labels: { "app.kubernetes.io/managed-by": "pulumi" },
    },
    rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
  };
}
