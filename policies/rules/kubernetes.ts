import { MIN_PRODUCTION_REPLICAS } from "../../components/core/guarantees";
import { resourceRule, when } from "./define";
import { MASKED, record, TYPES } from "./values";

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

export const KUBERNETES_RULES = [hpaMinReplicas, prometheusPersistentStorage];
