import type { ProfileDefaults } from "../core";
import type { ResourceRequirements } from "../observability/kube-prometheus-stack";
import type { AlertingRule, PrometheusRule } from "../observability/slo-rules";

/**
 * The Argo Rollouts chart, pinned: app version v1.9.0, whose CRDs are the ones the Rollouts and
 * AnalysisTemplates of `AutoscaledService` are validated against. An upgrade is a reviewed change.
 */
export const ARGO_ROLLOUTS_CHART = {
  name: "argo-rollouts",
  version: "2.41.0",
  repository: "https://argoproj.github.io/argo-helm",
  appVersion: "v1.9.0",
} as const;

/** Release name and namespace; fixed so object names (the metrics Service, hence the `job`) do not depend on the Pulumi name. */
export const ARGO_ROLLOUTS_RELEASE = "argo-rollouts";
export const ARGO_ROLLOUTS_NAMESPACE = "argo-rollouts";

/** The `job` label of the controller's series: the chart's metrics Service, `<full name>-metrics`. */
export const ARGO_ROLLOUTS_METRICS_JOB = `${ARGO_ROLLOUTS_RELEASE}-metrics`;

export interface RolloutsControllerSizing {
  /** Controller pods; one is the leader, the others take over when it goes. */
  readonly replicas: number;
  readonly resources: ResourceRequirements;
}

/**
 * The controller's sizing. Two replicas in production so a node drain never stops rollouts mid-way
 * (the chart's PodDisruptionBudget keeps one); one in development. The requests are this platform's
 * estimate for a few dozen Rollouts, not a measurement: compare with `kubectl top pod -n argo-rollouts`
 * after a release and adjust.
 */
export const ROLLOUTS_CONTROLLER_DEFAULTS: ProfileDefaults<RolloutsControllerSizing> = {
  development: {
    replicas: 1,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  },
  production: {
    replicas: 2,
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  },
};

export interface RolloutsControllerSettings extends RolloutsControllerSizing {
  /** Scrape the controller (a ServiceMonitor: the CRD comes with kube-prometheus-stack). */
  readonly monitoring: boolean;
}

/**
 * Helm values. The chart installs the CRDs and keeps them on uninstall (deleting a CRD would delete
 * every Rollout, hence every pod of every progressive service). With monitoring, the chart creates
 * the metrics Service; the ServiceMonitor is this platform's own (`rolloutsServiceMonitor`), so the
 * release does not wait for kube-prometheus-stack's CRDs and both install side by side.
 */
export function argoRolloutsValues(settings: RolloutsControllerSettings): Record<string, unknown> {
  return {
    installCRDs: true,
    keepCRDs: true,
    controller: {
      replicas: settings.replicas,
      resources: settings.resources,
      pdb: settings.replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
      metrics: { enabled: settings.monitoring, serviceMonitor: { enabled: false } },
    },
    dashboard: { enabled: false },
  };
}

/** The labels the chart puts on the controller's metrics Service (its selector labels and component). */
export const ARGO_ROLLOUTS_METRICS_LABELS = {
  "app.kubernetes.io/name": ARGO_ROLLOUTS_CHART.name,
  "app.kubernetes.io/instance": ARGO_ROLLOUTS_RELEASE,
  "app.kubernetes.io/component": "rollouts-controller",
} as const;

/**
 * Scrapes the controller's metrics Service. The controller's series carry the Rollout's namespace as
 * `namespace`: Prometheus renames it `exported_namespace` because the scrape target's namespace comes
 * first, so it is moved back for the alerts to route by the service's namespace.
 */
export function rolloutsServiceMonitor(labels: Readonly<Record<string, string>>) {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: ARGO_ROLLOUTS_RELEASE, namespace: ARGO_ROLLOUTS_NAMESPACE, labels: { ...labels } },
    spec: {
      selector: { matchLabels: { ...ARGO_ROLLOUTS_METRICS_LABELS } },
      namespaceSelector: { matchNames: [ARGO_ROLLOUTS_NAMESPACE] },
      endpoints: [
        {
          port: "metrics",
          metricRelabelings: [
            {
              sourceLabels: ["exported_namespace"],
              regex: "(.+)",
              targetLabel: "namespace",
              replacement: "$1",
              action: "replace",
            },
            { regex: "exported_namespace", action: "labeldrop" },
          ],
        },
      ],
    },
  };
}

/** Alert names and the runbooks they link to (under the platform's runbook base URL). */
export const ROLLOUT_ALERTS = {
  degraded: { alert: "RolloutDegraded", runbook: "rollout-degraded" },
  controllerDown: { alert: "RolloutsControllerDown", runbook: "rollouts-controller-down" },
} as const;

/**
 * The controller's alerts, routed like every platform alert by `severity`. An aborted rollout
 * (failed analysis, progress deadline or a person) leaves the Rollout `Degraded` while the previous
 * version serves: a ticket, not a page, since users are back on the known-good version. Without the
 * controller no release progresses or rolls back.
 */
export function rolloutAlertRules(options: {
  readonly name: string;
  readonly namespace: string;
  readonly runbookBaseUrl: string;
  readonly labels?: Readonly<Record<string, string>>;
}): PrometheusRule {
  const degraded: AlertingRule = {
    alert: ROLLOUT_ALERTS.degraded.alert,
    // The Rollout's name is the service's: carrying it as `service` groups it with the service's other alerts.
    expr: `label_replace(rollout_info{job="${ARGO_ROLLOUTS_METRICS_JOB}",phase="Degraded"}, "service", "$1", "name", "(.+)")`,
    for: "1m",
    labels: { severity: "ticket" },
    annotations: {
      summary: "{{ $labels.namespace }}/{{ $labels.name }}: the rollout was aborted or is degraded",
      description:
        "The Rollout {{ $labels.name }} in {{ $labels.namespace }} is Degraded: its analysis failed, it made no progress within its deadline, or someone aborted it. " +
        "The previous version serves the traffic. See `kubectl argo rollouts get rollout {{ $labels.name }} -n {{ $labels.namespace }}` for the failed step.",
      runbook_url: `${options.runbookBaseUrl}/${ROLLOUT_ALERTS.degraded.runbook}`,
    },
  };
  const controllerDown: AlertingRule = {
    alert: ROLLOUT_ALERTS.controllerDown.alert,
    expr: `absent(up{job="${ARGO_ROLLOUTS_METRICS_JOB}",namespace="${ARGO_ROLLOUTS_NAMESPACE}"} == 1)`,
    for: "10m",
    labels: { severity: "ticket" },
    annotations: {
      summary: "The Argo Rollouts controller is down: no release progresses, pauses or rolls back",
      description:
        "No Argo Rollouts controller has been scraped for 10 minutes. Running versions keep serving and the HPA keeps scaling, but canary and blue-green releases stand still, and their analysis does not run.",
      runbook_url: `${options.runbookBaseUrl}/${ROLLOUT_ALERTS.controllerDown.runbook}`,
    },
  };
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: options.name, namespace: options.namespace, labels: { ...(options.labels ?? {}) } },
    spec: { groups: [{ name: "argo-rollouts", rules: [degraded, controllerDown] }] },
  };
}
