import * as pulumi from "@pulumi/pulumi";
import type { ClusterArgs } from "../components/cluster";
import type { PostgresArgs } from "../components/database";
import type { DeployRunnerArgs, RolloutsControllerArgs } from "../components/delivery";
import type { NetworkArgs } from "../components/network";
import type {
  AlertReceiver,
  LogsKeyArgs,
  ObservabilityArgs,
  ObservedCluster,
} from "../components/observability";
import type { AnalysisSelectorsArgs, AutoscaledServiceArgs } from "../components/workload";
import { SERVICE_DEFAULTS } from "../components/workload/defaults";
import { resolveProbes } from "../components/workload/probes";
import type { EnvironmentConfig } from "./config";
import { deployRunnerProjectName } from "./delivery";

/**
 * Turns the environment's config into each component's args. Cross-component values (ids, ARNs)
 * come in through `deps`; the same builders run once with placeholders to validate everything
 * before any resource exists, then with the real outputs.
 */

/** Logical and physical names of the environment's components. */
export function componentNames(config: Pick<EnvironmentConfig, "environment">) {
  const env = config.environment;
  return {
    network: env,
    cluster: env,
    /** The EKS cluster's own name, shown in the console and in kubeconfigs. */
    eksCluster: `infra-${env}`,
    database: `${env}-db`,
    /**
     * A fixed identifier, so the dashboard and alarms can name the instance before it exists (the
     * alert topic the database alarms on is created first). It is also the instance's DNS name.
     */
    databaseIdentifier: `infra-${env}-postgres`,
    observability: env,
    logsKey: `${env}-logs`,
    deployRunner: `${env}-deploy-runner`,
    rolloutsController: `${env}-rollouts`,
  };
}

/** The one customer KMS key every platform log group is encrypted with. */
export function logsKeyArgs(config: EnvironmentConfig): LogsKeyArgs {
  return {
    profile: config.profile,
    aliasName: `alias/infra-${config.environment}/logs`,
    kmsKeyAccess: config.keys,
    tags: config.tags,
  };
}

export function networkArgs(
  config: EnvironmentConfig,
  zones: readonly string[],
  logsKmsKeyArn?: pulumi.Input<string>,
): NetworkArgs {
  return {
    logsKmsKeyArn,
    profile: config.profile,
    cidrBlock: config.network.cidrBlock,
    availabilityZones: [...zones],
    natGateways: config.network.natGateways,
    clusterName: componentNames(config).eksCluster,
    interfaceEndpoints: config.network.interfaceEndpoints,
    flowLogRetentionDays: config.observability.logRetentionDays,
    tags: config.tags,
  };
}

export interface ClusterDeps {
  readonly vpcId: pulumi.Input<string>;
  readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** The in-VPC deploy runner's security group, when the stack has one. */
  readonly deployRunnerSecurityGroupId?: pulumi.Input<string>;
  /** `aws:allowedAccountIds`: the cluster gives access only to roles of these accounts. */
  readonly allowedAccountIds?: readonly string[];
}

export interface DeployRunnerDeps {
  readonly vpcId: pulumi.Input<string>;
  readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly logsKmsKeyArn?: pulumi.Input<string>;
}

/** The stack's own GitHub Actions runner in the private subnets (`infra:delivery.runner: codebuild`). */
export function deployRunnerArgs(config: EnvironmentConfig, deps: DeployRunnerDeps): DeployRunnerArgs {
  return {
    profile: config.profile,
    projectName: deployRunnerProjectName(config.environment),
    repository: config.delivery.repository as string,
    connectionArn: config.delivery.connectionArn as string,
    vpcId: deps.vpcId,
    subnetIds: deps.privateSubnetIds,
    logRetentionDays: config.observability.logRetentionDays,
    logsKmsKeyArn: deps.logsKmsKeyArn,
    tags: config.tags,
  };
}

export function clusterArgs(
  config: EnvironmentConfig,
  zones: readonly string[],
  deps: ClusterDeps,
): ClusterArgs {
  return {
    profile: config.profile,
    clusterName: componentNames(config).eksCluster,
    logsKmsKeyArn: deps.logsKmsKeyArn,
    version: config.cluster.version,
    vpcId: deps.vpcId,
    subnetIds: deps.privateSubnetIds,
    subnetAvailabilityZones: [...zones],
    endpointPublicAccess: config.cluster.endpointPublicAccess,
    publicAccessCidrs: config.cluster.publicAccessCidrs,
    adminRoleArns: config.cluster.adminRoleArns,
    readOnlyRoleArns: config.cluster.readOnlyRoleArns,
    allowedAccountIds: deps.allowedAccountIds && [...deps.allowedAccountIds],
    apiClientSecurityGroupIds:
      deps.deployRunnerSecurityGroupId === undefined
        ? undefined
        : { "deploy-runner": deps.deployRunnerSecurityGroupId },
    nodeGroups: config.cluster.nodeGroups,
    autoscaling: config.cluster.autoscaling,
    logRetentionDays: config.observability.logRetentionDays,
    kmsKeyAccess: config.keys,
    tags: config.tags,
  };
}

type ReceiverConfig = NonNullable<NonNullable<EnvironmentConfig["observability"]["alertReceivers"]>["page"]>;

/**
 * Credentials (receiver keys and URLs, webhook URLs) are secrets whether or not the stack file
 * encrypted them. Validation sees them plain: validators cannot look inside a secret.
 */
export type CredentialHandling = "secret" | "plain-for-validation";

function credential(value: string, handling: CredentialHandling): pulumi.Input<string> {
  return handling === "secret" ? pulumi.secret(value) : value;
}

function secretReceiver(
  receiver: ReceiverConfig | undefined,
  handling: CredentialHandling,
): AlertReceiver | undefined {
  if (!receiver) return undefined;
  const secret = (value: string | undefined) =>
    value === undefined ? undefined : credential(value, handling);
  return {
    pagerDutyRoutingKey: secret(receiver.pagerDutyRoutingKey),
    slackWebhookUrl: secret(receiver.slackWebhookUrl),
    slackChannel: receiver.slackChannel,
    webhookUrl: secret(receiver.webhookUrl),
  };
}

export interface ObservabilityDeps {
  readonly cluster: ObservedCluster;
  readonly natGatewayIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly logsKmsKeyArn?: pulumi.Input<string>;
}

export function observabilityArgs(
  config: EnvironmentConfig,
  deps: ObservabilityDeps,
  handling: CredentialHandling = "secret",
): ObservabilityArgs {
  const o = config.observability;
  const names = componentNames(config);
  return {
    profile: config.profile,
    tags: config.tags,
    kmsKeyAccess: config.keys,
    cluster: deps.cluster,
    database: config.database
      ? {
          instanceIdentifier: names.databaseIdentifier,
          allocatedStorageGb: config.database.allocatedStorageGb,
          instanceClass: config.database.instanceClass,
        }
      : undefined,
    natGatewayIds: deps.natGatewayIds,
    logsKmsKeyArn: deps.logsKmsKeyArn,
    alertSubscriptions: [
      ...(o.alertEmails ?? []).map((email) => ({ protocol: "email" as const, endpoint: email })),
      ...(o.alertWebhooks ?? []).map((hook) => ({
        protocol: "https" as const,
        endpoint: credential(hook.url, handling),
        key: hook.key,
        topic: hook.topic,
      })),
    ],
    logRetentionDays: o.logRetentionDays,
    runbookBaseUrl: o.runbookBaseUrl,
    dashboardName: `infra-${config.environment}`,
    containerInsights: o.containerInsights === undefined ? undefined : { enabled: o.containerInsights },
    prometheus: o.prometheus,
    alertReceivers: o.alertReceivers
      ? {
          page: secretReceiver(o.alertReceivers.page, handling),
          ticket: secretReceiver(o.alertReceivers.ticket, handling),
          heartbeatUrl:
            o.alertReceivers.heartbeatUrl === undefined
              ? undefined
              : credential(o.alertReceivers.heartbeatUrl, handling),
        }
      : undefined,
    silencedAlerts: o.silencedAlerts,
    slos: o.slos?.map((slo) => ({
      ...slo,
      excludePaths: slo.excludePaths ?? uninstrumentedPaths(config, slo.service),
    })),
  };
}

/**
 * The paths kubelet and Prometheus call on a service of this stack: its probes and, when scraped,
 * its metrics endpoint. Undefined for a service not deployed here (the component's default applies).
 */
export function uninstrumentedPaths(config: EnvironmentConfig, serviceName: string): string[] | undefined {
  const service = config.services.find((s) => s.name === serviceName);
  if (!service) return undefined;
  const probes = Object.values(resolveProbes(service.probes)).map((p) => p.path);
  const metrics = service.metrics ? [service.metrics.path ?? SERVICE_DEFAULTS.metricsPath] : [];
  return [...new Set([...probes, ...metrics])];
}

export interface DatabaseDeps {
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  readonly isolatedSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  readonly alertTopicArn: pulumi.Input<string>;
  readonly pageTopicArn: pulumi.Input<string>;
}

export function databaseArgs(
  config: EnvironmentConfig,
  database: NonNullable<EnvironmentConfig["database"]>,
  deps: DatabaseDeps,
): PostgresArgs {
  return {
    profile: config.profile,
    instanceIdentifier: componentNames(config).databaseIdentifier,
    vpcId: deps.vpcId,
    subnetIds: deps.isolatedSubnetIds,
    allowedSecurityGroupIds: { "cluster-nodes": deps.nodeSecurityGroupId },
    alertTopicArn: deps.alertTopicArn,
    pageTopicArn: deps.pageTopicArn,
    runbookBaseUrl: config.observability.runbookBaseUrl,
    engineVersion: database.engineVersion,
    upgradeFromMajorVersion: database.upgradeFromMajorVersion,
    instanceClass: database.instanceClass,
    allocatedStorageGb: database.allocatedStorageGb,
    maxAllocatedStorageGb: database.maxAllocatedStorageGb,
    multiAz: database.multiAz,
    backupRetentionDays: database.backupRetentionDays,
    backupWindow: database.backupWindow,
    maintenanceWindow: database.maintenanceWindow,
    logRetentionDays: config.observability.logRetentionDays,
    logsKmsKeyArn: deps.logsKmsKeyArn,
    kmsKeyAccess: config.keys,
    tags: config.tags,
  };
}

/** The Argo Rollouts controller: monitored when the stack runs Prometheus. */
export function rolloutsControllerArgs(config: EnvironmentConfig): RolloutsControllerArgs {
  return {
    profile: config.profile,
    monitoring: config.observability.prometheus.enabled,
    runbookBaseUrl: config.observability.runbookBaseUrl,
  };
}

export function serviceArgs(
  config: EnvironmentConfig,
  service: EnvironmentConfig["services"][number],
): AutoscaledServiceArgs {
  return {
    profile: config.profile,
    name: service.name,
    namespace: service.namespace ?? service.name,
    createNamespace: true,
    image: service.image,
    port: service.port,
    cpu: service.cpu,
    memory: service.memory,
    minReplicas: service.minReplicas,
    maxReplicas: service.maxReplicas,
    targetCpuUtilization: service.targetCpuUtilization,
    env: service.env,
    runAsUser: service.runAsUser,
    runAsGroup: service.runAsGroup,
    ephemeralStorage: service.ephemeralStorage,
    networkPolicy: service.networkPolicy,
    metrics: service.metrics,
    probes: service.probes,
    labels: { "app.kubernetes.io/part-of": `infra-${config.environment}` },
    strategy: {
      ...service.strategy,
      analysis: service.strategy.analysis ?? sloAnalysis(config, service.name),
    },
  };
}

/**
 * The analysis selectors of a service's first SLO in `infra:observability.slos`, so a canary is
 * compared on exactly what its SLO measures (the same series and the same excluded paths).
 */
export function sloAnalysis(
  config: EnvironmentConfig,
  serviceName: string,
): AnalysisSelectorsArgs | undefined {
  const slo = (config.observability.slos ?? []).find((s) => s.service === serviceName);
  if (!slo) return undefined;
  return {
    availability: { good: slo.availability.good, total: slo.availability.total },
    ...(slo.latency ? { latency: { bucket: slo.latency.bucket } } : {}),
    excludePaths: slo.excludePaths ?? uninstrumentedPaths(config, serviceName),
    pathLabel: slo.pathLabel,
  };
}
