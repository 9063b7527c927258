import { KARPENTER_NAMESPACE, KARPENTER_RELEASE } from "./karpenter-chart";

/**
 * Karpenter's own failure signals as Prometheus alerts, labelled like the platform's other alerts
 * (`severity: page` pages, `severity: ticket` opens a ticket; see observability's Alertmanager routes;
 * runbooks at `<runbook base URL>/<slug>`),
 * and the ServiceMonitor that has Prometheus scrape the controller. Metric names: Karpenter's metrics
 * reference (karpenter.sh, "Reference / Metrics", v1).
 */

/** Share of a NodePool limit at which pods are about to stay Pending for want of a node. */
export const NODE_POOL_LIMIT_ALERT_RATIO = 0.9;

/** The scrape job: the chart's Service is named after the release. */
export const KARPENTER_JOB = KARPENTER_RELEASE;

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The rules, with runbook links under `runbookBaseUrl`. */
export function karpenterAlertRules(runbookBaseUrl: string): AlertRule[] {
  const runbook = (slug: string) => `${runbookBaseUrl.replace(/\/+$/, "")}/${slug}`;
  return [
    {
      alert: "KarpenterDown",
      expr: `absent(up{job="${KARPENTER_JOB}", namespace="${KARPENTER_NAMESPACE}"} == 1)`,
      for: "10m",
      labels: { severity: "page", service: "karpenter" },
      annotations: {
        summary: "No Karpenter controller is up: pending pods get no nodes.",
        runbook_url: runbook("karpenter-down"),
      },
    },
    {
      alert: "KarpenterNodeLaunchFailing",
      expr: `sum by (nodepool) (increase(karpenter_cloudprovider_errors_total{method="Create", error!="InsufficientCapacityError"}[15m])) > 0`,
      for: "15m",
      labels: { severity: "ticket", service: "karpenter" },
      annotations: {
        summary:
          "Karpenter's calls to launch instances keep failing (permissions, quotas, launch template, subnets).",
        runbook_url: runbook("karpenter-node-launch-failing"),
      },
    },
    {
      alert: "KarpenterInsufficientCapacity",
      expr: `sum(increase(karpenter_cloudprovider_errors_total{error="InsufficientCapacityError"}[15m])) > 0`,
      for: "30m",
      labels: { severity: "ticket", service: "karpenter" },
      annotations: {
        summary:
          "EC2 has had no capacity for the instance types and zones Karpenter may use for 30 minutes; widen the NodePool's categories or capacity types.",
        runbook_url: runbook("karpenter-insufficient-capacity"),
      },
    },
    {
      alert: "KarpenterNodeClaimsNotRegistering",
      expr: `sum by (nodepool) (increase(karpenter_nodeclaims_disrupted_total{reason="liveness"}[1h])) > 0`,
      for: "0m",
      labels: { severity: "ticket", service: "karpenter" },
      annotations: {
        summary:
          "Instances Karpenter launched did not join the cluster in time and were terminated (bootstrap, node role access entry, network).",
        runbook_url: runbook("karpenter-nodeclaims-not-registering"),
      },
    },
    {
      alert: "KarpenterNodePoolNearLimit",
      expr: `max by (nodepool, resource_type) (karpenter_nodepools_usage / on (nodepool, resource_type) karpenter_nodepools_limit) >= ${NODE_POOL_LIMIT_ALERT_RATIO}`,
      for: "15m",
      labels: { severity: "ticket", service: "karpenter" },
      annotations: {
        summary: `A NodePool has used ${NODE_POOL_LIMIT_ALERT_RATIO * 100}% or more of its CPU or memory limit for 15 minutes: more pods will stay Pending. Raise infra:cluster.autoscaling limits or lower requests.`,
        runbook_url: runbook("karpenter-nodepool-near-limit"),
      },
    },
  ];
}

export interface MonitoringObjects {
  readonly serviceMonitor: Record<string, unknown> & { metadata: { name: string; namespace: string } };
  readonly prometheusRule: Record<string, unknown> & { metadata: { name: string; namespace: string } };
}

/** The ServiceMonitor for the controller's metrics port and the PrometheusRule holding the alerts. */
export function karpenterMonitoring(
  runbookBaseUrl: string,
  labels: Readonly<Record<string, string>>,
): MonitoringObjects {
  const metadata = { name: KARPENTER_RELEASE, namespace: KARPENTER_NAMESPACE, labels: { ...labels } };
  return {
    serviceMonitor: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata,
      spec: {
        selector: {
          matchLabels: {
            "app.kubernetes.io/name": KARPENTER_RELEASE,
            "app.kubernetes.io/instance": KARPENTER_RELEASE,
          },
        },
        namespaceSelector: { matchNames: [KARPENTER_NAMESPACE] },
        endpoints: [{ port: "http-metrics", path: "/metrics" }],
      },
    },
    prometheusRule: {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata,
      spec: { groups: [{ name: "karpenter", rules: karpenterAlertRules(runbookBaseUrl) }] },
    },
  };
}
