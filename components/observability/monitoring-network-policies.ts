import { ARGO_ROLLOUTS_CHART, ARGO_ROLLOUTS_NAMESPACE } from "../delivery/argo-rollouts";

/**
 * Who may open a connection to which kube-prometheus-stack pod, as the chart's own `networkPolicy`
 * values (one NetworkPolicy per component, rendered by the release into `monitoring`). Egress stays
 * open: Prometheus scrapes every namespace, Alertmanager calls PagerDuty and Slack, Grafana and the
 * operator talk to the API server.
 *
 * Not affected: kubelet probes and `kubectl port-forward`. The VPC CNI's network policy agent always
 * admits traffic from the pod's own node, and port-forward connects from inside the pod's network
 * namespace, never through the host-side interface the agent filters.
 */

const TCP = "TCP";
const UDP = "UDP";

/** Ports the chart's pods listen on (the operator and chart defaults of 88.2.0). */
export const MONITORING_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  /** Alertmanager's gossip between replicas: silences and notifications, over TCP and UDP. */
  alertmanagerMesh: 9094,
  /** The config-reloader sidecar next to Prometheus and Alertmanager (its metrics). */
  configReloader: 8080,
  grafana: 3000,
  /** kube-state-metrics' metrics (the sub-chart's `service.port`, also its container port). */
  kubeStateMetrics: 8080,
} as const;

/** The `app.kubernetes.io/name` label the operator and the sub-charts put on each component's pods. */
const podsNamed = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name } } });
const PROMETHEUS_PODS = podsNamed("prometheus");
const ALERTMANAGER_PODS = podsNamed("alertmanager");
const GRAFANA_PODS = podsNamed("grafana");

/**
 * The Argo Rollouts controller runs the canary and blue-green analyses, which query Prometheus
 * (components/workload/analysis.ts).
 */
const ROLLOUTS_CONTROLLER = {
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ARGO_ROLLOUTS_NAMESPACE } },
  ...podsNamed(ARGO_ROLLOUTS_CHART.name),
};

/**
 * The label the Grafana chart admits clients by (`<Grafana full name>-client: "true"`, with the
 * full name `<release>-grafana`); only Prometheus carries it, to scrape Grafana's metrics.
 */
export const grafanaClientLabel = (release: string): string => `${release}-grafana-client`;

export interface MonitoringNetworkPolicies {
  readonly alertmanager: Record<string, unknown>;
  readonly prometheus: Record<string, unknown>;
  /** Grafana's policy, and the labels its clients' pods must carry. */
  readonly grafana: {
    readonly networkPolicy: Record<string, unknown>;
    readonly clientLabels: Record<string, string>;
  };
  readonly prometheusOperator: Record<string, unknown>;
  readonly kubeStateMetrics: Record<string, unknown>;
}

export function monitoringNetworkPolicies(release: string): MonitoringNetworkPolicies {
  return {
    // Only Prometheus sends alerts, and silences live in Alertmanager: no other pod (a compromised
    // one included) may read alerts, add silences or post fake alerts. The chart's rules admit
    // Prometheus on the API and reloader ports; its cluster rule covers TCP only and needs a Service
    // port, so the replicas' gossip is admitted here on both protocols instead.
    alertmanager: {
      enabled: true,
      policyTypes: ["Ingress"],
      monitoringRules: { prometheus: true, configReloader: true },
      enableClusterRules: false,
      additionalIngress: [
        {
          from: [ALERTMANAGER_PODS],
          ports: [
            { port: MONITORING_PORTS.alertmanagerMesh, protocol: TCP },
            { port: MONITORING_PORTS.alertmanagerMesh, protocol: UDP },
          ],
        },
      ],
    },
    // Queried by Grafana and the rollout analyses; scraped by Prometheus itself (both replicas
    // scrape each other and their reloaders).
    prometheus: {
      enabled: true,
      flavor: "kubernetes",
      ingress: [
        {
          from: [GRAFANA_PODS, PROMETHEUS_PODS, ROLLOUTS_CONTROLLER],
          ports: [{ port: MONITORING_PORTS.prometheus, protocol: TCP }],
        },
        { from: [PROMETHEUS_PODS], ports: [{ port: MONITORING_PORTS.configReloader, protocol: TCP }] },
      ],
      egress: [{}],
    },
    // Nothing in the cluster browses Grafana (operators use port-forward); only Prometheus scrapes it.
    grafana: {
      networkPolicy: { enabled: true, ingress: true, allowExternal: false },
      clientLabels: { [grafanaClientLabel(release)]: "true" },
    },
    // The chart's operator policy: its webhook and metrics port from anywhere (the API server calls
    // the admission webhook from the control plane's addresses), and egress for the admission jobs.
    prometheusOperator: { enabled: true, flavor: "kubernetes" },
    // Cluster-wide object metadata: for Prometheus only. Egress to the API server stays open.
    kubeStateMetrics: {
      enabled: true,
      ingress: [
        { from: [PROMETHEUS_PODS], ports: [{ port: MONITORING_PORTS.kubeStateMetrics, protocol: TCP }] },
      ],
      egress: [{}],
    },
  };
}
