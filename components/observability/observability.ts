import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, componentType, resolveKeyAccess, withLegacyType } from "../core";
import { createPlatformAlarms } from "./alarms";
import { createAlertTopics } from "./alert-topic";
import { OBSERVABILITY_ARGS, type ObservabilityArgs, type ObservedCluster } from "./args";
import { createContainerInsights } from "./container-insights-resources";
import { postgresAlarmKeys, postgresAlarmName } from "../database/alarms";
import { CLUSTER_ARGS } from "../cluster/args";
import { CLOUDWATCH_OBSERVABILITY_ADDON_VERSIONS, isKubernetesVersion } from "../cluster/versions";
import { platformDashboardBody } from "./dashboard";
import { OBSERVABILITY_DEFAULTS } from "./defaults";
import { createInCluster } from "./prometheus-resources";
import { awsScope } from "./scope";

/** Type token of the component. */
export const OBSERVABILITY_TYPE = componentType("Observability");

/**
 * Alerting, dashboards and metrics for one environment: an encrypted SNS alert topic with its
 * subscriptions, alarms on NAT port exhaustion and node groups at their maximum, a CloudWatch
 * dashboard of the real cluster, database and NAT gateways, Container Insights, and in the cluster
 * kube-prometheus-stack with SLO burn-rate alerting.
 *
 * The Kubernetes provider for the in-cluster part comes through the resource options
 * (`providers: [k8sProvider]`); without one, set `prometheus.enabled: false`.
 */
export class Observability extends pulumi.ComponentResource {
  /** ARN of the ticket SNS topic: alarms of severity ticket (this component's, the database's) and RDS maintenance events. */
  public readonly alertTopicArn: pulumi.Output<string>;
  /** ARN of the page SNS topic: alarms of severity page and RDS failover, failure and low-storage events. */
  public readonly pageTopicArn: pulumi.Output<string>;
  /** ARN of the customer key encrypting both alert topics. */
  public readonly alertTopicKeyArn: pulumi.Output<string>;
  /** Retention of the component's log groups, in days (the value other components should use too). */
  public readonly logRetentionDays: pulumi.Output<number>;
  /** Names of the log groups the component created (Container Insights), empty when it is off. */
  public readonly logGroupNames: pulumi.Output<string[]>;
  /**
   * ARN of the key encrypting those log groups (`logsKmsKeyArn` when given, else the component's own);
   * undefined when Container Insights is off.
   */
  public readonly logsKmsKeyArn: pulumi.Output<string | undefined>;
  /** @deprecated The old name of `logsKmsKeyArn`, the argument's name; removed in 2.0.0. */
  get logsKeyArn(): pulumi.Output<string | undefined> {
    return this.logsKmsKeyArn;
  }
  /** ARN of the Container Insights agent's IAM role; undefined when Container Insights is off. */
  public readonly containerInsightsRoleArn: pulumi.Output<string | undefined>;
  public readonly dashboardName: pulumi.Output<string>;
  public readonly dashboardArn: pulumi.Output<string>;
  /** ARNs of the component's CloudWatch alarms. */
  public readonly alarmArns: pulumi.Output<string[]>;
  /** Namespace of kube-prometheus-stack; undefined when Prometheus is off. */
  public readonly monitoringNamespace: pulumi.Output<string | undefined>;
  /** Name of the PrometheusRule holding the SLO rules; undefined without SLOs. */
  public readonly sloRuleName: pulumi.Output<string | undefined>;
  /**
   * The kube-prometheus-stack release, which installs the Prometheus Operator CRDs (ServiceMonitor,
   * PrometheusRule); undefined when Prometheus is off. Whatever needs those CRDs should depend on
   * this, not on the whole component: that would also wait for its alarms, dashboard and topic.
   */
  public readonly monitoringCrds: pulumi.Resource | undefined;

  constructor(name: string, rawArgs: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(OBSERVABILITY_TYPE, name, {}, withLegacyType("infra:observability:Observability", opts));
    // The Kubernetes provider comes with the options, so validation waits for the component to exist.
    const args = OBSERVABILITY_ARGS.parse(rawArgs, name, {
      hasKubernetesProvider: this.getProvider("kubernetes:helm.sh/v3:Release") !== undefined,
    });
    const prometheusEnabled = args.prometheus.enabled;

    const defaults = OBSERVABILITY_DEFAULTS[args.profile];
    const tags = componentTags("observability", args.tags);
    const runbookBaseUrl = args.runbookBaseUrl.replace(/\/+$/, "");
    const logRetentionDays = args.logRetentionDays;
    const scope = awsScope(this);

    const alerting = createAlertTopics(
      name,
      {
        scope,
        subscriptions: args.alertSubscriptions,
        kmsDeletionWindowDays: defaults.kmsDeletionWindowDays,
        keyAccess: resolveKeyAccess(args.kmsKeyAccess),
        protectKey: args.kmsKeyAccess.protect,
        tags,
      },
      this,
    );

    const insights =
      args.cluster && (args.containerInsights?.enabled ?? true)
        ? createContainerInsights(
            name,
            {
              cluster: args.cluster,
              scope,
              addonVersion: args.containerInsights?.addonVersion ?? pinnedInsightsVersion(args.cluster),
              logRetentionDays,
              logsKmsKeyArn: args.logsKmsKeyArn,
              kmsDeletionWindowDays: defaults.kmsDeletionWindowDays,
              keyAccess: resolveKeyAccess(args.kmsKeyAccess),
              protectKey: args.kmsKeyAccess.protect,
              tags,
            },
            this,
          )
        : undefined;

    const alarms = createPlatformAlarms(
      name,
      {
        topicArns: { page: alerting.topics.page.arn, ticket: alerting.topics.ticket.arn },
        runbookBaseUrl,
        clusterName: args.cluster?.name,
        natGatewayIds: args.natGatewayIds,
        tags,
      },
      this,
    );
    const alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));

    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        // CloudWatch allows only letters, digits, "-" and "_" in dashboard names; Pulumi names allow more.
        dashboardName: args.dashboardName ?? name.replace(/[^A-Za-z0-9_-]/g, "-"),
        dashboardBody: pulumi
          .all([
            scope,
            args.cluster ? pulumi.output(args.cluster.name) : undefined,
            pulumi.output(args.cluster?.nodeGroups ?? []),
            args.database ? pulumi.output(args.database) : undefined,
            pulumi.output(args.natGatewayIds),
            alarmArns,
          ])
          .apply(([s, clusterName, nodeGroups, database, natGatewayIds, arns]) =>
            platformDashboardBody({
              region: s.region,
              title: `${pulumi.getStack()} platform`,
              cluster: clusterName === undefined ? undefined : { name: clusterName, nodeGroups },
              database,
              natGatewayIds,
              // The database is created after this component; its alarms have fixed names.
              alarmArns: [
                ...arns,
                ...(database
                  ? // The Postgres component always autoscales storage (its ceiling must be 10% above the allocation).
                    postgresAlarmKeys(database.instanceClass ?? "", true).map(
                      (key) =>
                        `arn:${s.partition}:cloudwatch:${s.region}:${s.accountId}:alarm:${postgresAlarmName(database.instanceIdentifier, key)}`,
                    )
                  : []),
              ],
            }),
          ),
      },
      { parent: this },
    );

    const inCluster = prometheusEnabled
      ? createInCluster(
          name,
          {
            prometheus: args.prometheus,
            defaults,
            receivers: args.alertReceivers,
            silencedAlerts: args.silencedAlerts,
            slos: args.slos,
            runbookBaseUrl,
            dependsOn: opts?.dependsOn,
          },
          this,
        )
      : undefined;

    this.alertTopicArn = alerting.topics.ticket.arn;
    this.pageTopicArn = alerting.topics.page.arn;
    this.alertTopicKeyArn = alerting.key.arn;
    this.logRetentionDays = pulumi.output(logRetentionDays);
    this.logGroupNames = pulumi.all((insights?.logGroups ?? []).map((group) => group.name));
    this.logsKmsKeyArn = insights ? insights.logsKmsKeyArn : pulumi.output(undefined);
    this.containerInsightsRoleArn = insights ? insights.role.arn : pulumi.output(undefined);
    this.dashboardName = dashboard.dashboardName;
    this.dashboardArn = dashboard.dashboardArn;
    this.alarmArns = alarmArns;
    this.monitoringNamespace = inCluster ? inCluster.release.namespace : pulumi.output(undefined);
    this.sloRuleName = pulumi.output(inCluster?.sloRuleName);
    this.monitoringCrds = inCluster?.release;
    this.registerOutputs({
      alertTopicArn: this.alertTopicArn,
      pageTopicArn: this.pageTopicArn,
      alertTopicKeyArn: this.alertTopicKeyArn,
      logRetentionDays: this.logRetentionDays,
      logGroupNames: this.logGroupNames,
      logsKmsKeyArn: this.logsKmsKeyArn,
      containerInsightsRoleArn: this.containerInsightsRoleArn,
      dashboardName: this.dashboardName,
      dashboardArn: this.dashboardArn,
      alarmArns: this.alarmArns,
      monitoringNamespace: this.monitoringNamespace,
      sloRuleName: this.sloRuleName,
    });
  }
}

/** The Container Insights build pinned for the cluster's Kubernetes version (validation rejects an unknown one). */
function pinnedInsightsVersion(cluster: ObservedCluster): string | undefined {
  const version = cluster.kubernetesVersion ?? CLUSTER_ARGS.defaults("production").version;
  return isKubernetesVersion(version) ? CLOUDWATCH_OBSERVABILITY_ADDON_VERSIONS[version] : undefined;
}
