import { DEFAULT_STORAGE_CLASS, type PrometheusArgs } from "./args";
import type { ObservabilityDefaults } from "./defaults";
import type { KubePrometheusStackSettings } from "./kube-prometheus-stack";

/** The chart settings: explicit args over the profile's defaults. */
export function stackSettings(
  prometheus: PrometheusArgs,
  defaults: ObservabilityDefaults,
): Omit<KubePrometheusStackSettings, "routing"> {
  const storageClassName = prometheus.storageClassName ?? DEFAULT_STORAGE_CLASS;
  return {
    prometheus: {
      replicas: prometheus.replicas ?? defaults.prometheus.replicas,
      retentionDays: prometheus.retentionDays ?? defaults.prometheus.retentionDays,
      persistent: prometheus.persistent ?? defaults.prometheus.persistent,
      storageGi: prometheus.storageGi ?? defaults.prometheus.storageGi,
      storageClassName,
    },
    alertmanager: {
      ...defaults.alertmanager,
      replicas: prometheus.alertmanagerReplicas ?? defaults.alertmanager.replicas,
      storageClassName,
    },
    resources: defaults.resources,
    scrapeKubeProxy: prometheus.scrapeKubeProxy ?? false,
  };
}
