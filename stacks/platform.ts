import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../components/cluster";
import { componentTags, DEFAULT_RUNBOOK_BASE_URL } from "../components/core";
import { Postgres } from "../components/database";
import { DeployRunner, RolloutsController } from "../components/delivery";
import { Network } from "../components/network";
import { LogsKey, Observability } from "../components/observability";
import { AutoscaledService } from "../components/workload";
import {
  clusterArgs,
  componentNames,
  databaseArgs,
  deployRunnerArgs,
  logsKeyArgs,
  networkArgs,
  observabilityArgs,
  rolloutsControllerArgs,
  serviceArgs,
} from "./component-args";
import type { Environment } from "./environment";

/**
 * Composes one environment: a KMS key for every log group, then Network → Cluster (private subnets) → Observability (alert topic,
 * dashboard, in-cluster metrics) → Database (isolated subnets, reachable from the nodes, alarming to
 * the topic) → services on the cluster. Observability comes before the database because the
 * database's alarms need its topic; the database's identifier is fixed, so the dashboard can name
 * it without waiting for it.
 */
export function platform({ config, zones, allowedAccountIds }: Environment) {
  const names = componentNames(config);

  const logsKey = new LogsKey(names.logsKey, logsKeyArgs(config));

  const network = new Network(names.network, networkArgs(config, zones, logsKey.keyArn));

  // The pipeline's runner inside the VPC. It needs only the network and the logs key, so the first
  // deploy can create it from outside the VPC before anything needs the cluster's private endpoint
  // (docs/operators/first-deploy.md).
  const deployRunner =
    config.delivery.runner === "codebuild"
      ? new DeployRunner(
          names.deployRunner,
          deployRunnerArgs(config, {
            vpcId: network.vpcId,
            privateSubnetIds: network.privateSubnetIds,
            logsKmsKeyArn: logsKey.keyArn,
          }),
        )
      : undefined;

  const cluster = new Cluster(
    names.cluster,
    clusterArgs(config, zones, {
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      logsKmsKeyArn: logsKey.keyArn,
      deployRunnerSecurityGroupId: deployRunner?.securityGroupId,
      allowedAccountIds,
    }),
  );

  const k8s = { providers: [cluster.provider] };
  const observability = new Observability(
    names.observability,
    observabilityArgs(config, {
      cluster: {
        name: cluster.clusterName,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuerUrl: cluster.oidcIssuerUrl,
        kubernetesVersion: config.cluster.version,
        nodeGroups: config.cluster.nodeGroups.map((group) => ({
          name: group.name,
          autoscalingGroupName: cluster.nodeGroups.apply(
            (groups) => groups.find((g) => g.name === group.name)?.autoscalingGroupName ?? "",
          ),
          maxSize: group.maxSize,
        })),
      },
      logsKmsKeyArn: logsKey.keyArn,
      // Without NAT gateways there is nothing to alarm on; an Output list always gets the alarm.
      natGatewayIds: config.network.natGateways === "none" ? [] : network.natGatewayIds,
    }),
    // Prometheus' and Alertmanager's volumes come from the gp3 StorageClass; their pods resolve
    // names through cluster DNS.
    { ...k8s, dependsOn: [cluster.storageClass, cluster.clusterDns] },
  );

  // Karpenter's alerts and scrape config need the prometheus-operator CRDs that kube-prometheus-stack installs.
  if (cluster.karpenter && observability.monitoringCrds) {
    cluster.karpenter.monitor({
      runbookBaseUrl: config.observability.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE_URL,
      dependsOn: [observability.monitoringCrds],
    });
  }

  const database = config.database
    ? new Postgres(
        names.database,
        databaseArgs(config, config.database, {
          vpcId: network.vpcId,
          isolatedSubnetIds: network.isolatedSubnetIds,
          nodeSecurityGroupId: cluster.nodeSecurityGroupId,
          alertTopicArn: observability.alertTopicArn,
          pageTopicArn: observability.pageTopicArn,
          logsKmsKeyArn: logsKey.keyArn,
        }),
      )
    : undefined;

  // Runs the canary and blue-green releases of the services. It installs beside
  // kube-prometheus-stack; only its ServiceMonitor and alerts wait for that release's CRDs.
  const rollouts = new RolloutsController(names.rolloutsController, rolloutsControllerArgs(config), {
    ...k8s,
    releaseDependsOn: [cluster.clusterDns],
    dependsOn: observability.monitoringCrds ? [observability.monitoringCrds] : [],
  });

  // Only each ServiceMonitor waits for kube-prometheus-stack, which installs its CRD, and only a
  // Rollout and its AnalysisTemplates for the Argo Rollouts release, which installs theirs: the
  // Deployment, Service and autoscaler roll out while the releases install, and nothing of a
  // service waits for the alarms, dashboard or topic of the observability component. Its pods
  // resolve names through cluster DNS.
  const services = config.services.map(
    (service) =>
      new AutoscaledService(service.name, serviceArgs(config, service), {
        ...k8s,
        dependsOn: [cluster.clusterDns],
        serviceMonitorDependsOn: observability.monitoringCrds ? [observability.monitoringCrds] : [],
        rolloutDependsOn: [rollouts.crds],
      }),
  );

  // Lists everything this stack manages, by its tags, in the AWS console.
  const resourceGroup = new aws.resourcegroups.Group(`${config.environment}-resources`, {
    description: `Everything Pulumi manages for the ${config.environment} environment`,
    resourceQuery: {
      type: "TAG_FILTERS_1_0",
      query: JSON.stringify({
        ResourceTypeFilters: ["AWS::AllSupported"],
        TagFilters: [
          { Key: "stack", Values: [pulumi.getStack()] },
          { Key: "managed-by", Values: ["pulumi"] },
        ],
      }),
    },
    tags: componentTags("platform", config.tags),
  });

  return {
    environment: config.environment,
    profile: config.profile,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
    isolatedSubnetIds: network.isolatedSubnetIds,
    clusterName: cluster.clusterName,
    clusterEndpoint: cluster.endpoint,
    nodeSecurityGroupId: cluster.nodeSecurityGroupId,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcIssuerUrl: cluster.oidcIssuerUrl,
    /** @deprecated the same as oidcIssuerUrl; removed in 2.0.0. */
    oidcIssuer: cluster.oidcIssuerUrl,
    kubeconfig: cluster.kubeconfig,
    databaseEndpoint: database?.endpoint,
    databaseSecretArn: database?.masterUserSecretArn,
    alertTopicArn: observability.alertTopicArn,
    pageTopicArn: observability.pageTopicArn,
    dashboardName: observability.dashboardName,
    serviceNames: services.map((s) => s.serviceName),
    resourceGroupName: resourceGroup.name,
    deployRunnerProject: deployRunner?.projectName,
  };
}
