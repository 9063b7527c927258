import type { ProfileDefaults } from "../core";
import type { StackResources } from "./kube-prometheus-stack";

export interface ObservabilityDefaults {
  /** Waiting period before a deleted KMS key is gone, in days (7-30). */
  readonly kmsDeletionWindowDays: number;
  readonly prometheus: {
    /** Prometheus replicas; production runs two in different zones, each scraping every target. */
    readonly replicas: number;
    readonly retentionDays: number;
    readonly persistent: boolean;
    readonly storageGi: number;
  };
  readonly alertmanager: {
    readonly replicas: number;
    readonly persistent: boolean;
    readonly storageGi: number;
  };
  readonly resources: StackResources;
}

const sized = (cpu: string, memory: string, limitCpu: string, limitMemory: string) => ({
  requests: { cpu, memory },
  limits: { cpu: limitCpu, memory: limitMemory },
});

/** Sidecars and jobs are tiny in every environment. */
const SMALL_CONTAINERS = {
  grafanaSidecar: sized("10m", "64Mi", "100m", "128Mi"),
  configReloader: sized("10m", "32Mi", "100m", "64Mi"),
  admissionWebhook: sized("10m", "32Mi", "100m", "64Mi"),
  nodeExporter: sized("20m", "32Mi", "200m", "64Mi"),
};

/**
 * Defaults per profile. Production runs two Prometheus replicas in different zones and keeps 31 days
 * of metrics on persistent volumes (the 30-day SLO window plus a day: docs/decisions/0011), runs two
 * Alertmanagers so a node loss never drops a page, keeps logs 90 days and gives deleted keys the
 * longest grace period; development keeps less, on cheaper ephemeral storage.
 */
export const OBSERVABILITY_DEFAULTS: ProfileDefaults<ObservabilityDefaults> = {
  development: {
    kmsDeletionWindowDays: 7,
    prometheus: { replicas: 1, retentionDays: 3, persistent: false, storageGi: 10 },
    alertmanager: { replicas: 1, persistent: false, storageGi: 1 },
    resources: {
      ...SMALL_CONTAINERS,
      prometheus: sized("250m", "1Gi", "1", "2Gi"),
      alertmanager: sized("25m", "64Mi", "100m", "128Mi"),
      grafana: sized("50m", "128Mi", "250m", "256Mi"),
      operator: sized("50m", "128Mi", "200m", "256Mi"),
      kubeStateMetrics: sized("25m", "64Mi", "100m", "128Mi"),
    },
  },
  production: {
    kmsDeletionWindowDays: 30,
    prometheus: { replicas: 2, retentionDays: 31, persistent: true, storageGi: 50 },
    alertmanager: { replicas: 2, persistent: true, storageGi: 2 },
    resources: {
      ...SMALL_CONTAINERS,
      prometheus: sized("500m", "2Gi", "2", "4Gi"),
      alertmanager: sized("50m", "128Mi", "200m", "256Mi"),
      grafana: sized("100m", "256Mi", "500m", "512Mi"),
      operator: sized("100m", "128Mi", "500m", "512Mi"),
      kubeStateMetrics: sized("50m", "128Mi", "200m", "256Mi"),
    },
  },
};

/** Production must keep at least this many days of metrics. */
export const MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS = 15;
