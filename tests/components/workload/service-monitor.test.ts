import * as k8s from "@pulumi/kubernetes";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AutoscaledService,
  buildServiceMonitor,
  validateAutoscaledServiceArgs,
} from "../../../components/workload";
import { run, type Registered } from "../../support/harness";
import { validArgs, specOf } from "./fixtures";

const MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";

describe("the ServiceMonitor builder", () => {
  it("scrapes the service's named HTTP port on the given path, in its own namespace", () => {
    const spec = specOf("api", validArgs({ namespace: "payments", metrics: {} }));
    expect(buildServiceMonitor({ ...spec, metrics: spec.metrics! })).toEqual({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: {
        name: "api",
        namespace: "payments",
        labels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/managed-by": "pulumi" },
      },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": "api" } },
        namespaceSelector: { matchNames: ["payments"] },
        endpoints: [{ port: "http", path: "/metrics", interval: "30s" }],
      },
    });
  });
});

describe("scraping", () => {
  let registered: Registered;

  beforeAll(async () => {
    registered = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      const crds = new k8s.core.v1.Namespace(
        "monitoring",
        { metadata: { name: "monitoring" } },
        { provider },
      );
      new AutoscaledService("api", validArgs({ metrics: { path: "/stats", interval: "15s" } }), {
        provider,
        dependsOn: [crds],
      });
      new AutoscaledService("quiet", validArgs(), { provider });
      const release = new k8s.core.v1.Namespace(
        "crd-release",
        { metadata: { name: "crd-release" } },
        { provider },
      );
      new AutoscaledService("narrow", validArgs({ namespace: "narrow", metrics: {} }), {
        provider,
        serviceMonitorDependsOn: [release],
      });
    });
  });

  it("registers a ServiceMonitor only for a service with metrics", () => {
    const monitors = registered.ofType(MONITOR);
    expect(monitors.map((m) => m.name)).toEqual(["api-service-monitor", "narrow-service-monitor"]);
    expect((monitors[0]!.inputs.spec as { endpoints: unknown }).endpoints).toEqual([
      { port: "http", path: "/stats", interval: "15s" },
    ]);
  });

  it("makes every object of the service wait for what the service depends on (the CRD's installer)", () => {
    const installer = registered.one("kubernetes:core/v1:Namespace", "monitoring").urn;
    const children = registered.resources.filter(
      (r) => r.parent === registered.one("infra:index:AutoscaledService", "api").urn,
    );
    expect(children.length).toBeGreaterThanOrEqual(6);
    for (const child of children) expect(child.options.dependsOn, child.name).toContain(installer);
  });

  it("makes only the ServiceMonitor wait for what `serviceMonitorDependsOn` names", () => {
    const release = registered.one("kubernetes:core/v1:Namespace", "crd-release").urn;
    const children = registered.resources.filter(
      (r) => r.parent === registered.one("infra:index:AutoscaledService", "narrow").urn,
    );
    expect(children.length).toBeGreaterThanOrEqual(6);
    const waiting = children.filter((c) => (c.options.dependsOn ?? []).includes(release)).map((c) => c.type);
    expect(waiting).toEqual([MONITOR]);
  });

  it("rejects a path without a leading slash and an interval Prometheus cannot read", () => {
    expect(
      validateAutoscaledServiceArgs(validArgs({ metrics: { path: "metrics", interval: "30 seconds" } })),
    ).toEqual([
      {
        path: "metrics.path",
        message: '"metrics" is not allowed; use an HTTP path starting with "/", e.g. "/metrics"',
      },
      {
        path: "metrics.interval",
        message: '"30 seconds" is not a Prometheus duration; use e.g. "30s" or "1m"',
      },
    ]);
  });
});
