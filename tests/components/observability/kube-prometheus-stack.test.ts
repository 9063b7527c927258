import { describe, expect, it } from "vitest";
import { OBSERVABILITY_DEFAULTS } from "../../../components/observability";
import {
  KUBE_PROMETHEUS_STACK_CHART,
  kubePrometheusStackValues,
  type KubePrometheusStackSettings,
} from "../../../components/observability/kube-prometheus-stack";

const settingsFor = (profile: "development" | "production"): KubePrometheusStackSettings => {
  const d = OBSERVABILITY_DEFAULTS[profile];
  return {
    prometheus: { ...d.prometheus, storageClassName: "gp3" },
    alertmanager: { ...d.alertmanager, storageClassName: "gp3" },
    resources: d.resources,
    scrapeKubeProxy: false,
    routing: { page: { pagerDutyRoutingKey: "key" }, silencedAlerts: [] },
  };
};
const values = (profile: "development" | "production", extra: Partial<KubePrometheusStackSettings> = {}) =>
  kubePrometheusStackValues({ ...settingsFor(profile), ...extra }) as any;

/** Where each component's requests and limits live in the chart's values. */
const RESOURCE_PATHS = [
  "prometheus.prometheusSpec.resources",
  "alertmanager.alertmanagerSpec.resources",
  "grafana.resources",
  "grafana.sidecar.resources",
  "prometheusOperator.resources",
  "prometheusOperator.prometheusConfigReloader.resources",
  "prometheusOperator.admissionWebhooks.patch.resources",
  "prometheusOperator.admissionWebhooks.deployment.resources",
  "kube-state-metrics.resources",
  "prometheus-node-exporter.resources",
];
const at = (obj: any, path: string) => path.split(".").reduce((o, k) => o?.[k], obj);
const QUANTITY = { cpu: /^\d+(m)?$/, memory: /^\d+(Mi|Gi)$/ };

describe("kube-prometheus-stack chart", () => {
  it("is pinned to an exact version from the prometheus-community repository", () => {
    expect(KUBE_PROMETHEUS_STACK_CHART).toEqual({
      name: "kube-prometheus-stack",
      version: "88.2.0",
      repository: "https://prometheus-community.github.io/helm-charts",
    });
    expect(KUBE_PROMETHEUS_STACK_CHART.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe.each(["development", "production"] as const)("kube-prometheus-stack values (%s)", (profile) => {
  const v = values(profile);

  it("sets requests and limits on every component", () => {
    for (const path of RESOURCE_PATHS) {
      const r = at(v, path);
      expect(r, path).toBeDefined();
      for (const kind of ["requests", "limits"] as const) {
        expect(r[kind].cpu, `${path}.${kind}.cpu`).toMatch(QUANTITY.cpu);
        expect(r[kind].memory, `${path}.${kind}.memory`).toMatch(QUANTITY.memory);
      }
    }
  });

  it("discovers ServiceMonitors, PodMonitors, Probes and ScrapeConfigs beyond the release label, but only labelled rules", () => {
    const spec = v.prometheus.prometheusSpec;
    expect(spec.ruleSelector).toEqual({ matchLabels: { release: "kube-prometheus-stack" } });
    expect(spec.ruleSelectorNilUsesHelmValues).toBeUndefined();
    for (const key of [
      "serviceMonitorSelectorNilUsesHelmValues",
      "podMonitorSelectorNilUsesHelmValues",
      "probeSelectorNilUsesHelmValues",
      "scrapeConfigSelectorNilUsesHelmValues",
    ]) {
      expect(spec[key], key).toBe(false);
    }
  });

  it("neither scrapes nor alerts on the control plane EKS hides, nor on kube-proxy by default", () => {
    expect(v.kubeControllerManager).toEqual({ enabled: false });
    expect(v.kubeScheduler).toEqual({ enabled: false });
    expect(v.kubeEtcd).toEqual({ enabled: false });
    expect(v.kubeProxy).toEqual({ enabled: false });
    expect(v.defaultRules.rules).toEqual({
      etcd: false,
      kubeControllerManager: false,
      kubeSchedulerAlerting: false,
      kubeSchedulerRecording: false,
      kubeProxy: false,
    });
  });

  it("routes the heartbeat, pages and tickets through the generated Alertmanager config", () => {
    expect(v.alertmanager.config.route.routes.map((r: { receiver: string }) => r.receiver)).toEqual([
      "heartbeat",
      "page",
      "page",
      "ticket",
    ]);
    expect(v.alertmanager.config.receivers[1].pagerduty_configs[0].routing_key).toBe("key");
  });

  it("installs the CRDs and replaces Grafana's well-known default password with a generated one", () => {
    expect(v.crds).toEqual({ enabled: true });
    expect(v.grafana.adminPassword).toBe("");
  });
});

describe("storage and retention per profile", () => {
  it("keeps 15 days of production metrics on a persistent gp3 volume, capped below the volume size", () => {
    const spec = values("production").prometheus.prometheusSpec;
    expect(spec.retention).toBe("15d");
    expect(spec.retentionSize).toBe("42GB");
    expect(spec.storageSpec).toEqual({
      volumeClaimTemplate: {
        spec: {
          storageClassName: "gp3",
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: "50Gi" } },
        },
      },
    });
  });

  it("keeps Alertmanager's silences on a persistent volume with two replicas in production", () => {
    const am = values("production").alertmanager.alertmanagerSpec;
    expect(am.replicas).toBe(2);
    expect(am.storage.volumeClaimTemplate.spec.storageClassName).toBe("gp3");
    expect(am.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe("2Gi");
  });

  it("uses short retention on ephemeral storage in development", () => {
    const spec = values("development").prometheus.prometheusSpec;
    expect(spec.retention).toBe("3d");
    expect(spec.storageSpec).toEqual({ emptyDir: { sizeLimit: "10Gi" } });
    expect(values("development").alertmanager.alertmanagerSpec.replicas).toBe(1);
  });

  it("follows explicit retention, size and class", () => {
    const spec = kubePrometheusStackValues({
      ...settingsFor("production"),
      prometheus: { retentionDays: 30, persistent: true, storageGi: 200, storageClassName: "gp3-encrypted" },
    }) as any;
    expect(spec.prometheus.prometheusSpec.retention).toBe("30d");
    expect(spec.prometheus.prometheusSpec.retentionSize).toBe("170GB");
    expect(spec.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe(
      "gp3-encrypted",
    );
  });

  it("scrapes kube-proxy and keeps its rules only when asked to", () => {
    const v = values("production", { scrapeKubeProxy: true });
    expect(v.kubeProxy).toEqual({ enabled: true });
    expect(v.defaultRules.rules.kubeProxy).toBe(true);
  });
});
