import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_ALARM_KEYS } from "../../../components/database";
import { Observability, type ObservabilityArgs } from "../../../components/observability";
import { kubernetesManifests } from "../../../infra/synth/manifests";
import { parseJsonInput, run, valueOf, type Registered, type SynthResource } from "../../support/harness";
import { promqlErrors } from "./promql";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const OIDC_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
const NATS = ["nat-0aaaaaaaaaaaaaaaa", "nat-0bbbbbbbbbbbbbbbb", "nat-0cccccccccccccccc"];

const args = (): ObservabilityArgs => ({
  profile: "production",
  tags: { team: "platform" },
  cluster: {
    name: pulumi.output("prod-eks"),
    oidcProviderArn: OIDC_ARN,
    oidcIssuerUrl: OIDC_ISSUER,
    nodeGroups: [
      { name: "general", autoscalingGroupName: "eks-general-1a2b", maxSize: 6 },
      { name: "spot", autoscalingGroupName: pulumi.output("eks-spot-3c4d"), maxSize: pulumi.output(12) },
    ],
  },
  database: { instanceIdentifier: pulumi.output("prod-db"), allocatedStorageGb: 100 },
  natGatewayIds: [NATS[0]!, pulumi.output(NATS[1]!), NATS[2]!],
  alertSubscriptions: [
    { protocol: "email", endpoint: "oncall@example.com" },
    {
      protocol: "https",
      endpoint: pulumi.secret("https://events.example.com/sns/token"),
      key: "incident-tool",
      topic: "page",
    },
  ],
  runbookBaseUrl: "https://runbooks.example.com/infra/",
  alertReceivers: {
    page: { pagerDutyRoutingKey: pulumi.secret("pd-routing-key") },
    ticket: {
      slackWebhookUrl: pulumi.secret("https://hooks.slack.example.com/x"),
      slackChannel: "#platform",
    },
    heartbeatUrl: pulumi.secret("https://hc-ping.example.com/heartbeat-token"),
  },
  slos: [
    {
      name: "checkout",
      service: "checkout",
      objective: 99.9,
      availability: {
        good: 'http_requests_total{job="checkout",code!~"5.."}',
        total: 'http_requests_total{job="checkout"}',
      },
      latency: { bucket: 'http_request_duration_seconds_bucket{job="checkout"}', thresholdSeconds: 0.5 },
    },
  ],
});

let registered: Registered;
let component: Observability;
let provider: k8s.Provider;

const T = {
  key: "aws:kms/key:Key",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  addon: "aws:eks/addon:Addon",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  release: "kubernetes:helm.sh/v3:Release",
  prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
  namespace: "kubernetes:core/v1:Namespace",
  k8sRole: "kubernetes:rbac.authorization.k8s.io/v1:Role",
};

beforeAll(async () => {
  registered = await run(() => {
    provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
    component = new Observability("prod-observability", args(), { providers: [provider] });
    return component;
  });
  alertTopicArn = await valueOf(component.alertTopicArn);
  pageTopicArn = await valueOf(component.pageTopicArn);
});

const named = (name: string) => registered.named(name);
let alertTopicArn = "";
let pageTopicArn = "";
const topicArn = () => alertTopicArn;
type Statement = {
  Sid: string;
  Principal: unknown;
  Action: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
const statement = (r: SynthResource, key: string, sid: string) =>
  parseJsonInput<{ Statement: Statement[] }>(r, key).Statement.find((s) => s.Sid === sid)!;

describe("Observability (production)", () => {
  it("registers as infra:index:Observability and parents every child to itself", async () => {
    const self = registered.one("infra:index:Observability");
    expect(self.name).toBe("prod-observability");
    const children = registered.resources.filter((r) => r.parent === self.urn);
    const count = (type: string) => children.filter((r) => r.type === type).length;
    expect(children).toHaveLength(26);
    expect(
      [
        T.key,
        T.topic,
        T.topicPolicy,
        T.subscription,
        T.logGroup,
        T.role,
        T.attachment,
        T.addon,
        T.alarm,
        T.dashboard,
        T.release,
        T.prometheusRule,
        "kubernetes:core/v1:ConfigMap",
        T.namespace,
        T.k8sRole,
      ].map(count),
    ).toEqual([2, 2, 2, 2, 4, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1]);
    for (const r of registered.resources) {
      if (r.type === "pulumi:pulumi:Stack" || r.type === "pulumi:providers:kubernetes" || r === self)
        continue;
      expect(r.parent, r.name).toBe(self.urn);
      expect(r.name.startsWith("prod-observability-"), r.name).toBe(true);
    }
    expect(await valueOf(component.urn)).toBe(self.urn);
  });

  it("tags every taggable AWS resource with the component tags", () => {
    const tagged = registered.resources.filter(
      (r) => r.type.startsWith("aws:") && r.type !== T.dashboard && "tags" in r.inputs,
    );
    expect(tagged).toHaveLength(12);
    for (const r of tagged) {
      expect(r.inputs.tags, r.name).toMatchObject({
        component: "observability",
        "managed-by": "pulumi",
        team: "platform",
        stack: "test",
      });
    }
    for (const type of [T.key, T.topic, T.logGroup, T.role, T.addon, T.alarm]) {
      for (const r of registered.ofType(type)) expect(r.inputs.tags, r.name).toBeDefined();
    }
  });

  describe("alert topics", () => {
    it("are a ticket and a page topic, encrypted with their own rotating customer key", () => {
      const key = named("prod-observability-alerts-key");
      expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
      const topics = registered.ofType(T.topic);
      expect(topics.map((t) => t.name)).toEqual(["prod-observability-alerts", "prod-observability-page"]);
      for (const topic of topics) {
        expect(topic.inputs.kmsMasterKeyId).toMatch(
          new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`),
        );
        expect(topic.inputs.kmsMasterKeyId).not.toBe(`alias/aws/sns`);
      }
    });

    it("has a key policy that lets this account's CloudWatch alarms encrypt notifications", () => {
      const s = statement(
        named("prod-observability-alerts-key"),
        "policy",
        "CloudWatchAlarmsEncryptNotifications",
      );
      expect(s.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
      expect(s.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
      expect(s.Condition).toEqual({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` },
      });
    });

    it("have a topic policy each for CloudWatch alarms and RDS events on the topic itself", () => {
      const policies = registered.ofType(T.topicPolicy);
      expect(policies.map((p) => p.inputs.arn)).toEqual([topicArn(), pageTopicArn]);
      for (const policy of policies) {
        const arn = policy.inputs.arn as string;
        expect(statement(policy, "policy", "CloudWatchAlarmsPublish")).toMatchObject({
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: arn,
        });
        expect(statement(policy, "policy", "RdsEventsPublish")).toMatchObject({
          Principal: { Service: "events.rds.amazonaws.com" },
          Resource: arn,
        });
        expect(statement(policy, "policy", "DenyPublishWithoutTls")).toBeDefined();
      }
    });

    it("subscribes each endpoint to its topic, keeping a secret endpoint secret", () => {
      const subs = registered.ofType(T.subscription);
      expect(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint, s.inputs.topic])).toEqual([
        ["email", "oncall@example.com", topicArn()],
        ["https", "[secret]", pageTopicArn],
      ]);
      expect(subs[0]!.name).toMatch(/^prod-observability-alerts-email-[0-9a-f]{10}$/);
      expect(subs[1]!.name).toBe("prod-observability-page-incident-tool");
      // The pager must confirm its subscription during the deployment, or the deployment fails.
      expect(subs[1]!.inputs.endpointAutoConfirms).toBe(true);
      expect(subs[0]!.inputs.endpointAutoConfirms).toBeUndefined();
      expect(subs.map((s) => s.urn).join()).not.toContain("oncall");
    });
  });

  describe("Container Insights", () => {
    it("creates the agent's log groups up front with 90 days retention and the logs key", () => {
      const groups = registered.ofType(T.logGroup);
      expect(groups.map((g) => g.inputs.name)).toEqual([
        "/aws/containerinsights/prod-eks/application",
        "/aws/containerinsights/prod-eks/dataplane",
        "/aws/containerinsights/prod-eks/host",
        "/aws/containerinsights/prod-eks/performance",
      ]);
      const logsKey = named("prod-observability-logs-key");
      expect(logsKey.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
      for (const g of groups) {
        expect(g.inputs.retentionInDays).toBe(90);
        expect(g.inputs.kmsKeyId).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/`));
        expect(g.inputs.kmsKeyId).not.toBe(named("prod-observability-alerts").inputs.kmsMasterKeyId);
      }
    });

    it("lets CloudWatch Logs use the logs key only for this cluster's Container Insights log groups", () => {
      const s = statement(named("prod-observability-logs-key"), "policy", "CloudWatchLogsEncryptLogGroups");
      expect(s.Principal).toEqual({ Service: `logs.${REGION}.amazonaws.com` });
      expect(s.Condition).toEqual({
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": [
            `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/containerinsights/prod-eks/*`,
          ],
        },
      });
    });

    it("gives the agent an IRSA role only amazon-cloudwatch/cloudwatch-agent can assume", () => {
      const trust = parseJsonInput(registered.one(T.role), "assumeRolePolicy");
      expect(trust.Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Federated: OIDC_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub":
                "system:serviceaccount:amazon-cloudwatch:cloudwatch-agent",
              "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud": "sts.amazonaws.com",
            },
          },
        },
      ]);
      expect(registered.ofType(T.attachment).map((a) => a.inputs.policyArn)).toEqual([
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
      ]);
    });

    it("installs the amazon-cloudwatch-observability add-on with that role, after its log groups", () => {
      const addon = registered.one(T.addon);
      expect(addon.name).toBe("prod-observability-amazon-cloudwatch-observability");
      expect(addon.inputs).toMatchObject({
        clusterName: "prod-eks",
        addonName: "amazon-cloudwatch-observability",
        resolveConflictsOnCreate: "OVERWRITE",
      });
      expect(addon.inputs.serviceAccountRoleArn).toMatch(
        new RegExp(`^arn:aws:iam::${ACCOUNT}:role/prod-observability-cloudwatch-agent-[0-9a-f]{7}$`),
      );
      const waitsFor = registered
        .ofType(T.logGroup)
        .concat(registered.ofType(T.attachment))
        .map((r) => r.urn);
      expect(addon.options.dependsOn).toEqual(expect.arrayContaining(waitsFor));
    });
  });

  describe("alarms", () => {
    it("notify the topic of their severity when they fire and when they clear, and link a runbook", () => {
      const alarms = registered.ofType(T.alarm);
      expect(alarms).toHaveLength(2);
      for (const alarm of alarms) {
        // NAT port exhaustion breaks every outbound call: it pages; the rest are tickets.
        const topic = alarm.name === "prod-observability-nat-port-allocation" ? pageTopicArn : topicArn();
        expect(alarm.inputs.alarmActions, alarm.name).toEqual([topic]);
        expect(alarm.inputs.okActions, alarm.name).toEqual([topic]);
        expect(alarm.inputs.alarmDescription).toMatch(
          /Runbook: https:\/\/runbooks\.example\.com\/infra\/[a-z-]+$/,
        );
      }
    });

    it("open a ticket when over 5 % of the EKS API server's requests fail for 15 minutes", () => {
      const alarm = named("prod-observability-api-server-errors");
      expect(alarm.inputs).toMatchObject({
        comparisonOperator: "GreaterThanThreshold",
        threshold: 5,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
        metricQueries: [
          {
            id: "errors",
            returnData: false,
            metric: {
              namespace: "AWS/EKS",
              metricName: "apiserver_request_total_5XX",
              dimensions: { ClusterName: "prod-eks" },
              stat: "Sum",
            },
          },
          { id: "total", metric: { namespace: "AWS/EKS", metricName: "apiserver_request_total" } },
          { id: "errorPercent", returnData: true, expression: "IF(total > 0, 100 * errors / total, 0)" },
        ],
      });
      expect(alarm.inputs.alarmDescription).toMatch(/eks-api-server-errors$/);
    });

    it("watch port allocation errors of every NAT gateway in one alarm", () => {
      const alarm = named("prod-observability-nat-port-allocation");
      expect(alarm.inputs).toMatchObject({
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: "notBreaching",
      });
      const queries = alarm.inputs.metricQueries as {
        id: string;
        expression?: string;
        returnData: boolean;
        metric?: { metricName: string; namespace: string; dimensions: Record<string, string>; stat: string };
      }[];
      expect(
        queries
          .filter((q) => q.metric)
          .map((q) => [
            q.metric!.namespace,
            q.metric!.metricName,
            q.metric!.dimensions.NatGatewayId,
            q.metric!.stat,
          ]),
      ).toEqual(NATS.map((id) => ["AWS/NATGateway", "ErrorPortAllocation", id, "Sum"]));
      expect(queries.find((q) => q.returnData)).toMatchObject({ id: "errors", expression: "SUM(METRICS())" });
      expect(alarm.inputs.alarmDescription).toContain(
        "https://runbooks.example.com/infra/nat-port-allocation-errors",
      );
    });

    it("leave node groups alone: the fixed-size system group never scales, Karpenter alerts on pending capacity", () => {
      expect(registered.ofType(T.alarm).filter((a) => a.name.includes("node-group"))).toEqual([]);
    });
  });

  it("builds the dashboard from the real cluster, database, NAT gateways and alarms", async () => {
    const dashboard = registered.one(T.dashboard);
    expect(dashboard.inputs.dashboardName).toBe("prod-observability");
    const body = parseJsonInput<{
      widgets: { type: string; properties: { metrics?: string[][]; alarms?: string[] } }[];
    }>(dashboard, "dashboardBody");
    const metrics = body.widgets.flatMap((w) => w.properties.metrics ?? []);
    expect(metrics).toContainEqual([
      "ContainerInsights",
      "node_cpu_utilization",
      "ClusterName",
      "prod-eks",
      { stat: "Maximum", label: "busiest node" },
    ]);
    expect(metrics).toContainEqual(["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "prod-db"]);
    for (const id of NATS)
      expect(metrics.some((m) => m[1] === "ErrorPortAllocation" && m[3] === id)).toBe(true);
    // The platform's alarms and the database's six, named from its identifier (created later).
    const shown = body.widgets.find((w) => w.type === "alarm")!.properties.alarms!;
    expect(shown.slice(0, 2)).toEqual(await valueOf(component.alarmArns));
    // No instance class given: not known to be burstable, so no CPU credit alarm.
    expect(shown.slice(2)).toEqual(
      POSTGRES_ALARM_KEYS.filter((key) => key !== "cpu-credits-low").map(
        (key) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:prod-db-${key}`,
      ),
    );
  });

  it("gives Grafana's sidecar a dashboard of the SLO services' golden signals", () => {
    const map = registered.one("kubernetes:core/v1:ConfigMap");
    expect(map.inputs.metadata).toMatchObject({
      name: "prod-observability-slo-dashboard",
      namespace: "monitoring",
      labels: { grafana_dashboard: "1" },
    });
    const dashboard = JSON.parse((map.inputs.data as Record<string, string>)["service-slos.json"]!) as {
      panels: { title: string }[];
    };
    expect(dashboard.panels.map((p) => p.title)).toContain("checkout · error budget left (99.9% over 30d)");
  });

  describe("kube-prometheus-stack", () => {
    it("installs the pinned chart from prometheus-community into monitoring, through the given provider", async () => {
      const release = registered.one(T.release);
      expect(release.inputs).toMatchObject({
        name: "kube-prometheus-stack",
        chart: "kube-prometheus-stack",
        version: "88.2.0",
        repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
        namespace: "monitoring",
        createNamespace: false,
        atomic: true,
      });
      expect(release.provider).toBe(await valueOf(provider.urn));
    });

    it("installs into namespaces it labels itself: monitoring restricted, node-exporter's privileged", async () => {
      const monitoring = registered.named("prod-observability-monitoring-namespace");
      const nodeExporter = registered.named("prod-observability-node-exporter-namespace");
      const labels = (r: SynthResource) => (r.inputs.metadata as { labels: Record<string, string> }).labels;
      expect(monitoring.inputs.metadata).toMatchObject({ name: "monitoring" });
      expect(labels(monitoring)).toMatchObject({
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      });
      expect(nodeExporter.inputs.metadata).toMatchObject({ name: "monitoring-node-exporter" });
      expect(labels(nodeExporter)["pod-security.kubernetes.io/enforce"]).toBe("privileged");
      for (const r of [monitoring, nodeExporter]) expect(r.provider).toBe(await valueOf(provider.urn));
      // Helm must not create or adopt the namespace: the release waits for both, and for Grafana's Role.
      const role = registered.named("prod-observability-grafana-sidecar-role");
      expect(role.inputs).toMatchObject({
        metadata: { name: "kube-prometheus-stack-grafana-sidecar", namespace: "monitoring" },
        rules: [{ apiGroups: [""], resources: ["configmaps"] }],
      });
      expect(registered.one(T.release).options.dependsOn).toEqual(
        expect.arrayContaining([monitoring.urn, nodeExporter.urn, role.urn]),
      );
    });

    it("keeps the Helm values secret because they carry receiver credentials", () => {
      expect(registered.one(T.release).inputs.values).toBe("[secret]");
      expect(JSON.stringify(registered.resources)).not.toMatch(/pd-routing-key|hooks\.slack|heartbeat-token/);
    });
  });

  describe("SLO rules", () => {
    const rule = () => registered.one(T.prometheusRule, "prod-observability-slo-rules");

    it("registers a PrometheusRule after the release that installs its CRD", async () => {
      expect(rule().name).toBe("prod-observability-slo-rules");
      expect(rule().inputs).toMatchObject({
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "prod-observability-slos", namespace: "monitoring" },
      });
      expect(rule().options.dependsOn).toEqual([registered.one(T.release).urn]);
      expect(rule().provider).toBe(await valueOf(provider.urn));
      // Prometheus evaluates only rules labelled for its release (its ruleSelector).
      expect((rule().inputs.metadata as { labels: Record<string, string> }).labels).toMatchObject({
        release: "kube-prometheus-stack",
      });
    });

    it("holds burn-rate alerts for both SLIs with runbooks under the base URL, all valid PromQL", () => {
      const groups = (
        rule().inputs.spec as {
          groups: {
            name: string;
            rules: {
              expr: string;
              alert?: string;
              labels: Record<string, string>;
              annotations?: Record<string, string>;
            }[];
          }[];
        }
      ).groups;
      expect(groups.map((g) => g.name)).toEqual(["slo-checkout-recordings", "slo-checkout-alerts"]);
      const alerts = groups[1]!.rules.filter((r) => r.alert === "SLOErrorBudgetBurn");
      expect(alerts).toHaveLength(8);
      expect(alerts[0]!.expr).toContain("> 0.0144 and");
      expect(alerts[0]!.annotations!.runbook_url).toBe(
        "https://runbooks.example.com/infra/slo-error-budget-burn",
      );
      const absent = groups[1]!.rules.filter((r) => r.alert === "SLOMetricAbsent");
      expect(absent.map((r) => r.labels.sli)).toEqual(["availability", "latency"]);
      expect(absent[0]!.annotations!.runbook_url).toBe(
        "https://runbooks.example.com/infra/slo-metric-absent",
      );
      expect(groups[0]!.rules.some((r) => r.expr.includes('le="0.5"'))).toBe(true);
      for (const r of groups.flatMap((g) => g.rules)) expect(promqlErrors(r.expr), r.expr).toEqual([]);
    });

    it("is written out as a manifest by synth", () => {
      const manifests = kubernetesManifests(registered.resources);
      expect(manifests.map((m) => m.file).sort()).toEqual([
        "configmap-prod-observability-slo-dashboard.yaml",
        "namespace-prod-observability-monitoring-namespace.yaml",
        "namespace-prod-observability-node-exporter-namespace.yaml",
        "prometheusrule-prod-observability-platform-rules.yaml",
        "prometheusrule-prod-observability-slo-rules.yaml",
        "role-prod-observability-grafana-sidecar-role.yaml",
      ]);
      const rules = manifests.find((m) => m.file.endsWith("-slo-rules.yaml"))!;
      expect(rules.yaml).toMatch(/^apiVersion: monitoring\.coreos\.com\/v1\nkind: PrometheusRule\n/);
    });
  });

  it("exposes every output", async () => {
    expect(await valueOf(component.alertTopicArn)).toMatch(
      new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:prod-observability-alerts-[0-9a-f]{7}$`),
    );
    expect(await valueOf(component.alertTopicKeyArn)).toBe(
      named("prod-observability-alerts").inputs.kmsMasterKeyId,
    );
    expect(await valueOf(component.pageTopicArn)).toMatch(
      new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:prod-observability-page-[0-9a-f]{7}$`),
    );
    expect(await valueOf(component.logRetentionDays)).toBe(90);
    expect(await valueOf(component.logGroupNames)).toEqual(
      registered.ofType(T.logGroup).map((g) => g.inputs.name),
    );
    expect(await valueOf(component.logsKmsKeyArn)).toBe(registered.ofType(T.logGroup)[0]!.inputs.kmsKeyId);
    expect(await valueOf(component.containerInsightsRoleArn)).toBe(
      registered.one(T.addon).inputs.serviceAccountRoleArn,
    );
    expect(await valueOf(component.dashboardName)).toBe("prod-observability");
    expect(await valueOf(component.dashboardArn)).toBe(
      `arn:aws:cloudwatch::${ACCOUNT}:dashboard/prod-observability`,
    );
    const alarmArns = await valueOf(component.alarmArns);
    expect(alarmArns).toHaveLength(2);
    for (const arn of alarmArns)
      expect(arn).toMatch(new RegExp(`^arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:prod-observability-`));
    expect(await valueOf(component.monitoringNamespace)).toBe("monitoring");
    expect(await valueOf(component.sloRuleName)).toBe("prod-observability-slos");
  });
});
