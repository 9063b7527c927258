import { alertmanagerConfig, type AlertRouting } from "./alertmanager-config";

/** The chart, pinned: an upgrade is a reviewed code change, never a surprise at deploy time. */
export const KUBE_PROMETHEUS_STACK_CHART = {
  name: "kube-prometheus-stack",
  version: "88.2.0",
  repository: "https://prometheus-community.github.io/helm-charts",
} as const;
import { MONITORING_NAMESPACE, NODE_EXPORTER_NAMESPACE } from "../core/namespaces";
import { monitoringNetworkPolicies } from "./monitoring-network-policies";
import { grafanaSidecarRoleName } from "./monitoring-rbac";

export { MONITORING_NAMESPACE, NODE_EXPORTER_NAMESPACE };

/** The Helm release name; fixed so object names in the cluster do not depend on the Pulumi name. */
export const KUBE_PROMETHEUS_STACK_RELEASE = "kube-prometheus-stack";

/**
 * Prometheus' in-cluster HTTP API: the chart names the Service `<release>-prometheus` (the release
 * name contains the chart name, so it is the chart's full name) and serves on 9090.
 */
export const PROMETHEUS_URL = `http://${KUBE_PROMETHEUS_STACK_RELEASE}-prometheus.${MONITORING_NAMESPACE}.svc:9090`;

export interface ComputeResources {
  /** CPU in Kubernetes quantity notation (`250m`). */
  readonly cpu: string;
  /** Memory in Kubernetes quantity notation (`512Mi`). */
  readonly memory: string;
}

export interface ResourceRequirements {
  readonly requests: ComputeResources;
  readonly limits: ComputeResources;
}

/** Requests and limits of every container the chart runs. */
export interface StackResources {
  readonly prometheus: ResourceRequirements;
  readonly alertmanager: ResourceRequirements;
  readonly grafana: ResourceRequirements;
  /** Grafana's dashboard and datasource sidecar. */
  readonly grafanaSidecar: ResourceRequirements;
  readonly operator: ResourceRequirements;
  /** The config-reloader sidecar next to Prometheus and Alertmanager. */
  readonly configReloader: ResourceRequirements;
  /** The admission webhook's certificate patch job (and webhook deployment when enabled). */
  readonly admissionWebhook: ResourceRequirements;
  readonly kubeStateMetrics: ResourceRequirements;
  readonly nodeExporter: ResourceRequirements;
}

export interface VolumeSettings {
  /** Keep data on an EBS volume across pod restarts (else an emptyDir of the same size). */
  readonly persistent: boolean;
  /** Volume size in GiB. */
  readonly storageGi: number;
  /** StorageClass of the volume; must provision encrypted gp3 EBS volumes. */
  readonly storageClassName: string;
}

export interface KubePrometheusStackSettings {
  readonly prometheus: VolumeSettings & {
    /** How long Prometheus keeps samples, in days. */
    readonly retentionDays: number;
    /** Prometheus replicas; more than one are spread over zones (each needs a node in its own zone). */
    readonly replicas: number;
  };
  readonly alertmanager: VolumeSettings & { readonly replicas: number };
  readonly resources: StackResources;
  /** Scrape kube-proxy (only works once its metrics listen beyond 127.0.0.1). */
  readonly scrapeKubeProxy: boolean;
  readonly routing: AlertRouting;
}

/** Share of the volume Prometheus may fill before deleting old blocks, so the disk never fills up. */
export const RETENTION_SIZE_SHARE = 0.85;

/**
 * Samples one scrape of a target may return before the whole scrape is dropped (and the target
 * reads as down): the default of every ServiceMonitor and PodMonitor without a sampleLimit of its
 * own. A node's kubelet/cAdvisor at 110 pods stays well below; one exporter gone wild does not get
 * to take Prometheus's memory with it.
 */
export const TARGET_SAMPLE_LIMIT = 50_000;
/** The ceiling no ServiceMonitor or PodMonitor may raise its own sampleLimit above. */
export const ENFORCED_SAMPLE_LIMIT = 100_000;

/** The node label that names an availability zone (set by the AWS cloud provider on every node). */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

function volumeClaim(volume: VolumeSettings) {
  return {
    volumeClaimTemplate: {
      spec: {
        storageClassName: volume.storageClassName,
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: `${volume.storageGi}Gi` } },
      },
    },
  };
}

function storage(volume: VolumeSettings) {
  return volume.persistent ? volumeClaim(volume) : { emptyDir: { sizeLimit: `${volume.storageGi}Gi` } };
}

/** Where the operator looks for Prometheus, Alertmanager and ThanosRuler objects and AlertmanagerConfigs. */
const OWN_NAMESPACE_ONLY = [MONITORING_NAMESPACE];

/**
 * Helm values for kube-prometheus-stack on EKS. Beyond sizes and routing, it encodes what EKS users
 * learned: discover ServiceMonitors, PodMonitors, Probes, ScrapeConfigs and rules from every release
 * (not only objects labelled with this release), and do not scrape or alert on the control-plane
 * parts EKS runs out of reach (controller manager, scheduler, etcd), which would otherwise be "down"
 * forever. kube-proxy is off unless asked for: EKS's kube-proxy serves metrics on 127.0.0.1 only.
 *
 * Hardening (docs/operators/monitoring.md): every pod but node-exporter meets Pod Security
 * `restricted` (the chart's defaults do, Grafana's pod adds the seccomp profile); node-exporter runs
 * in its own `privileged` namespace; Grafana reads ConfigMaps of `monitoring` only; the operator
 * manages Prometheus and Alertmanager objects of `monitoring` only; kube-state-metrics neither
 * reads nor exports Secrets; NetworkPolicies admit each component's callers only.
 */
export function kubePrometheusStackValues(settings: KubePrometheusStackSettings): Record<string, unknown> {
  const { prometheus, alertmanager, resources } = settings;
  const networkPolicies = monitoringNetworkPolicies(KUBE_PROMETHEUS_STACK_RELEASE);
  return {
    crds: { enabled: true },
    defaultRules: {
      rules: {
        etcd: false,
        kubeControllerManager: false,
        kubeSchedulerAlerting: false,
        kubeSchedulerRecording: false,
        kubeProxy: settings.scrapeKubeProxy,
      },
    },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: settings.scrapeKubeProxy },
    alertmanager: {
      config: alertmanagerConfig(settings.routing),
      alertmanagerSpec: {
        replicas: alertmanager.replicas,
        resources: resources.alertmanager,
        storage: storage(alertmanager),
      },
      networkPolicy: networkPolicies.alertmanager,
    },
    grafana: {
      // Empty makes the Grafana chart generate a random admin password into its Secret, instead of
      // the well-known default this chart would set.
      adminPassword: "",
      resources: resources.grafana,
      // The chart sets the seccomp profile per container only; on the pod it covers every container.
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      // A Role in `monitoring` instead of a ClusterRole over every namespace's ConfigMaps and Secrets.
      rbac: { namespaced: true, useExistingRole: grafanaSidecarRoleName(KUBE_PROMETHEUS_STACK_RELEASE) },
      sidecar: {
        resources: resources.grafanaSidecar,
        // Dashboards and datasources come from ConfigMaps in `monitoring` (the chart's and the SLO
        // dashboard), never from other namespaces (the chart's default is ALL) or from Secrets.
        dashboards: { searchNamespace: MONITORING_NAMESPACE, resource: "configmap" },
        datasources: {
          searchNamespace: MONITORING_NAMESPACE,
          resource: "configmap",
          // Grafana may not reach Alertmanager (its NetworkPolicy admits Prometheus only).
          alertmanager: { enabled: false },
        },
      },
      networkPolicy: networkPolicies.grafana.networkPolicy,
    },
    prometheusOperator: {
      // Prometheus, Alertmanager and ThanosRuler objects, and AlertmanagerConfigs (which could add
      // receivers or silence routes), count only in `monitoring`. ServiceMonitors, PodMonitors,
      // Probes and PrometheusRules are still watched in every namespace: services declare theirs in
      // their own namespaces. The chart's ClusterRole stays as it is (it has no namespaced variant).
      alertmanagerInstanceNamespaces: OWN_NAMESPACE_ONLY,
      alertmanagerConfigNamespaces: OWN_NAMESPACE_ONLY,
      prometheusInstanceNamespaces: OWN_NAMESPACE_ONLY,
      thanosRulerInstanceNamespaces: OWN_NAMESPACE_ONLY,
      networkPolicy: networkPolicies.prometheusOperator,
      resources: resources.operator,
      prometheusConfigReloader: { resources: resources.configReloader },
      admissionWebhooks: {
        patch: { resources: resources.admissionWebhook },
        deployment: { resources: resources.admissionWebhook },
      },
    },
    "kube-state-metrics": {
      resources: resources.kubeStateMetrics,
      // No Secret collector: no kube_secret_* series, and no list/watch on Secrets in the ClusterRole.
      collectorsExclude: ["secrets"],
      networkPolicy: networkPolicies.kubeStateMetrics,
    },
    "prometheus-node-exporter": {
      resources: resources.nodeExporter,
      // hostNetwork, hostPID and hostPath mounts: not even `baseline`. Alone in a `privileged`
      // namespace, so `monitoring` can be `restricted`.
      namespaceOverride: NODE_EXPORTER_NAMESPACE,
    },
    prometheus: {
      prometheusSpec: {
        replicas: prometheus.replicas,
        // Several replicas must not share a zone: a zone outage (or its EBS volumes) must leave one
        // scraping and alerting. "hard" makes it a scheduling requirement, not a preference.
        ...(prometheus.replicas > 1
          ? { podAntiAffinity: "hard", podAntiAffinityTopologyKey: ZONE_TOPOLOGY_KEY }
          : {}),
        sampleLimit: TARGET_SAMPLE_LIMIT,
        enforcedSampleLimit: ENFORCED_SAMPLE_LIMIT,
        retention: `${prometheus.retentionDays}d`,
        retentionSize: `${Math.floor(prometheus.storageGi * RETENTION_SIZE_SHARE)}GB`,
        resources: resources.prometheus,
        storageSpec: storage(prometheus),
        // Only rules labelled for this release (the chart's own and the SLO rules): any namespace
        // could otherwise add, or shadow, alerting rules, and silently lose a page.
        ruleSelector: { matchLabels: { release: KUBE_PROMETHEUS_STACK_RELEASE } },
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        // Grafana's NetworkPolicy admits its clients by this label: Prometheus scrapes its metrics.
        podMetadata: { labels: networkPolicies.grafana.clientLabels },
      },
      networkPolicy: networkPolicies.prometheus,
    },
  };
}
