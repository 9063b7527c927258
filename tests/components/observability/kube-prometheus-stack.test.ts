import { describe, expect, it } from "vitest";
import type { SUB_CHARTS } from "../../support/chart-values";
import { chartDefaults, chartValuesText } from "../../support/chart-values";
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

/** The chart's own values of the pinned version, sub-charts included (tests/support/reference/README.md). */
const CHART_VALUES = chartDefaults();

/**
 * Where the chart takes values it does not list: maps it passes through as they are (Alertmanager's
 * config, Kubernetes objects such as Grafana's pod security context).
 */
const PASS_THROUGH = new Set(["alertmanager.config", "grafana.securityContext"]);

/**
 * Keys the values files document only in comments, with the file that does: their templates read
 * them (e.g. `.Values.prometheus.networkPolicy.ingress`), but the parsed defaults cannot show them.
 */
const COMMENTED_KEYS: Readonly<Record<string, (typeof SUB_CHARTS)[number] | undefined>> = {
  "prometheus.networkPolicy.ingress": undefined,
  "prometheus.networkPolicy.egress": undefined,
  "kube-state-metrics.networkPolicy.ingress": "kube-state-metrics",
  "kube-state-metrics.networkPolicy.egress": "kube-state-metrics",
  "grafana.adminPassword": "grafana",
  "grafana.rbac.useExistingRole": "grafana",
};

/** Paths of `ours` that the chart's values do not have: Helm would ignore them without a word. */
function unknownKeys(ours: unknown, chart: unknown, path = ""): string[] {
  if (PASS_THROUGH.has(path)) return [];
  if (ours === null || typeof ours !== "object" || Array.isArray(ours)) return [];
  // An empty map or no default in the chart: a free-form Kubernetes object (resources, storageSpec).
  if (chart === null || chart === undefined || (typeof chart === "object" && Object.keys(chart).length === 0))
    return [];
  if (typeof chart !== "object") return [path];
  return Object.entries(ours).flatMap(([key, value]) => {
    const sub = path ? `${path}.${key}` : key;
    if (!(key in (chart as Record<string, unknown>))) return sub in COMMENTED_KEYS ? [] : [sub];
    return unknownKeys(value, (chart as Record<string, unknown>)[key], sub);
  });
}

describe("kube-prometheus-stack chart", () => {
  it.each(["development", "production"] as const)(
    "has every key the %s values set, so none is silently ignored",
    (profile) => {
      expect(unknownKeys(values(profile), CHART_VALUES)).toEqual([]);
    },
  );

  it("would notice a misspelt key", () => {
    const v = values("production");
    v.prometheus.prometheusSpec.enforcedSampleLimits = 1;
    v.alertmanager.alertmanagerSpec.replica = 2;
    v.grafana.sidecar.dashboards.searchNamespaces = "monitoring";
    v["kube-state-metrics"].collectorExclude = ["secrets"];
    expect(unknownKeys(v, CHART_VALUES)).toEqual([
      "alertmanager.alertmanagerSpec.replica",
      "grafana.sidecar.dashboards.searchNamespaces",
      "kube-state-metrics.collectorExclude",
      "prometheus.prometheusSpec.enforcedSampleLimits",
    ]);
  });

  it.each(Object.entries(COMMENTED_KEYS))("documents %s in a comment of its values file", (path, file) => {
    const key = path.split(".").at(-1)!;
    expect(chartValuesText(file)).toMatch(new RegExp(`^\\s*#\\s*${key}:`, "m"));
  });

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
  it("keeps 31 days of production metrics on a persistent gp3 volume, capped below the volume size", () => {
    const spec = values("production").prometheus.prometheusSpec;
    expect(spec.retention).toBe("31d");
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

  it("runs two production Prometheus replicas that may not share a zone", () => {
    const spec = values("production").prometheus.prometheusSpec;
    expect(spec.replicas).toBe(2);
    expect(spec.podAntiAffinity).toBe("hard");
    expect(spec.podAntiAffinityTopologyKey).toBe("topology.kubernetes.io/zone");
  });

  it("drops a scrape above 50 000 samples per target, and no monitor may raise that above 100 000", () => {
    for (const profile of ["development", "production"] as const) {
      const spec = values(profile).prometheus.prometheusSpec;
      expect(spec.sampleLimit).toBe(50_000);
      expect(spec.enforcedSampleLimit).toBe(100_000);
      expect(spec.sampleLimit).toBeLessThanOrEqual(spec.enforcedSampleLimit);
    }
  });

  it("runs one development replica with the chart's default (soft, per node) anti-affinity", () => {
    const spec = values("development").prometheus.prometheusSpec;
    expect(spec.replicas).toBe(1);
    expect(spec.podAntiAffinity).toBeUndefined();
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
      prometheus: {
        replicas: 3,
        retentionDays: 30,
        persistent: true,
        storageGi: 200,
        storageClassName: "gp3-encrypted",
      },
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
