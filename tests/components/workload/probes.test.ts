import { describe, expect, it } from "vitest";
import { Probe } from "kubernetes-models/v1/Probe";
import { PROBE_DEFAULTS } from "../../../components/workload/defaults";
import { renderProbe, resolveProbe, resolveProbes } from "../../../components/workload/probes";
import { validated } from "./fixtures";

describe("probes", () => {
  it("defaults to the playbook values", () => {
    expect(PROBE_DEFAULTS.startup).toMatchObject({
      path: "/healthz/startup",
      failureThreshold: 30,
      periodSeconds: 2,
    });
    expect(PROBE_DEFAULTS.readiness).toMatchObject({
      path: "/healthz/ready",
      initialDelaySeconds: 5,
      periodSeconds: 10,
      failureThreshold: 3,
    });
    expect(PROBE_DEFAULTS.liveness).toMatchObject({
      path: "/healthz/live",
      initialDelaySeconds: 15,
      periodSeconds: 20,
      failureThreshold: 3,
    });
  });

  it("renders an HTTP GET on the named container port", () => {
    const probe = validated(Probe, renderProbe(resolveProbe("readiness")!));
    expect(probe.httpGet).toEqual({ path: "/healthz/ready", port: "http", scheme: "HTTP" });
    expect(probe.initialDelaySeconds).toBe(5);
    expect(probe.periodSeconds).toBe(10);
    expect(probe.failureThreshold).toBe(3);
    expect(probe.timeoutSeconds).toBe(1);
    expect(probe.successThreshold).toBe(1);
  });

  it("overrides only the fields given, and a port override targets that port", () => {
    const probe = renderProbe(resolveProbe("liveness", { path: "/live", port: 9090, periodSeconds: 5 })!);
    expect(probe.httpGet).toEqual({ path: "/live", port: 9090, scheme: "HTTP" });
    expect(probe.periodSeconds).toBe(5);
    expect(probe.initialDelaySeconds).toBe(15);
    expect(probe.failureThreshold).toBe(3);
  });

  it("drops a probe only when it is explicitly disabled", () => {
    expect(resolveProbe("startup", { enabled: false })).toBeUndefined();
    expect(resolveProbe("startup", { enabled: true })).toEqual(PROBE_DEFAULTS.startup);
    expect(Object.keys(resolveProbes({ liveness: { enabled: false } }))).toEqual(["startup", "readiness"]);
    expect(Object.keys(resolveProbes())).toEqual(["startup", "readiness", "liveness"]);
  });
});
