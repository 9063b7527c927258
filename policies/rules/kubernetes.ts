import { MIN_PRODUCTION_REPLICAS } from "../../components/core/guarantees";
import { PRIVILEGED_NAMESPACES } from "../../components/core/namespaces";
import { POD_SECURITY_MODES, podSecurityLabel } from "../../components/core/pod-security";
import { resourceRule, when } from "./define";
import { MASKED, record, text, TYPES } from "./values";

/** Production availability of Kubernetes workloads and of the monitoring they rely on. */

export const hpaMinReplicas = resourceRule({
  name: "hpa-min-replicas",
  description: `Production autoscalers keep at least ${MIN_PRODUCTION_REPLICAS} pods, so a node drain never takes a service down`,
  fix: `set minReplicas to ${MIN_PRODUCTION_REPLICAS} or more (infra:services[].minReplicas)`,
  scope: "production",
  types: [TYPES.hpa],
  check: ({ inputs }) => {
    // Kubernetes defaults minReplicas to 1.
    const min = Number(record(inputs.spec).minReplicas ?? 1);
    return when(min < MIN_PRODUCTION_REPLICAS, `minReplicas ${min}, under ${MIN_PRODUCTION_REPLICAS}`);
  },
});

const PROMETHEUS_CHART = "kube-prometheus-stack";

export const prometheusPersistentStorage = resourceRule({
  name: "prometheus-persistent-storage",
  description: "Production Prometheus keeps its data on a persistent volume, so a restart loses no history",
  fix: "set prometheus.prometheusSpec.storageSpec.volumeClaimTemplate in the chart values (the Observability component does in production)",
  scope: "production",
  types: [TYPES.helmRelease, TYPES.helmChart],
  check: ({ inputs }) => {
    if (inputs.chart !== PROMETHEUS_CHART) return [];
    // Values holding a secret are masked offline; CrossGuard sees them in full.
    if (inputs.values === MASKED) return [];
    const storage = record(record(record(record(inputs.values).prometheus).prometheusSpec).storageSpec);
    return when(
      Object.keys(record(storage.volumeClaimTemplate)).length === 0,
      "Prometheus stores its data in an emptyDir (no storageSpec.volumeClaimTemplate)",
    );
  },
});

/** The chart's components whose pods must sit behind a NetworkPolicy the release renders. */
const MONITORING_POLICY_COMPONENTS = ["alertmanager", "prometheus", "grafana"] as const;

export const monitoringNetworkPolicies = resourceRule({
  name: "monitoring-network-policies",
  description:
    "kube-prometheus-stack renders NetworkPolicies for Alertmanager, Prometheus and Grafana, and Grafana's admits no caller without its client label: their pods are inside the release, where pods-network-policy cannot see them",
  fix: "set alertmanager.networkPolicy, prometheus.networkPolicy and grafana.networkPolicy (allowExternal: false) in the chart values (the Observability component does)",
  types: [TYPES.helmRelease, TYPES.helmChart],
  check: ({ inputs }) => {
    if (inputs.chart !== PROMETHEUS_CHART) return [];
    // Values holding a secret are masked offline; CrossGuard sees them in full.
    if (inputs.values === MASKED) return [];
    const policy = (component: string) => record(record(record(inputs.values)[component]).networkPolicy);
    const off = MONITORING_POLICY_COMPONENTS.filter((c) => policy(c).enabled !== true);
    return [
      ...off.map((c) => `${c}.networkPolicy.enabled is not true: every pod may connect to ${c}`),
      ...when(
        !off.includes("grafana") && policy("grafana").allowExternal !== false,
        "grafana.networkPolicy.allowExternal is not false: the policy admits every pod",
      ),
    ];
  },
});

/** A Pod Security version pinned to a Kubernetes minor version (`latest` moves with the control plane). */
const PINNED_POD_SECURITY_VERSION = /^v1\.\d+$/;

export const namespacePodSecurity = resourceRule({
  name: "namespace-pod-security",
  description: `Every namespace a stack creates enforces, audits and warns on Pod Security \`restricted\` at a pinned version (\`privileged\` only for ${PRIVILEGED_NAMESPACES.join(", ")}, whose agent reads the node)`,
  fix: 'label it with podSecurityLabels("restricted") from components/core/pod-security.ts (the components\' namespaces are)',
  types: [TYPES.namespace],
  check: ({ inputs, name }) => {
    const metadata = record(inputs.metadata);
    const labels = record(metadata.labels);
    const allowed = PRIVILEGED_NAMESPACES.includes(text(metadata.name, name))
      ? ["restricted", "privileged"]
      : ["restricted"];
    return POD_SECURITY_MODES.flatMap((mode) => {
      const level = labels[podSecurityLabel(mode)];
      const version = labels[`${podSecurityLabel(mode)}-version`];
      return [
        ...when(
          !allowed.includes(text(level)),
          `${podSecurityLabel(mode)} is ${text(level)}, not ${allowed.join(" or ")}`,
        ),
        ...when(
          !PINNED_POD_SECURITY_VERSION.test(text(version)),
          `${podSecurityLabel(mode)}-version is ${text(version)}, not a pinned version such as v1.32`,
        ),
      ];
    });
  },
});

export const KUBERNETES_RULES = [
  hpaMinReplicas,
  prometheusPersistentStorage,
  monitoringNetworkPolicies,
  namespacePodSecurity,
];
