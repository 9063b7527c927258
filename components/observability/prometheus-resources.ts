import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AlertReceiver, PrometheusArgs } from "./args";
import type { AlertRouting, ResolvedReceiver } from "./alertmanager-config";
import type { ObservabilityDefaults } from "./defaults";
import {
  KUBE_PROMETHEUS_STACK_CHART,
  KUBE_PROMETHEUS_STACK_RELEASE,
  kubePrometheusStackValues,
  MONITORING_NAMESPACE,
} from "./kube-prometheus-stack";
import { kubernetesName } from "./kubernetes-name";
import { monitoringNamespaces } from "./monitoring-namespaces";
import { grafanaSidecarRole } from "./monitoring-rbac";
import { stackSettings } from "./stack-settings";
import type { SloSpec } from "./slo";
import { GRAFANA_DASHBOARD_LABEL, sloDashboard } from "./grafana-dashboards";
import { platformPrometheusRule } from "./platform-rules";
import { sloPrometheusRule } from "./slo-rules";

export interface InClusterSettings {
  readonly prometheus: PrometheusArgs;
  readonly defaults: ObservabilityDefaults;
  readonly receivers: {
    readonly page?: AlertReceiver;
    readonly ticket?: AlertReceiver;
    readonly heartbeatUrl?: pulumi.Input<string>;
  };
  readonly silencedAlerts: readonly string[];
  readonly slos: readonly SloSpec[];
  readonly runbookBaseUrl: string;
  /**
   * What the release waits for: the component's own `dependsOn` (e.g. the gp3 StorageClass its
   * volumes are provisioned from), since Pulumi does not make a component's children wait for it.
   */
  readonly dependsOn?: pulumi.ComponentResourceOptions["dependsOn"];
}

export interface InCluster {
  readonly release: k8s.helm.v3.Release;
  /** The `monitoring` namespace (Pod Security `restricted`) the release and its objects live in. */
  readonly namespace: k8s.core.v1.Namespace;
  readonly sloRules?: k8s.apiextensions.CustomResource;
  readonly sloRuleName?: string;
}

const secretOrUndefined = (value: pulumi.Input<string> | undefined) =>
  value === undefined ? undefined : pulumi.secret(value);

/** A receiver with every credential wrapped as a secret, so the Helm values are secret whenever one is set. */
function secretReceiver(receiver: AlertReceiver | undefined): pulumi.Output<ResolvedReceiver | undefined> {
  if (!receiver) return pulumi.output(undefined);
  return pulumi.output({
    pagerDutyRoutingKey: secretOrUndefined(receiver.pagerDutyRoutingKey),
    slackWebhookUrl: secretOrUndefined(receiver.slackWebhookUrl),
    slackChannel: receiver.slackChannel,
    webhookUrl: secretOrUndefined(receiver.webhookUrl),
  });
}

type DependsOn = pulumi.ComponentResourceOptions["dependsOn"];

/**
 * `given` and `more` as one list. An output or promise of dependencies cannot be spread: then the
 * release waits for it through the namespaces, which depend on it themselves.
 */
function dependsOnAll(given: DependsOn, ...more: pulumi.Resource[]): DependsOn {
  if (Array.isArray(given)) return [...given, ...more];
  if (pulumi.Resource.isInstance(given)) return [given, ...more];
  return more;
}

/**
 * kube-prometheus-stack (pinned chart) in `monitoring`, and the PrometheusRule generated from the
 * SLOs once the release has installed its CRDs. Uses the Kubernetes provider the component received.
 *
 * The namespaces are resources of their own, not the release's `createNamespace`: they carry the
 * Pod Security labels, and Helm never owned the namespace it created (an existing stack adopts it
 * once with `pulumi import`, see docs/operators/monitoring.md).
 */
export function createInCluster(
  name: string,
  settings: InClusterSettings,
  parent: pulumi.Resource,
): InCluster {
  const routing: pulumi.Output<AlertRouting> = pulumi
    .all([
      secretReceiver(settings.receivers.page),
      secretReceiver(settings.receivers.ticket),
      pulumi.output(secretOrUndefined(settings.receivers.heartbeatUrl)),
    ])
    .apply(([page, ticket, heartbeatUrl]) => ({
      page,
      ticket,
      heartbeatUrl,
      silencedAlerts: settings.silencedAlerts,
    }));
  const namespaces = monitoringNamespaces();
  // The namespaces need only the cluster's provider: what the release waits for (storage, DNS)
  // would hold them back for nothing.
  const namespaceOpts = { parent };
  const namespace = new k8s.core.v1.Namespace(
    `${name}-monitoring-namespace`,
    namespaces.monitoring,
    namespaceOpts,
  );
  const nodeExporterNamespace = new k8s.core.v1.Namespace(
    `${name}-node-exporter-namespace`,
    namespaces.nodeExporter,
    namespaceOpts,
  );
  // The Role Grafana's sidecars are bound to (the chart binds it by name): ConfigMaps only.
  const grafanaRole = new k8s.rbac.v1.Role(
    `${name}-grafana-sidecar-role`,
    grafanaSidecarRole(KUBE_PROMETHEUS_STACK_RELEASE),
    { parent, dependsOn: [namespace] },
  );
  const release = new k8s.helm.v3.Release(
    `${name}-kube-prometheus-stack`,
    {
      name: KUBE_PROMETHEUS_STACK_RELEASE,
      chart: KUBE_PROMETHEUS_STACK_CHART.name,
      version: KUBE_PROMETHEUS_STACK_CHART.version,
      repositoryOpts: { repo: KUBE_PROMETHEUS_STACK_CHART.repository },
      namespace: MONITORING_NAMESPACE,
      createNamespace: false,
      values: routing.apply((r) =>
        kubePrometheusStackValues({ ...stackSettings(settings.prometheus, settings.defaults), routing: r }),
      ),
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      maxHistory: 10,
    },
    { parent, dependsOn: dependsOnAll(settings.dependsOn, namespace, nodeExporterNamespace, grafanaRole) },
  );
  const platform = platformPrometheusRule({
    name: kubernetesName(name, "-platform"),
    namespace: MONITORING_NAMESPACE,
    runbookBaseUrl: settings.runbookBaseUrl,
    labels: { "app.kubernetes.io/managed-by": "pulumi", release: KUBE_PROMETHEUS_STACK_RELEASE },
  });
  new k8s.apiextensions.CustomResource(
    `${name}-platform-rules`,
    {
      apiVersion: platform.apiVersion,
      kind: platform.kind,
      metadata: platform.metadata,
      spec: platform.spec,
    },
    // The release installs the PrometheusRule CRD; the object cannot exist before it.
    { parent, dependsOn: [release] },
  );
  if (settings.slos.length === 0) return { release, namespace };

  const rule = sloPrometheusRule({
    name: kubernetesName(name, "-slos"),
    namespace: MONITORING_NAMESPACE,
    slos: settings.slos,
    runbookBaseUrl: settings.runbookBaseUrl,
    labels: { "app.kubernetes.io/managed-by": "pulumi", release: KUBE_PROMETHEUS_STACK_RELEASE },
  });
  const sloRules = new k8s.apiextensions.CustomResource(
    `${name}-slo-rules`,
    { apiVersion: rule.apiVersion, kind: rule.kind, metadata: rule.metadata, spec: rule.spec },
    // The release installs the PrometheusRule CRD; the object cannot exist before it.
    { parent, dependsOn: [release] },
  );
  new k8s.core.v1.ConfigMap(
    `${name}-slo-dashboard`,
    {
      metadata: {
        name: kubernetesName(name, "-slo-dashboard"),
        namespace: MONITORING_NAMESPACE,
        labels: { "app.kubernetes.io/managed-by": "pulumi", ...GRAFANA_DASHBOARD_LABEL },
      },
      data: { "service-slos.json": JSON.stringify(sloDashboard(settings.slos)) },
    },
    { parent, dependsOn: [namespace] },
  );
  return { release, namespace, sloRules, sloRuleName: rule.metadata.name };
}
