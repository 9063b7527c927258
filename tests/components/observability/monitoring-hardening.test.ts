import { Namespace } from "kubernetes-models/v1/Namespace";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { describe, expect, it } from "vitest";
import { KUBERNETES_VERSIONS } from "../../../components/cluster/versions";
import { POD_SECURITY_VERSION } from "../../../components/core/pod-security";
import { OBSERVABILITY_DEFAULTS } from "../../../components/observability";
import {
  KUBE_PROMETHEUS_STACK_RELEASE,
  kubePrometheusStackValues,
  MONITORING_NAMESPACE,
  NODE_EXPORTER_NAMESPACE,
} from "../../../components/observability/kube-prometheus-stack";
import { monitoringNamespaces } from "../../../components/observability/monitoring-namespaces";
import { MONITORING_PORTS } from "../../../components/observability/monitoring-network-policies";
import { grafanaSidecarRole } from "../../../components/observability/monitoring-rbac";
import {
  capabilitiesDropAll,
  noPrivilegeEscalation,
  runAsNonRoot,
  seccompRuntimeDefault,
} from "../../../policies/rules/containers";
import { effectiveValues } from "../../support/chart-values";
import { admits, type Caller } from "../../support/network-policy";

const d = OBSERVABILITY_DEFAULTS.production;
const ours = kubePrometheusStackValues({
  prometheus: { ...d.prometheus, storageClassName: "gp3" },
  alertmanager: { ...d.alertmanager, storageClassName: "gp3" },
  resources: d.resources,
  scrapeKubeProxy: false,
  routing: { page: { pagerDutyRoutingKey: "key" }, silencedAlerts: [] },
}) as any;
/** What the chart's templates render from: its defaults (sub-charts included) under our values. */
const effective = effectiveValues(ours) as any;
const at = (obj: any, path: string) => path.split(".").reduce((o, k) => o?.[k], obj);

describe("monitoring namespaces", () => {
  const { monitoring, nodeExporter } = monitoringNamespaces();

  it("enforces, audits and warns on the restricted standard in monitoring, at a pinned version", () => {
    expect(new Namespace(monitoring).validate()).toBeUndefined();
    expect(monitoring.metadata.name).toBe("monitoring");
    for (const mode of ["enforce", "audit", "warn"]) {
      expect(monitoring.metadata.labels[`pod-security.kubernetes.io/${mode}`], mode).toBe("restricted");
      expect(monitoring.metadata.labels[`pod-security.kubernetes.io/${mode}-version`], mode).toBe(
        POD_SECURITY_VERSION,
      );
    }
  });

  it("gives node-exporter alone a privileged namespace of its own", () => {
    expect(new Namespace(nodeExporter).validate()).toBeUndefined();
    expect(nodeExporter.metadata.name).toBe(NODE_EXPORTER_NAMESPACE);
    expect(nodeExporter.metadata.name).not.toBe(MONITORING_NAMESPACE);
    expect(nodeExporter.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("privileged");
  });

  it("pins the standard to a version every supported cluster knows: the oldest one", () => {
    const oldest = [...KUBERNETES_VERSIONS].sort(
      (a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]),
    )[0];
    expect(POD_SECURITY_VERSION).toBe(`v${oldest}`);
  });
});

describe("node-exporter's privileged namespace", () => {
  /** Every path of `values` whose value is `wanted`. */
  const pathsOf = (values: unknown, wanted: string, path = ""): string[] =>
    values === wanted
      ? [path]
      : values !== null && typeof values === "object"
        ? Object.entries(values).flatMap(([k, v]) => pathsOf(v, wanted, path ? `${path}.${k}` : k))
        : [];

  it("is where the node-exporter sub-chart renders, and nothing else our values place", () => {
    expect(pathsOf(ours, NODE_EXPORTER_NAMESPACE)).toEqual(["prometheus-node-exporter.namespaceOverride"]);
    for (const path of [
      "namespaceOverride",
      "alertmanager.namespaceOverride",
      "grafana.namespaceOverride",
      "kube-state-metrics.namespaceOverride",
    ]) {
      expect(at(effective, path), path).toBe("");
    }
  });

  it("is needed: node-exporter shares the node's network and process namespaces", () => {
    const exporter = effective["prometheus-node-exporter"];
    expect(exporter.hostNetwork).toBe(true);
    expect(exporter.hostPID).toBe(true);
    expect(exporter.hostRootFsMount.enabled).toBe(true);
  });
});

/**
 * Each pod the chart renders into `monitoring`, with where its pod and container security contexts
 * come from. Prometheus' and Alertmanager's containers (and their config reloaders) are written by
 * the operator, which sets no privilege escalation and drops all capabilities itself: only their
 * pod-level context comes from the values.
 */
const RESTRICTED_PODS: readonly {
  pod: string;
  podContext: string;
  containers: readonly string[];
  host?: string;
}[] = [
  {
    pod: "prometheus-operator",
    podContext: "prometheusOperator.securityContext",
    containers: ["prometheusOperator.containerSecurityContext"],
    host: "prometheusOperator",
  },
  {
    pod: "admission webhook certificate job",
    podContext: "prometheusOperator.admissionWebhooks.patch.securityContext",
    containers: ["prometheusOperator.admissionWebhooks.createSecretJob.securityContext"],
  },
  {
    pod: "admission webhook patch job",
    podContext: "prometheusOperator.admissionWebhooks.patch.securityContext",
    containers: ["prometheusOperator.admissionWebhooks.patchWebhookJob.securityContext"],
  },
  {
    pod: "kube-state-metrics",
    podContext: "kube-state-metrics.securityContext",
    containers: ["kube-state-metrics.containerSecurityContext"],
    host: "kube-state-metrics",
  },
  {
    pod: "grafana",
    podContext: "grafana.securityContext",
    containers: ["grafana.containerSecurityContext", "grafana.sidecar.securityContext"],
  },
  {
    pod: "prometheus",
    podContext: "prometheus.prometheusSpec.securityContext",
    containers: [],
    host: "prometheus.prometheusSpec",
  },
  {
    pod: "alertmanager",
    podContext: "alertmanager.alertmanagerSpec.securityContext",
    containers: [],
    host: "alertmanager.alertmanagerSpec",
  },
];

/** The pack's container rules that the restricted standard also demands, run on a pod built from the values. */
function restrictedProblems(values: any, entry: (typeof RESTRICTED_PODS)[number]): string[] {
  const containers = entry.containers.map((path, i) => ({
    name: `c${i}`,
    securityContext: at(values, path),
  }));
  const pod = {
    urn: entry.pod,
    type: "kubernetes:apps/v1:Deployment",
    name: entry.pod,
    options: {},
    inputs: {
      metadata: { namespace: MONITORING_NAMESPACE },
      spec: { template: { spec: { securityContext: at(values, entry.podContext), containers } } },
    },
  };
  const rules = [
    runAsNonRoot,
    seccompRuntimeDefault,
    ...(containers.length > 0 ? [noPrivilegeEscalation, capabilitiesDropAll] : []),
  ];
  const host = entry.host ? at(values, entry.host) : {};
  return [
    ...rules.flatMap((rule) => rule.check(pod)),
    ...(["hostNetwork", "hostPID", "hostIPC"] as const).filter((k) => host?.[k] === true),
  ];
}

describe("every pod in monitoring meets the restricted standard with our values", () => {
  it.each(RESTRICTED_PODS.map((p) => [p.pod, p] as const))("%s", (_, entry) => {
    expect(restrictedProblems(effective, entry)).toEqual([]);
  });

  it("renders no other pod: no admission webhook deployment, no Grafana init container", () => {
    expect(effective.prometheusOperator.admissionWebhooks.deployment.enabled).toBe(false);
    // The Grafana chart adds a root init container that chowns the volume only with persistence.
    expect(effective.grafana.persistence.enabled).toBe(false);
  });

  it("would notice a pod that breaks it", () => {
    const loosened = effectiveValues({
      ...ours,
      grafana: {
        ...ours.grafana,
        sidecar: { ...ours.grafana.sidecar, securityContext: { allowPrivilegeEscalation: true } },
      },
    });
    const grafana = RESTRICTED_PODS.find((p) => p.pod === "grafana")!;
    expect(restrictedProblems(loosened, grafana)).toEqual([
      "container c1: allowPrivilegeEscalation is not false",
    ]);
    // Without our pod-level profile Grafana still passes on its containers' own profiles.
    const chartOnly = effectiveValues({ ...ours, grafana: { ...ours.grafana, securityContext: {} } });
    expect(restrictedProblems(chartOnly, grafana)).toEqual([]);
  });
});

describe("RBAC", () => {
  it("binds Grafana to a Role of its own namespace that reads ConfigMaps and no Secrets", () => {
    expect(effective.grafana.rbac).toMatchObject({
      create: true,
      namespaced: true,
      useExistingRole: "kube-prometheus-stack-grafana-sidecar",
      extraClusterRoleRules: [],
    });
    const role = grafanaSidecarRole(KUBE_PROMETHEUS_STACK_RELEASE);
    expect(new Role(role).validate()).toBeUndefined();
    expect(role.metadata).toMatchObject({
      name: effective.grafana.rbac.useExistingRole,
      namespace: MONITORING_NAMESPACE,
    });
    expect(role.rules).toEqual([
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
    ]);
  });

  it("lets Grafana's sidecars look at ConfigMaps in monitoring only, not the chart's ALL", () => {
    for (const sidecar of ["dashboards", "datasources"]) {
      expect(effective.grafana.sidecar[sidecar].searchNamespace, sidecar).toBe(MONITORING_NAMESPACE);
      expect(effective.grafana.sidecar[sidecar].resource, sidecar).toBe("configmap");
    }
  });

  it("has the operator manage Prometheus, Alertmanager, ThanosRuler and AlertmanagerConfig objects of monitoring only", () => {
    for (const key of [
      "alertmanagerInstanceNamespaces",
      "alertmanagerConfigNamespaces",
      "prometheusInstanceNamespaces",
      "thanosRulerInstanceNamespaces",
    ]) {
      expect(effective.prometheusOperator[key], key).toEqual([MONITORING_NAMESPACE]);
    }
    // Monitors and rules stay cluster-wide: services declare them in their own namespaces.
    expect(effective.prometheusOperator.namespaces).toEqual({});
    expect(effective.prometheusOperator.denyNamespaces).toEqual([]);
  });

  it("drops kube-state-metrics' Secret collector, which is also what grants it Secrets", () => {
    expect(effective["kube-state-metrics"].collectors).toContain("secrets");
    expect(effective["kube-state-metrics"].collectorsExclude).toEqual(["secrets"]);
    expect(effective["kube-state-metrics"].rbac.useClusterRole).toBe(true);
  });
});

describe("NetworkPolicies", () => {
  const pod = (namespace: string, name: string, extra: Record<string, string> = {}): Caller => ({
    namespace,
    labels: { "app.kubernetes.io/name": name, ...extra },
  });
  const prometheusPod = pod(
    MONITORING_NAMESPACE,
    "prometheus",
    effective.prometheus.prometheusSpec.podMetadata.labels,
  );
  const alertmanagerPod = pod(MONITORING_NAMESPACE, "alertmanager");
  const grafanaPod = pod(MONITORING_NAMESPACE, "grafana");
  const workload = pod("payments", "api");

  /** templates/alertmanager/networkpolicy.yaml of the chart, from the values it reads. */
  function alertmanagerIngress(values: any): unknown[] {
    const np = values.alertmanager.networkPolicy;
    const port = values.alertmanager.service.port;
    const prometheus = np.monitoringRules.prometheus
      ? [
          {
            from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }],
            ports: [
              { port, protocol: "TCP" },
              ...(np.monitoringRules.configReloader ? [{ port: 8080, protocol: "TCP" }] : []),
            ],
          },
        ]
      : [];
    const cluster =
      np.enableClusterRules && values.alertmanager.service.clusterPort
        ? [
            {
              from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager" } } }],
              ports: [{ port: values.alertmanager.service.clusterPort, protocol: "TCP" }],
            },
          ]
        : [];
    const gateway =
      np.gateway.namespace && Object.keys(np.gateway.podLabels).length > 0 ? [{ from: [{}] }] : [];
    return [...gateway, ...prometheus, ...cluster, ...np.additionalIngress];
  }

  it("lets only Prometheus reach Alertmanager's API, so no other pod can silence a page", () => {
    const np = effective.alertmanager.networkPolicy;
    expect(np.enabled).toBe(true);
    expect(np.policyTypes).toEqual(["Ingress"]);
    const ingress = alertmanagerIngress(effective);
    const api = { port: MONITORING_PORTS.alertmanager };
    expect(admits(ingress, MONITORING_NAMESPACE, prometheusPod, api)).toBe(true);
    expect(admits(ingress, MONITORING_NAMESPACE, grafanaPod, api)).toBe(false);
    expect(admits(ingress, MONITORING_NAMESPACE, workload, api)).toBe(false);
    // A pod that calls itself prometheus in another namespace is not Prometheus.
    expect(admits(ingress, MONITORING_NAMESPACE, pod("payments", "prometheus"), api)).toBe(false);
    // Grafana's Alertmanager datasource would only fail: it is not provisioned.
    expect(effective.grafana.sidecar.datasources.alertmanager.enabled).toBe(false);
  });

  it("lets the Alertmanager replicas gossip on both protocols, and nobody else on that port", () => {
    const ingress = alertmanagerIngress(effective);
    for (const protocol of ["TCP", "UDP"] as const) {
      expect(
        admits(ingress, MONITORING_NAMESPACE, alertmanagerPod, {
          port: MONITORING_PORTS.alertmanagerMesh,
          protocol,
        }),
        protocol,
      ).toBe(true);
      expect(
        admits(ingress, MONITORING_NAMESPACE, prometheusPod, {
          port: MONITORING_PORTS.alertmanagerMesh,
          protocol,
        }),
        protocol,
      ).toBe(false);
    }
    expect(
      admits(ingress, MONITORING_NAMESPACE, alertmanagerPod, { port: MONITORING_PORTS.alertmanager }),
    ).toBe(false);
  });

  it("lets Grafana, Prometheus and the rollout analyses query Prometheus, and no workload", () => {
    const np = effective.prometheus.networkPolicy;
    expect(np).toMatchObject({ enabled: true, flavor: "kubernetes", egress: [{}] });
    const query = { port: MONITORING_PORTS.prometheus };
    const rollouts = pod("argo-rollouts", "argo-rollouts");
    expect(admits(np.ingress, MONITORING_NAMESPACE, grafanaPod, query)).toBe(true);
    expect(admits(np.ingress, MONITORING_NAMESPACE, prometheusPod, query)).toBe(true);
    expect(admits(np.ingress, MONITORING_NAMESPACE, rollouts, query)).toBe(true);
    expect(admits(np.ingress, MONITORING_NAMESPACE, workload, query)).toBe(false);
    expect(admits(np.ingress, MONITORING_NAMESPACE, pod("payments", "argo-rollouts"), query)).toBe(false);
    expect(
      admits(np.ingress, MONITORING_NAMESPACE, pod("argo-rollouts", "argo-rollouts-dashboard"), query),
    ).toBe(false);
    expect(admits(np.ingress, MONITORING_NAMESPACE, alertmanagerPod, query)).toBe(false);
    // The config reloader's metrics: Prometheus scrapes them, Grafana has no business there.
    expect(
      admits(np.ingress, MONITORING_NAMESPACE, prometheusPod, { port: MONITORING_PORTS.configReloader }),
    ).toBe(true);
    expect(
      admits(np.ingress, MONITORING_NAMESPACE, grafanaPod, { port: MONITORING_PORTS.configReloader }),
    ).toBe(false);
  });

  /** templates/networkpolicy.yaml of the Grafana chart (full name `<release>-grafana`), without external access. */
  function grafanaIngress(values: any): unknown[] {
    const np = values.grafana.networkPolicy;
    if (!np.ingress) return [];
    if (np.allowExternal) return [{ ports: [{ port: values.grafana.service.targetPort }] }];
    const fullname = `${KUBE_PROMETHEUS_STACK_RELEASE}-grafana`;
    return [
      {
        ports: [{ port: values.grafana.service.targetPort }],
        from: [
          { podSelector: { matchLabels: { [`${fullname}-client`]: "true" } } },
          ...(Object.keys(np.explicitNamespacesSelector).length > 0
            ? [{ namespaceSelector: np.explicitNamespacesSelector }]
            : []),
          ...np.explicitIpBlocks.map((cidr: string) => ({ ipBlock: { cidr } })),
          {
            podSelector: {
              matchLabels: {
                "app.kubernetes.io/name": "grafana",
                "app.kubernetes.io/instance": KUBE_PROMETHEUS_STACK_RELEASE,
                role: "read",
              },
            },
          },
        ],
      },
    ];
  }

  it("lets only Prometheus (scraping its metrics) reach Grafana in the cluster", () => {
    expect(effective.grafana.networkPolicy).toMatchObject({
      enabled: true,
      ingress: true,
      allowExternal: false,
      explicitIpBlocks: [],
    });
    const ingress = grafanaIngress(effective);
    const web = { port: MONITORING_PORTS.grafana };
    expect(effective.grafana.service.targetPort).toBe(MONITORING_PORTS.grafana);
    expect(admits(ingress, MONITORING_NAMESPACE, prometheusPod, web)).toBe(true);
    expect(admits(ingress, MONITORING_NAMESPACE, alertmanagerPod, web)).toBe(false);
    expect(admits(ingress, MONITORING_NAMESPACE, workload, web)).toBe(false);
    // The client label admits only in Grafana's namespace.
    expect(
      admits(ingress, MONITORING_NAMESPACE, { namespace: "payments", labels: prometheusPod.labels }, web),
    ).toBe(false);
  });

  it("lets only Prometheus scrape kube-state-metrics, whose egress to the API server stays open", () => {
    const np = effective["kube-state-metrics"].networkPolicy;
    expect(np).toMatchObject({ enabled: true, egress: [{}] });
    expect(effective["kube-state-metrics"].service.port).toBe(MONITORING_PORTS.kubeStateMetrics);
    const metrics = { port: MONITORING_PORTS.kubeStateMetrics };
    expect(admits(np.ingress, MONITORING_NAMESPACE, prometheusPod, metrics)).toBe(true);
    expect(admits(np.ingress, MONITORING_NAMESPACE, grafanaPod, metrics)).toBe(false);
    expect(admits(np.ingress, MONITORING_NAMESPACE, workload, metrics)).toBe(false);
  });

  it("enables the operator's own policy (webhook port for the API server, egress for the admission jobs)", () => {
    expect(effective.prometheusOperator.networkPolicy).toMatchObject({ enabled: true, flavor: "kubernetes" });
  });
});
