import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { Observability } from "../../../components/observability";
import { parseJsonInput, run, valueOf, type Registered } from "../../support/harness";

const cluster = {
  name: "dev-eks",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  nodeGroups: [{ name: "general", autoscalingGroupName: "eks-general", maxSize: 3 }],
};

describe("Observability (development, provider passed as `provider`)", () => {
  let registered: Registered;
  let component: Observability;
  let provider: k8s.Provider;

  beforeAll(async () => {
    registered = await run(() => {
      provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
      component = new Observability("dev-observability", { profile: "development", cluster }, { provider });
      return component;
    });
  });

  it("keeps development logs 7 days, still encrypted, with a short key deletion window", () => {
    const groups = registered.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(groups).toHaveLength(4);
    for (const g of groups) {
      expect(g.inputs.retentionInDays).toBe(7);
      expect(g.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
    }
    for (const key of registered.ofType("aws:kms/key:Key")) {
      expect(key.inputs).toMatchObject({ deletionWindowInDays: 7, enableKeyRotation: true });
    }
    const topics = registered.ofType("aws:sns/topic:Topic");
    expect(topics.map((t) => t.name)).toEqual(["dev-observability-alerts", "dev-observability-page"]);
    for (const topic of topics) expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:/);
  });

  it("installs kube-prometheus-stack with development sizing, values in the clear when no secret is involved", async () => {
    const release = registered.one("kubernetes:helm.sh/v3:Release");
    const values = release.inputs.values as any;
    expect(values.prometheus.prometheusSpec).toMatchObject({
      retention: "3d",
      storageSpec: { emptyDir: { sizeLimit: "10Gi" } },
      serviceMonitorSelectorNilUsesHelmValues: false,
    });
    expect(values.alertmanager.alertmanagerSpec.replicas).toBe(1);
    expect(values.alertmanager.config.receivers).toEqual([
      { name: "null" },
      { name: "page" },
      { name: "ticket" },
      { name: "heartbeat" },
    ]);
    expect(values.kubeEtcd).toEqual({ enabled: false });
    expect(release.provider).toBe(await valueOf(provider.urn));
  });

  it("registers only the platform PrometheusRule without SLOs, and without NAT gateways only the API server alarm (none for node groups: nothing scales them)", async () => {
    expect(
      registered.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").map((r) => r.name),
    ).toEqual(["dev-observability-platform-rules"]);
    expect(registered.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name)).toEqual([
      "dev-observability-api-server-errors",
    ]);
    expect(await valueOf(component.sloRuleName)).toBeUndefined();
    expect(await valueOf(component.logRetentionDays)).toBe(7);
    expect(await valueOf(component.monitoringNamespace)).toBe("monitoring");
    expect(await valueOf(component.logGroupNames)).toHaveLength(4);
  });

  it("uses the default runbook base URL", () => {
    const alarm = registered.one(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "dev-observability-api-server-errors",
    );
    expect(alarm.inputs.alarmDescription).toMatch(
      /Runbook: https:\/\/runbooks\.platform\.internal\/infra\/eks-api-server-errors$/,
    );
  });
});

/** The https pager production needs on the page topic. */
const PAGER = {
  protocol: "https" as const,
  topic: "page" as const,
  key: "pagerduty",
  endpoint: pulumi.secret("https://events.pagerduty.com/integration/0123/enqueue"),
};

describe("Observability with the platform's logs key", () => {
  const LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  let registered: Registered;
  let component: Observability;

  beforeAll(async () => {
    registered = await run(() => {
      component = new Observability("shared-key", {
        profile: "production",
        cluster,
        logsKmsKeyArn: LOGS_KEY,
        prometheus: { enabled: false },
        alertSubscriptions: [PAGER],
      });
      return component;
    });
  });

  it("encrypts every Container Insights log group with the key given", () => {
    const groups = registered.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(g.inputs.kmsKeyId).toBe(LOGS_KEY);
  });

  it("creates no logs key of its own, only the alert topic's", () => {
    expect(registered.ofType("aws:kms/key:Key").map((k) => k.name)).toEqual(["shared-key-alerts-key"]);
  });

  it("reports the key given as the logs key", async () => {
    expect(await valueOf(component.logsKmsKeyArn)).toBe(LOGS_KEY);
  });
});

describe("Observability without a cluster or Kubernetes", () => {
  let registered: Registered;
  let component: Observability;

  beforeAll(async () => {
    registered = await run(() => {
      component = new Observability("lean", {
        profile: "production",
        logRetentionDays: 365,
        dashboardName: "lean-dashboard",
        prometheus: { enabled: false },
        alertSubscriptions: [{ protocol: "email", endpoint: "ops@example.com" }, PAGER],
      });
      return component;
    });
  });

  it("creates only the encrypted alert topics, their subscriptions and the dashboard", () => {
    expect(
      registered.resources
        .filter((r) => r.custom)
        .map((r) => r.type)
        .sort(),
    ).toEqual([
      "aws:cloudwatch/dashboard:Dashboard",
      "aws:kms/key:Key",
      "aws:sns/topic:Topic",
      "aws:sns/topic:Topic",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:sns/topicSubscription:TopicSubscription",
      "aws:sns/topicSubscription:TopicSubscription",
    ]);
    const body = parseJsonInput<{ widgets: { type: string }[] }>(
      registered.one("aws:cloudwatch/dashboard:Dashboard"),
      "dashboardBody",
    );
    expect(body.widgets.map((w) => w.type)).toEqual(["text"]);
  });

  it("reports the outputs of the parts it did not create as empty", async () => {
    expect(await valueOf(component.logRetentionDays)).toBe(365);
    expect(await valueOf(component.logGroupNames)).toEqual([]);
    expect(await valueOf(component.logsKmsKeyArn)).toBeUndefined();
    expect(await valueOf(component.containerInsightsRoleArn)).toBeUndefined();
    expect(await valueOf(component.alarmArns)).toEqual([]);
    expect(await valueOf(component.monitoringNamespace)).toBeUndefined();
    expect(await valueOf(component.sloRuleName)).toBeUndefined();
    expect(await valueOf(component.dashboardName)).toBe("lean-dashboard");
  });
});

describe("Observability with Container Insights switched off", () => {
  let registered: Registered;

  beforeAll(async () => {
    registered = await run(
      () =>
        new Observability("quiet.v2", {
          profile: "development",
          cluster,
          containerInsights: { enabled: false },
          prometheus: { enabled: false },
        }),
    );
  });

  it("derives a valid dashboard name from a component name CloudWatch would reject", () => {
    expect(registered.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardName).toBe("quiet-v2");
  });

  it("installs no add-on, role or log groups, but still alarms on the API server", () => {
    expect(registered.ofType("aws:eks/addon:Addon")).toEqual([]);
    expect(registered.ofType("aws:iam/role:Role")).toEqual([]);
    expect(registered.ofType("aws:cloudwatch/logGroup:LogGroup")).toEqual([]);
    expect(registered.ofType("aws:kms/key:Key")).toHaveLength(1);
    expect(registered.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name)).toEqual([
      "quiet.v2-api-server-errors",
    ]);
  });
});

describe("Observability validation at construction", () => {
  it("requires a Kubernetes provider while Prometheus is on", async () => {
    await expect(run(() => new Observability("o", { profile: "development" }))).rejects.toThrow(
      /Observability "o": 1 problem\n {2}- prometheus\.enabled: is on but no Kubernetes provider was given/,
    );
  });

  it("reports every problem at once and creates no child resource", async () => {
    let error: unknown;
    const registered = await run(() => {
      try {
        new Observability("bad", {
          logRetentionDays: 42,
          prometheus: { enabled: false },
          alertSubscriptions: [{ protocol: "sms" as never, endpoint: "+4900000" }],
          slos: [
            { name: "api", service: "api", objective: 100, availability: { good: "a", total: "b" } },
            { name: "api", service: "api", objective: 99.9, availability: { good: "a" } as never },
          ],
        });
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    const issues = (error as InfraValidationError).issues.map((i) => i.path);
    // All at once; their order follows the argument definition.
    expect([...issues].sort()).toEqual(
      [
        "logRetentionDays",
        "alertSubscriptions",
        "alertSubscriptions[0].protocol",
        "slos",
        "slos[0].objective",
        "slos[1].name",
        "slos[1].availability.total",
      ].sort(),
    );
    expect((error as Error).message).toMatch(/^Observability "bad": 7 problems\n/);
    expect(registered.resources.filter((r) => r.parent?.includes("infra:index:Observability"))).toEqual([]);
  });
});
