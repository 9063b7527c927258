import { describe, expect, it } from "vitest";
import { AUTOSCALED_SERVICE_DEFAULTS } from "../../../components/workload/defaults";
import { replicaBounds } from "../../../components/workload/service-spec";
import { validArgs, specOf } from "./fixtures";

describe("resolveServiceSpec", () => {
  it("applies the production defaults when no profile is given", () => {
    const spec = specOf("api", validArgs());
    expect(spec.profile).toBe("production");
    expect(spec.name).toBe("api");
    expect(spec.namespace).toBe("api");
    expect(spec.createNamespace).toBe(false);
    expect(spec.minReplicas).toBe(2);
    expect(spec.maxReplicas).toBe(10);
    expect(spec.zoneSpread).toBe("DoNotSchedule");
    expect(spec.nodeSpread).toBe("ScheduleAnyway");
    expect(spec.port).toBe(8080);
    expect(spec.servicePort).toBe(80);
    expect(spec.targetCpuUtilization).toBe(70);
    expect(spec.targetMemoryUtilization).toBeUndefined();
    expect(spec.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    expect(spec.terminationGracePeriodSeconds).toBe(45);
    expect(spec.preStopSleepSeconds).toBe(10);
    expect(spec.disruptionBudget).toEqual({ maxUnavailable: 1 });
    expect(spec.serviceAccountName).toBe("api");
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.readOnlyRootFilesystem).toBe(true);
    expect(spec.resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi", ephemeralStorage: "256Mi" },
      limits: { cpu: "1", memory: "512Mi", ephemeralStorage: "1Gi" },
    });
    expect([spec.runAsUser, spec.runAsGroup]).toEqual([65532, 65532]);
  });

  it("runs as the given group, or as the user's own id as group", () => {
    expect(specOf("api", validArgs({ runAsUser: 10001 })).runAsGroup).toBe(10001);
    expect(specOf("api", validArgs({ runAsUser: 10001, runAsGroup: 3000 })).runAsGroup).toBe(3000);
  });

  it("applies the development defaults from the one profile table", () => {
    const spec = specOf("api", validArgs({ profile: "development" }));
    expect(spec.minReplicas).toBe(1);
    expect(spec.maxReplicas).toBe(AUTOSCALED_SERVICE_DEFAULTS.development.maxReplicas);
    expect(spec.zoneSpread).toBe("ScheduleAnyway");
  });

  it("lets explicit args win over every default", () => {
    const spec = specOf(
      "component",
      validArgs({
        name: "payments",
        namespace: "pay",
        createNamespace: true,
        port: 3000,
        servicePort: 8080,
        minReplicas: 3,
        maxReplicas: 30,
        targetCpuUtilization: 55,
        targetMemoryUtilization: 80,
        serviceAccount: { name: "payments-sa", roleArn: "arn:aws:iam::123456789012:role/payments" },
        automountServiceAccountToken: true,
        runAsUser: 10001,
        allowWritableRootFilesystem: true,
        rollingUpdate: { maxUnavailable: "25%" },
        shutdown: { terminationGracePeriodSeconds: 60, preStopSleepSeconds: 0 },
        topologySpread: { zones: "ScheduleAnyway", nodes: "DoNotSchedule" },
        disruptionBudget: { minAvailable: 2 },
        scalingBehavior: { scaleDown: { stabilizationWindowSeconds: 600 } },
      }),
    );
    expect(spec).toMatchObject({
      name: "payments",
      namespace: "pay",
      createNamespace: true,
      port: 3000,
      servicePort: 8080,
      minReplicas: 3,
      maxReplicas: 30,
      targetCpuUtilization: 55,
      targetMemoryUtilization: 80,
      serviceAccountName: "payments-sa",
      roleArn: "arn:aws:iam::123456789012:role/payments",
      automountServiceAccountToken: true,
      runAsUser: 10001,
      readOnlyRootFilesystem: false,
      rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 },
      terminationGracePeriodSeconds: 60,
      preStopSleepSeconds: 0,
      zoneSpread: "ScheduleAnyway",
      nodeSpread: "DoNotSchedule",
      disruptionBudget: { minAvailable: 2 },
    });
    expect(spec.scaleDown).toEqual({
      stabilizationWindowSeconds: 600,
      selectPolicy: "Max",
      policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
    });
  });

  it("lifts the default maximum to a higher explicit minimum", () => {
    expect(replicaBounds({ profile: "production", minReplicas: 12 })).toEqual({
      minReplicas: 12,
      maxReplicas: 12,
    });
    expect(replicaBounds({ profile: "development", minReplicas: 2 })).toEqual({
      minReplicas: 2,
      maxReplicas: 3,
    });
    expect(replicaBounds({ profile: "production", minReplicas: 2, maxReplicas: 4 })).toEqual({
      minReplicas: 2,
      maxReplicas: 4,
    });
  });
});
