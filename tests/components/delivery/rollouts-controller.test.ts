import * as k8s from "@pulumi/kubernetes";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  ARGO_ROLLOUTS_CHART,
  argoRolloutsValues,
  ROLLOUTS_CONTROLLER_DEFAULTS,
  rolloutAlertRules,
  rolloutsServiceMonitor,
} from "../../../components/delivery/argo-rollouts";
import { RolloutsController } from "../../../components/delivery";
import { InfraValidationError } from "../../../components/core";
import { run, type Registered } from "../../support/harness";
import { describeWithTools, filesInTempDir, runToolAsync } from "../../support/tools";
import { promqlErrors } from "../observability/promql";
import { ruleFileText } from "../observability/promtool-scenarios";

const RULE = rolloutAlertRules({
  name: "argo-rollouts-alerts",
  namespace: "argo-rollouts",
  runbookBaseUrl: "https://runbooks.example.com",
});
const rules = RULE.spec.groups.flatMap((g) => g.rules) as {
  alert: string;
  expr: string;
  labels: object;
  annotations: Record<string, string>;
}[];

/** A rule's annotations as Alertmanager receives them for the `checkout` Rollout in `shop`. */
function rendered(alert: string): Record<string, string> {
  const annotations = rules.find((r) => r.alert === alert)!.annotations;
  return Object.fromEntries(
    Object.entries(annotations).map(([k, v]) => [
      k,
      v.replaceAll("{{ $labels.name }}", "checkout").replaceAll("{{ $labels.namespace }}", "shop"),
    ]),
  );
}

describe("argoRolloutsValues", () => {
  const production = argoRolloutsValues({ ...ROLLOUTS_CONTROLLER_DEFAULTS.production, monitoring: true });
  const development = argoRolloutsValues({ ...ROLLOUTS_CONTROLLER_DEFAULTS.development, monitoring: false });

  it("installs the CRDs with the chart and keeps them when the chart goes (they own every Rollout)", () => {
    expect(production).toMatchObject({ installCRDs: true, keepCRDs: true });
  });

  it("sets requests and limits on the controller", () => {
    const resources = (production.controller as { resources: Record<string, Record<string, string>> })
      .resources;
    for (const kind of ["requests", "limits"]) {
      expect(resources[kind]).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    }
  });

  it("runs two controllers behind a disruption budget in production, one in development", () => {
    expect(production.controller).toMatchObject({ replicas: 2, pdb: { enabled: true, minAvailable: 1 } });
    expect(development.controller).toMatchObject({ replicas: 1, pdb: { enabled: false } });
  });

  it("serves the controller's metrics only when asked, leaving the ServiceMonitor to the platform", () => {
    const metrics = (v: Record<string, unknown>) => (v.controller as { metrics: unknown }).metrics;
    expect(metrics(production)).toEqual({ enabled: true, serviceMonitor: { enabled: false } });
    expect(metrics(development)).toEqual({ enabled: false, serviceMonitor: { enabled: false } });
  });
});

describe("rolloutsServiceMonitor", () => {
  const monitor = rolloutsServiceMonitor({ release: "kube-prometheus-stack" });

  it("selects the chart's metrics Service by the labels the chart gives it", () => {
    expect(monitor.spec.selector.matchLabels).toEqual({
      "app.kubernetes.io/name": "argo-rollouts",
      "app.kubernetes.io/instance": "argo-rollouts",
      "app.kubernetes.io/component": "rollouts-controller",
    });
    expect(monitor.spec.endpoints.map((e) => e.port)).toEqual(["metrics"]);
  });

  it("gives the controller's series the Rollout's namespace as `namespace`", () => {
    expect(monitor.spec.endpoints[0]!.metricRelabelings).toEqual([
      expect.objectContaining({
        sourceLabels: ["exported_namespace"],
        targetLabel: "namespace",
        regex: "(.+)",
      }),
      { regex: "exported_namespace", action: "labeldrop" },
    ]);
  });
});

describe("rolloutAlertRules", () => {
  it("routes like every platform alert: by a ticket severity", () => {
    for (const rule of rules) expect(rule.labels).toMatchObject({ severity: "ticket" });
  });

  it.each(rules.map((r) => [r.alert, r.expr]))("%s parses as PromQL", (_alert, expr) => {
    expect(promqlErrors(expr)).toEqual([]);
  });
});

describeWithTools(["promtool"], "the rollout alerts under promtool", () => {
  const rulesFile = ruleFileText(RULE);
  const series = (phase: string) =>
    `rollout_info{job="argo-rollouts-metrics",namespace="shop",name="checkout",strategy="canary",phase="${phase}"}`;
  const up = 'up{job="argo-rollouts-metrics",namespace="argo-rollouts"}';
  const tests = {
    rule_files: ["rules.yaml"],
    evaluation_interval: "1m",
    tests: [
      {
        name: "an aborted canary raises a ticket named after its service; a healthy one nothing",
        interval: "1m",
        input_series: [
          { series: series("Degraded"), values: "_x5 1x10" },
          { series: series("Healthy"), values: "1x15" },
          { series: up, values: "1x15" },
        ],
        alert_rule_test: [
          { eval_time: "5m", alertname: "RolloutDegraded", exp_alerts: [] },
          {
            eval_time: "8m",
            alertname: "RolloutDegraded",
            exp_alerts: [
              {
                exp_labels: {
                  severity: "ticket",
                  job: "argo-rollouts-metrics",
                  namespace: "shop",
                  name: "checkout",
                  service: "checkout",
                  strategy: "canary",
                  phase: "Degraded",
                },
                exp_annotations: rendered("RolloutDegraded"),
              },
            ],
          },
          { eval_time: "15m", alertname: "RolloutsControllerDown", exp_alerts: [] },
        ],
      },
      {
        name: "a controller gone for 10 minutes raises a ticket",
        interval: "1m",
        input_series: [{ series: up, values: "1x5 0x20" }],
        alert_rule_test: [
          { eval_time: "10m", alertname: "RolloutsControllerDown", exp_alerts: [] },
          {
            eval_time: "20m",
            alertname: "RolloutsControllerDown",
            exp_alerts: [
              { exp_labels: { severity: "ticket" }, exp_annotations: rendered("RolloutsControllerDown") },
            ],
          },
        ],
      },
    ],
  };
  let check: { status: number | null; output: string };
  let test: { status: number | null; output: string };
  beforeAll(async () => {
    const dir = filesInTempDir({ "rules.yaml": rulesFile, "tests.yaml": stringify(tests) });
    [check, test] = await Promise.all([
      runToolAsync("promtool", ["check", "rules", "rules.yaml"], dir),
      runToolAsync("promtool", ["test", "rules", "tests.yaml"], dir),
    ]);
  });

  it("accepts the rules", () => expect(check.status, check.output).toBe(0));
  it("fires on an aborted rollout and on a missing controller, and only then", () =>
    expect(test.status, test.output).toBe(0));
});

describe("RolloutsController", () => {
  let registered: Registered;
  beforeAll(async () => {
    registered = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      new RolloutsController("prod-rollouts", { profile: "production" }, { provider });
    });
  });

  it("installs the pinned chart (app version 1.9) in its own namespace", () => {
    const release = registered.one("kubernetes:helm.sh/v3:Release");
    expect(ARGO_ROLLOUTS_CHART.appVersion).toMatch(/^v1\.9\./);
    expect(release.inputs).toMatchObject({
      chart: "argo-rollouts",
      version: ARGO_ROLLOUTS_CHART.version,
      namespace: "argo-rollouts",
      repositoryOpts: { repo: "https://argoproj.github.io/argo-helm" },
      atomic: true,
    });
  });

  it("creates its ServiceMonitor and alerts after the release, which waits for nothing but the cluster", () => {
    const release = registered.one("kubernetes:helm.sh/v3:Release");
    expect(release.options.dependsOn ?? []).toEqual([]);
    for (const type of ["PrometheusRule", "ServiceMonitor"]) {
      const object = registered.one(`kubernetes:monitoring.coreos.com/v1:${type}`);
      expect(object.options.dependsOn).toContain(release.urn);
      expect(object.inputs).toMatchObject({ metadata: { labels: { release: "kube-prometheus-stack" } } });
    }
  });

  it("holds the release back for `releaseDependsOn` alone, and the monitoring objects for `dependsOn`", async () => {
    const wired = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      const dns = new k8s.core.v1.ConfigMap("cluster-dns", {}, { provider });
      const crds = new k8s.core.v1.ConfigMap("monitoring-crds", {}, { provider });
      new RolloutsController(
        "prod-rollouts",
        { profile: "production" },
        { provider, releaseDependsOn: [dns], dependsOn: [crds] },
      );
    });
    const [dns, crds] = ["cluster-dns", "monitoring-crds"].map(
      (n) => wired.one("kubernetes:core/v1:ConfigMap", n).urn,
    );
    const release = wired.one("kubernetes:helm.sh/v3:Release");
    expect(release.options.dependsOn).toEqual([dns]);
    for (const type of ["PrometheusRule", "ServiceMonitor"])
      expect(wired.one(`kubernetes:monitoring.coreos.com/v1:${type}`).options.dependsOn).toEqual(
        [crds, release.urn].sort(),
      );
  });

  it("needs a Kubernetes provider", async () => {
    let error: unknown;
    await run(() => {
      try {
        new RolloutsController("x", {});
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InfraValidationError);
    expect((error as Error).message).toContain("opts.providers.kubernetes");
  });

  it("leaves out the alerts without monitoring", async () => {
    const quiet = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      new RolloutsController("dev-rollouts", { profile: "development", monitoring: false }, { provider });
    });
    expect(quiet.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule")).toEqual([]);
  });
});
