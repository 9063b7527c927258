import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDeployment } from "../../../components/workload/deployment";
import { validArgs, validated, specOf } from "./fixtures";

function build(overrides: Parameters<typeof validArgs>[0] = {}): Deployment {
  return validated(Deployment, buildDeployment(specOf("api", validArgs(overrides))));
}

describe("buildDeployment with the defaults", () => {
  let deployment: Deployment;
  beforeAll(() => {
    deployment = build();
  });
  const pod = () => deployment.spec!.template.spec!;
  const container = () => pod().containers[0]!;

  it("validates against the Kubernetes OpenAPI schema", () => {
    expect(deployment.apiVersion).toBe("apps/v1");
    expect(deployment.kind).toBe("Deployment");
    expect(deployment.metadata).toEqual({
      name: "api",
      namespace: "api",
      labels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/managed-by": "pulumi" },
    });
  });

  it("is checked by a schema validator that does reject a malformed object", () => {
    const broken = JSON.parse(JSON.stringify(deployment));
    broken.spec.template.spec.containers[0].resources.limits.cpu = "500x";
    expect(() => validated(Deployment, broken)).toThrow(/quantity/);
  });

  it("leaves spec.replicas to the HPA", () => {
    expect(deployment.spec).not.toHaveProperty("replicas");
    expect(JSON.stringify(deployment)).not.toContain('"replicas"');
  });

  it("selects pods by name only, and the pod template carries the selector labels", () => {
    expect(deployment.spec!.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "api" } });
    expect(deployment.spec!.template.metadata!.labels).toMatchObject(deployment.spec!.selector.matchLabels!);
  });

  it("rolls out with zero downtime: maxUnavailable 0, maxSurge 1", () => {
    expect(deployment.spec!.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
  });

  it("sets requests and limits for CPU, memory and local disk", () => {
    expect(container().resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi", "ephemeral-storage": "256Mi" },
      limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "1Gi" },
    });
  });

  it("runs the image as given, with the named port", () => {
    expect(container().name).toBe("api");
    expect(container().image).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:1.4.2");
    expect(container().imagePullPolicy).toBe("IfNotPresent");
    expect(container().ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
  });

  it("has the playbook's startup, readiness and liveness probes", () => {
    expect(container().startupProbe).toEqual({
      httpGet: { path: "/healthz/startup", port: "http", scheme: "HTTP" },
      initialDelaySeconds: 0,
      periodSeconds: 2,
      timeoutSeconds: 1,
      failureThreshold: 30,
      successThreshold: 1,
    });
    expect(container().readinessProbe).toMatchObject({
      httpGet: { path: "/healthz/ready", port: "http" },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      failureThreshold: 3,
    });
    expect(container().livenessProbe).toMatchObject({
      httpGet: { path: "/healthz/live", port: "http" },
      initialDelaySeconds: 15,
      periodSeconds: 20,
      failureThreshold: 3,
    });
  });

  it("locks the container down, as the nonroot user and group unless told otherwise", () => {
    expect(container().securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod().securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("gives the read-only root a size-capped emptyDir at /tmp", () => {
    expect(container().volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    expect(pod().volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
  });

  it("shuts down gracefully: a preStop pause inside the grace period", () => {
    expect(container().lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    expect(pod().terminationGracePeriodSeconds).toBe(45);
  });

  it("spreads over zones (required in production) and nodes (preferred), per revision", () => {
    expect(pod().topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "api" } },
        matchLabelKeys: ["pod-template-hash"],
      },
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "api" } },
        matchLabelKeys: ["pod-template-hash"],
      },
    ]);
  });

  it("runs under its own ServiceAccount without a Kubernetes API token or service env vars", () => {
    expect(pod().serviceAccountName).toBe("api");
    expect(pod().automountServiceAccountToken).toBe(false);
    expect(pod().enableServiceLinks).toBe(false);
  });

  it("has no env sections when none are given", () => {
    expect(container()).not.toHaveProperty("env");
    expect(container()).not.toHaveProperty("envFrom");
  });
});

describe("buildDeployment with overrides", () => {
  it("renders env, envFrom, a run-as user and a writable root without the /tmp volume", () => {
    const deployment = build({
      env: {
        LOG_LEVEL: "debug",
        FEATURES: { configMapKeyRef: { name: "flags", key: "features" } },
        DB_PASSWORD: { secretKeyRef: { name: "db", key: "password" } },
      },
      envFrom: [{ configMap: "settings" }, { secret: "api-keys", prefix: "KEYS_" }],
      runAsUser: 10001,
      allowWritableRootFilesystem: true,
    });
    const pod = deployment.spec!.template.spec!;
    const container = pod.containers[0]!;
    expect(container.env).toEqual([
      { name: "LOG_LEVEL", value: "debug" },
      { name: "FEATURES", valueFrom: { configMapKeyRef: { name: "flags", key: "features" } } },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    ]);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: "settings" } },
      { secretRef: { name: "api-keys" }, prefix: "KEYS_" },
    ]);
    expect(container.securityContext).toMatchObject({ runAsUser: 10001, readOnlyRootFilesystem: false });
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsNonRoot: true });
    expect(container).not.toHaveProperty("volumeMounts");
    expect(pod).not.toHaveProperty("volumes");
  });

  it("drops disabled probes and the preStop pause when it is 0", () => {
    const container = build({
      probes: { startup: { enabled: false }, liveness: { enabled: false } },
      shutdown: { preStopSleepSeconds: 0, terminationGracePeriodSeconds: 20 },
    }).spec!.template.spec!.containers[0]!;
    expect(container).not.toHaveProperty("startupProbe");
    expect(container).not.toHaveProperty("livenessProbe");
    expect(container.readinessProbe).toBeDefined();
    expect(container).not.toHaveProperty("lifecycle");
  });

  it("uses the configured rolling update, spread and ports", () => {
    const deployment = build({
      profile: "development",
      port: 3000,
      rollingUpdate: { maxUnavailable: "25%", maxSurge: "50%" },
      topologySpread: { nodes: "DoNotSchedule" },
      labels: { team: "payments" },
    });
    expect(deployment.spec!.strategy!.rollingUpdate).toEqual({ maxUnavailable: "25%", maxSurge: "50%" });
    const pod = deployment.spec!.template.spec!;
    expect(pod.topologySpreadConstraints!.map((c) => c.whenUnsatisfiable)).toEqual([
      "ScheduleAnyway",
      "DoNotSchedule",
    ]);
    expect(pod.containers[0]!.ports![0]!.containerPort).toBe(3000);
    expect(deployment.metadata!.labels).toMatchObject({ team: "payments" });
    expect(deployment.spec!.template.metadata!.labels).toMatchObject({ team: "payments" });
    expect(deployment.spec!.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "api" });
  });
});
