import { MONITORING_NAMESPACE, NODE_EXPORTER_NAMESPACE } from "../core/namespaces";
import { podSecurityLabels, type PodSecurityLevel } from "../core/pod-security";

export interface MonitoringNamespace {
  readonly apiVersion: "v1";
  readonly kind: "Namespace";
  readonly metadata: { readonly name: string; readonly labels: Record<string, string> };
}

function namespace(name: string, level: PodSecurityLevel): MonitoringNamespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { "app.kubernetes.io/managed-by": "pulumi", ...podSecurityLabels(level) } },
  };
}

/**
 * The namespaces kube-prometheus-stack runs in, by the Pod Security level their pods meet.
 * `monitoring` (operator, admission jobs, Prometheus, Alertmanager, Grafana, kube-state-metrics)
 * is `restricted`; node-exporter alone gets a `privileged` namespace, because it reads the node
 * through hostNetwork, hostPID and hostPath, which `baseline` already forbids.
 */
export function monitoringNamespaces(): {
  readonly monitoring: MonitoringNamespace;
  readonly nodeExporter: MonitoringNamespace;
} {
  return {
    monitoring: namespace(MONITORING_NAMESPACE, "restricted"),
    nodeExporter: namespace(NODE_EXPORTER_NAMESPACE, "privileged"),
  };
}
