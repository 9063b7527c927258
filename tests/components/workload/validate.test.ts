import { describe, expect, it } from "vitest";
import type { AutoscaledServiceArgs } from "../../../components/workload";
import { validateAutoscaledServiceArgs } from "../../../components/workload/validate";
import { validArgs } from "./fixtures";

function issues(overrides: Record<string, unknown>, name = "api") {
  return validateAutoscaledServiceArgs(validArgs(overrides), name);
}

/** The one issue at `path`; fails when there is none or several. */
function issueAt(overrides: Record<string, unknown>, path: string, name?: string): string {
  const found = issues(overrides, name).filter((i) => i.path === path);
  expect(
    found.map((i) => i.path),
    JSON.stringify(issues(overrides, name)),
  ).toEqual([path]);
  return found[0]!.message;
}

describe("validateAutoscaledServiceArgs", () => {
  it("accepts the valid base args in both profiles", () => {
    expect(issues({})).toEqual([]);
    expect(issues({ profile: "development", minReplicas: 1 })).toEqual([]);
  });

  it("accepts a fully specified service", () => {
    expect(
      issues({
        name: "payments",
        namespace: "payments",
        createNamespace: true,
        image: `ghcr.io/acme/payments@sha256:${"0".repeat(64)}`,
        port: 3000,
        servicePort: 80,
        minReplicas: 3,
        maxReplicas: 30,
        targetCpuUtilization: 65,
        targetMemoryUtilization: 85,
        customMetrics: [
          { type: "Pods", name: "rps", targetAverageValue: "100", selector: { route: "checkout" } },
          { type: "External", name: "queue_depth", targetValue: "500" },
        ],
        scalingBehavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
          },
          scaleDown: { selectPolicy: "Min" },
        },
        probes: {
          startup: { enabled: false },
          readiness: { path: "/ready", port: 9090, successThreshold: 2 },
        },
        env: {
          LOG_LEVEL: "info",
          FLAGS: { configMapKeyRef: { name: "flags", key: "all.json" } },
          DB_PASSWORD: { secretKeyRef: { name: "db", key: "password", optional: false } },
        },
        envFrom: [{ configMap: "settings" }, { secret: "keys", prefix: "KEY_" }],
        serviceAccount: { name: "payments", roleArn: "arn:aws:iam::123456789012:role/payments" },
        automountServiceAccountToken: true,
        runAsUser: 10001,
        allowWritableRootFilesystem: true,
        rollingUpdate: { maxUnavailable: "25%", maxSurge: 0 },
        shutdown: { terminationGracePeriodSeconds: 60, preStopSleepSeconds: 15 },
        topologySpread: { zones: "ScheduleAnyway", nodes: "DoNotSchedule" },
        disruptionBudget: { minAvailable: 2 },
        labels: { team: "payments", "acme.com/cost-center": "cc-42" },
      }),
    ).toEqual([]);
  });

  it("reports every problem at once", () => {
    const found = issues({
      minReplicas: 0,
      port: 0,
      image: "api:latest",
      cpu: { request: "500x", limit: "1" },
    });
    // All at once; their order follows the argument definition.
    expect(found.map((i) => i.path).sort()).toEqual(["image", "cpu.request", "minReplicas", "port"].sort());
  });

  it("reports malformed input from untyped callers instead of throwing", () => {
    expect(validateAutoscaledServiceArgs(undefined as unknown as AutoscaledServiceArgs)).toEqual([
      { path: "args", message: expect.stringMatching(/pass an object with at least image, cpu and memory/) },
    ]);
    expect(validateAutoscaledServiceArgs({} as AutoscaledServiceArgs, "api").map((i) => i.path)).toEqual([
      "image",
      "cpu",
      "memory",
    ]);
    const groups = [
      "probes",
      "scalingBehavior",
      "serviceAccount",
      "rollingUpdate",
      "shutdown",
      "topologySpread",
      "disruptionBudget",
    ];
    for (const group of groups) {
      expect(issueAt({ [group]: null }, group)).toMatch(/use an object of settings/);
    }
    expect(issueAt({ probes: { readiness: null } }, "probes.readiness")).toMatch(/use an object of settings/);
    expect(
      issueAt({ scalingBehavior: { scaleUp: { policies: [null] } } }, "scalingBehavior.scaleUp.policies[0]"),
    ).toMatch(/use \{ type/);
    expect(issueAt({ cpu: { request: 0.5, limit: "1" } }, "cpu.request")).toMatch(
      /use a string such as "250m"/,
    );
  });

  describe("names", () => {
    it("rejects a name that is not a DNS label", () => {
      expect(issueAt({ name: "Payments_API" }, "name")).toMatch(/"Payments_API" is not a DNS-1035 label/);
      expect(issueAt({ name: "a".repeat(64) }, "name")).toMatch(/at most 63/);
      expect(issueAt({ name: "9api" }, "name")).toMatch(/starting with a letter/);
    });

    it("checks the component name when no name is given", () => {
      expect(issueAt({}, "name", "My.Service")).toMatch(
        /the component name "My.Service" \(used when name is not set\)/,
      );
      expect(issues({ name: "api" }, "My.Service")).toEqual([]);
    });

    it("rejects a namespace that is not a DNS-1123 label", () => {
      expect(issueAt({ namespace: "Team.Apps" }, "namespace")).toMatch(/"Team.Apps" is not a DNS-1123 label/);
    });

    it("rejects a ServiceAccount name that is not a DNS subdomain", () => {
      expect(issueAt({ serviceAccount: { name: "API SA" } }, "serviceAccount.name")).toMatch(
        /"API SA" is not a valid ServiceAccount name/,
      );
    });

    it("rejects bad and reserved labels", () => {
      expect(issueAt({ labels: { "bad key!": "x" } }, 'labels["bad key!"]')).toMatch(/is not a label key/);
      expect(issueAt({ labels: { team: "has space" } }, 'labels["team"]')).toMatch(
        /"has space" is not a label value/,
      );
      expect(
        issueAt({ labels: { "app.kubernetes.io/name": "other" } }, 'labels["app.kubernetes.io/name"]'),
      ).toMatch(/set by the component/);
    });

    it("rejects an unknown profile", () => {
      expect(issueAt({ profile: "staging" }, "profile")).toMatch(
        /"staging" is not a profile; use one of "development", "production"/,
      );
    });
  });

  describe("image", () => {
    it("rejects a reference without tag or digest", () => {
      expect(issueAt({ image: "ghcr.io/acme/api" }, "image")).toMatch(/has no tag or digest/);
    });

    it("rejects :latest even in development", () => {
      expect(issueAt({ profile: "development", minReplicas: 1, image: "acme/api:latest" }, "image")).toMatch(
        /"latest"/,
      );
    });

    it("rejects a mutable-looking tag in production only", () => {
      expect(issueAt({ image: "acme/api:main" }, "image")).toMatch(
        /mutable-looking tag "main", which production rejects/,
      );
      expect(issues({ profile: "development", image: "acme/api:main" })).toEqual([]);
    });

    it("rejects a malformed reference", () => {
      expect(issueAt({ image: "ACME/Api:1.0" }, "image")).toMatch(/is not a valid image reference/);
      expect(issueAt({ image: 42 }, "image")).toMatch(/42 is not allowed/);
    });

    it("accepts a digest in production", () => {
      expect(issues({ image: `acme/api@sha256:${"f".repeat(64)}` })).toEqual([]);
    });
  });

  describe("ports", () => {
    it.each([0, 65536, 80.5, -1])("rejects port %d", (port) => {
      expect(issueAt({ port }, "port")).toMatch(/use a whole number, from 1 to 65535/);
      expect(issueAt({ servicePort: port }, "servicePort")).toMatch(/from 1 to 65535/);
    });

    it("accepts the bounds", () => {
      expect(issues({ port: 1, servicePort: 65535 })).toEqual([]);
    });
  });

  describe("resources", () => {
    it("rejects a bad quantity such as 500x", () => {
      expect(issueAt({ cpu: { request: "500x", limit: "1" } }, "cpu.request")).toMatch(
        /"500x" is not a Kubernetes quantity/,
      );
      expect(issueAt({ memory: { request: "256Mi", limit: "1 GB" } }, "memory.limit")).toMatch(
        /is not a Kubernetes quantity/,
      );
    });

    it("rejects limits below requests, comparing exactly across suffixes", () => {
      expect(issueAt({ cpu: { request: "1100m", limit: "1" } }, "cpu.limit")).toMatch(
        /"1" is below the request "1100m"/,
      );
      expect(issueAt({ memory: { request: "1Gi", limit: "1000Mi" } }, "memory.limit")).toMatch(
        /below the request/,
      );
      expect(
        issues({ cpu: { request: "1.1", limit: "1100m" }, memory: { request: "1Gi", limit: "1024Mi" } }),
      ).toEqual([]);
    });

    it("requires a memory limit", () => {
      expect(issueAt({ memory: { request: "256Mi" } }, "memory.limit")).toMatch(
        /is required: without a memory limit/,
      );
    });

    it("requires a CPU request, especially beside a CPU limit", () => {
      expect(issueAt({ cpu: { limit: "1" } }, "cpu.request")).toMatch(/is required when a CPU limit is set/);
    });

    it("requires both resources", () => {
      expect(issueAt({ cpu: undefined }, "cpu")).toMatch(/cpu needs a request and a limit/);
      expect(issueAt({ cpu: { request: "100m" } }, "cpu.limit")).toMatch(/is required/);
    });

    it("rejects memory in fractions of a byte (the m suffix)", () => {
      expect(issueAt({ memory: { request: "256Mi", limit: "512m" } }, "memory.limit")).toMatch(
        /fraction of a byte/,
      );
      expect(issueAt({ memory: { request: "1500m", limit: "1Gi" } }, "memory.request")).toMatch(
        /fraction of a byte/,
      );
    });

    it("rejects zero quantities", () => {
      expect(issueAt({ cpu: { request: "0", limit: "1" } }, "cpu.request")).toMatch(/is not above zero/);
    });
  });

  describe("replicas", () => {
    it("rejects minReplicas above maxReplicas", () => {
      expect(issueAt({ minReplicas: 5, maxReplicas: 3 }, "maxReplicas")).toMatch(
        /3 is below minReplicas \(5\)/,
      );
    });

    it("rejects minReplicas below 1", () => {
      expect(issueAt({ profile: "development", minReplicas: 0 }, "minReplicas")).toMatch(
        /0 is not allowed; use a whole number of pods, 1 or more/,
      );
      expect(issueAt({ maxReplicas: 0 }, "maxReplicas")).toMatch(/1 or more/);
    });

    it("rejects fewer than 2 replicas in production", () => {
      expect(issueAt({ minReplicas: 1 }, "minReplicas")).toMatch(/1 is below the production minimum of 2/);
      expect(issues({ profile: "development", minReplicas: 1 })).toEqual([]);
    });
  });

  describe("autoscaling targets", () => {
    it.each([0, 101, 70.5])("rejects a CPU target of %d percent", (target) => {
      expect(issueAt({ targetCpuUtilization: target }, "targetCpuUtilization")).toMatch(
        /percent, from 1 to 100/,
      );
    });

    it("rejects a memory target outside 1-100", () => {
      expect(issueAt({ targetMemoryUtilization: 150 }, "targetMemoryUtilization")).toMatch(
        /percent, from 1 to 100/,
      );
    });

    it("accepts the bounds", () => {
      expect(issues({ targetCpuUtilization: 1, targetMemoryUtilization: 100 })).toEqual([]);
    });

    it("checks custom metrics", () => {
      expect(issueAt({ customMetrics: [{ type: "Object", name: "x" }] }, "customMetrics[0].type")).toMatch(
        /use "Pods" or "External"/,
      );
      expect(
        issueAt(
          { customMetrics: [{ type: "Pods", name: "", targetAverageValue: "1" }] },
          "customMetrics[0].name",
        ),
      ).toMatch(/give the metric's name/);
      expect(
        issueAt(
          { customMetrics: [{ type: "Pods", name: "rps", targetAverageValue: "lots" }] },
          "customMetrics[0].targetAverageValue",
        ),
      ).toMatch(/not a Kubernetes quantity/);
      expect(issueAt({ customMetrics: [{ type: "External", name: "q" }] }, "customMetrics[0]")).toMatch(
        /exactly one of targetValue/,
      );
      expect(
        issueAt(
          { customMetrics: [{ type: "External", name: "q", targetValue: "1", targetAverageValue: "1" }] },
          "customMetrics[0]",
        ),
      ).toMatch(/exactly one/);
      expect(
        issueAt(
          { customMetrics: [{ type: "External", name: "q", targetValue: "-5" }] },
          "customMetrics[0].targetValue",
        ),
      ).toMatch(/not above zero/);
      expect(
        issueAt(
          {
            customMetrics: [{ type: "Pods", name: "rps", targetAverageValue: "1", selector: { "a b": "c" } }],
          },
          'customMetrics[0].selector["a b"]',
        ),
      ).toMatch(/not a label key/);
    });

    it("checks behaviour overrides", () => {
      const up = (rule: Record<string, unknown>) => ({ scalingBehavior: { scaleUp: rule } });
      expect(
        issueAt(
          up({ stabilizationWindowSeconds: 4000 }),
          "scalingBehavior.scaleUp.stabilizationWindowSeconds",
        ),
      ).toMatch(/from 0 to 3600/);
      expect(issueAt(up({ selectPolicy: "Any" }), "scalingBehavior.scaleUp.selectPolicy")).toMatch(
        /"Max", "Min", "Disabled"/,
      );
      expect(issueAt(up({ policies: [] }), "scalingBehavior.scaleUp.policies")).toMatch(
        /at least one policy/,
      );
      expect(
        issueAt(
          up({ policies: [{ type: "Nodes", value: 1, periodSeconds: 60 }] }),
          "scalingBehavior.scaleUp.policies[0].type",
        ),
      ).toMatch(/"Pods", "Percent"/);
      expect(
        issueAt(
          up({ policies: [{ type: "Pods", value: 0, periodSeconds: 60 }] }),
          "scalingBehavior.scaleUp.policies[0].value",
        ),
      ).toMatch(/1 or more/);
      expect(
        issueAt(
          {
            scalingBehavior: {
              scaleDown: { policies: [{ type: "Percent", value: 10, periodSeconds: 3600 }] },
            },
          },
          "scalingBehavior.scaleDown.policies[0].periodSeconds",
        ),
      ).toMatch(/from 1 to 1800/);
    });
  });

  describe("probes", () => {
    it("checks overrides", () => {
      expect(issueAt({ probes: { readiness: { path: "ready" } } }, "probes.readiness.path")).toMatch(
        /starting with "\/"/,
      );
      expect(issueAt({ probes: { liveness: { port: 70000 } } }, "probes.liveness.port")).toMatch(
        /from 1 to 65535/,
      );
      expect(issueAt({ probes: { startup: { periodSeconds: 0 } } }, "probes.startup.periodSeconds")).toMatch(
        /1 or more/,
      );
      expect(
        issueAt({ probes: { startup: { failureThreshold: 0 } } }, "probes.startup.failureThreshold"),
      ).toMatch(/1 or more/);
      expect(
        issueAt({ probes: { readiness: { timeoutSeconds: 0 } } }, "probes.readiness.timeoutSeconds"),
      ).toMatch(/1 or more/);
      expect(
        issueAt(
          { probes: { readiness: { initialDelaySeconds: -1 } } },
          "probes.readiness.initialDelaySeconds",
        ),
      ).toMatch(/0 or more/);
      expect(issueAt({ probes: { liveness: { enabled: "no" } } }, "probes.liveness.enabled")).toMatch(
        /use true or false/,
      );
    });

    it("requires successThreshold 1 for liveness and startup probes", () => {
      expect(
        issueAt({ probes: { liveness: { successThreshold: 2 } } }, "probes.liveness.successThreshold"),
      ).toMatch(/Kubernetes requires 1 for liveness probes/);
      expect(issues({ probes: { readiness: { successThreshold: 2 } } })).toEqual([]);
    });
  });

  describe("environment", () => {
    it("rejects a secret-looking name with a literal value, pointing at secretKeyRef", () => {
      const message = issueAt({ env: { DB_PASSWORD: "hunter2" } }, "env.DB_PASSWORD");
      expect(message).toMatch(/looks like a secret/);
      expect(message).toMatch(/secretKeyRef/);
      expect(issueAt({ env: { stripeApiKey: "sk_live_x" } }, "env.stripeApiKey")).toMatch(
        /looks like a secret/,
      );
    });

    it("rejects a credential-looking literal value under any name, pointing to secret config, never echoing it", () => {
      expect(issueAt({ env: { AWS_ID: "AKIAABCDEFGHIJKLMNOP" } }, "env.AWS_ID")).toMatch(
        /looks like an AWS access key id/,
      );
      const url = "postgres://app:" + "pa55word" + "@db:5432/app";
      const message = issueAt({ env: { DATABASE_URL: url } }, "env.DATABASE_URL");
      expect(message).toMatch(/looks like a connection string with a password/);
      expect(message).toContain("pulumi config set --secret");
      expect(message).not.toContain("pa55word");
      expect(issues({ env: { DATABASE_URL: "postgres://app:$(DB_PASSWORD)@db:5432/app" } })).toEqual([]);
    });

    it("accepts secrets by reference", () => {
      expect(issues({ env: { DB_PASSWORD: { secretKeyRef: { name: "db", key: "password" } } } })).toEqual([]);
    });

    it("rejects invalid names and references", () => {
      expect(issueAt({ env: { "1BAD": "x" } }, "env.1BAD")).toMatch(/not a valid variable name/);
      expect(
        issueAt({ env: { A: { secretKeyRef: { name: "DB", key: "password" } } } }, "env.A.secretKeyRef.name"),
      ).toMatch(/not a Secret name/);
      expect(
        issueAt(
          { env: { A: { configMapKeyRef: { name: "cfg", key: "a/b" } } } },
          "env.A.configMapKeyRef.key",
        ),
      ).toMatch(/not a ConfigMap key/);
      expect(issueAt({ env: { A: { value: "x" } } }, "env.A")).toMatch(/use a string, \{ configMapKeyRef/);
      expect(
        issueAt(
          { env: { A: { configMapKeyRef: { name: "a", key: "b" }, secretKeyRef: { name: "a", key: "b" } } } },
          "env.A",
        ),
      ).toMatch(/is not allowed/);
      expect(issueAt({ env: { A: 5 } }, "env.A")).toMatch(/5 is not allowed/);
    });

    it("checks envFrom entries", () => {
      expect(issueAt({ envFrom: [{ configMap: "a", secret: "b" }] }, "envFrom[0]")).toMatch(/one per entry/);
      expect(issueAt({ envFrom: [{ secret: "Bad_Name" }] }, "envFrom[0].secret")).toMatch(/not a valid name/);
      expect(issueAt({ envFrom: [{ configMap: "ok", prefix: "1X" }] }, "envFrom[0].prefix")).toMatch(
        /is not allowed/,
      );
    });
  });

  describe("pod settings", () => {
    it("rejects an IAM role ARN that is not one", () => {
      expect(
        issueAt({ serviceAccount: { roleArn: "arn:aws:iam::123:user/bob" } }, "serviceAccount.roleArn"),
      ).toMatch(/is not an IAM role ARN/);
    });

    it("rejects running as root", () => {
      expect(issueAt({ runAsUser: 0 }, "runAsUser")).toMatch(/0 is root, which runAsNonRoot forbids/);
      expect(issueAt({ runAsGroup: 0 }, "runAsGroup")).toMatch(/0 is root's group/);
    });

    it("rejects a local disk limit under its request, and accepts one equal to it", () => {
      expect(issueAt({ ephemeralStorage: { request: "2Gi", limit: "1Gi" } }, "ephemeralStorage.limit")).toBe(
        '"1Gi" is below the request "2Gi"; a limit must be at least the request',
      );
      expect(issues({ ephemeralStorage: { request: "1Gi", limit: "1024Mi" } })).toEqual([]);
      expect(issueAt({ ephemeralStorage: { limit: "lots" } }, "ephemeralStorage.limit")).toMatch(
        /is not a Kubernetes quantity/,
      );
    });

    it("rejects network policy peers and destinations Kubernetes would refuse, all at once", () => {
      const found = issues({
        networkPolicy: {
          allowFromNamespaces: ["Frontend"],
          egress: [
            { cidrs: ["10.0.0.0/33"], ports: [5432] },
            { cidrs: [], ports: [70000] },
          ],
        },
      });
      expect(found.map((i) => i.path).sort()).toEqual([
        "networkPolicy.allowFromNamespaces[0]",
        "networkPolicy.egress[0].cidrs[0]",
        "networkPolicy.egress[1].cidrs",
        "networkPolicy.egress[1].ports[0]",
      ]);
      expect(found.find((i) => i.path === "networkPolicy.egress[0].cidrs[0]")!.message).toBe(
        '"10.0.0.0/33" is not a CIDR block; use e.g. "10.0.32.0/20"',
      );
    });

    it("rejects a rollout that could never make progress", () => {
      expect(issueAt({ rollingUpdate: { maxSurge: 0 } }, "rollingUpdate")).toMatch(/both 0/);
      expect(issueAt({ rollingUpdate: { maxSurge: "0%", maxUnavailable: "0%" } }, "rollingUpdate")).toMatch(
        /both 0/,
      );
      expect(issueAt({ rollingUpdate: { maxSurge: "150%" } }, "rollingUpdate.maxSurge")).toMatch(
        /percentage such as "25%"/,
      );
      expect(issueAt({ rollingUpdate: { maxUnavailable: -1 } }, "rollingUpdate.maxUnavailable")).toMatch(
        /0 or more/,
      );
    });

    it("keeps the preStop pause inside the grace period", () => {
      expect(issueAt({ shutdown: { preStopSleepSeconds: 45 } }, "shutdown.preStopSleepSeconds")).toMatch(
        /45 is not below the grace period \(45 s\)/,
      );
      expect(
        issueAt({ shutdown: { terminationGracePeriodSeconds: 0 } }, "shutdown.terminationGracePeriodSeconds"),
      ).toMatch(/1 or more/);
    });

    it("checks the spread settings and booleans", () => {
      expect(issueAt({ topologySpread: { zones: "Never" } }, "topologySpread.zones")).toMatch(
        /"DoNotSchedule", "ScheduleAnyway"/,
      );
      expect(issueAt({ createNamespace: "yes" }, "createNamespace")).toMatch(/use true or false/);
      expect(issueAt({ automountServiceAccountToken: 1 }, "automountServiceAccountToken")).toMatch(
        /use true or false/,
      );
      expect(issueAt({ allowWritableRootFilesystem: "true" }, "allowWritableRootFilesystem")).toMatch(
        /use true or false/,
      );
    });
  });

  describe("disruption budget", () => {
    it("rejects a minAvailable that would block every eviction at minReplicas", () => {
      expect(
        issueAt({ minReplicas: 2, disruptionBudget: { minAvailable: 2 } }, "disruptionBudget.minAvailable"),
      ).toMatch(/2 is not below minReplicas \(2\).*use at most 1/);
      expect(issues({ minReplicas: 3, disruptionBudget: { minAvailable: 2 } })).toEqual([]);
    });

    it("rejects maxUnavailable 0 and both settings at once", () => {
      expect(issueAt({ disruptionBudget: { maxUnavailable: 0 } }, "disruptionBudget.maxUnavailable")).toMatch(
        /1 or more/,
      );
      expect(
        issueAt({ disruptionBudget: { maxUnavailable: 1, minAvailable: 1 } }, "disruptionBudget"),
      ).toMatch(/not both/);
    });
  });
});
