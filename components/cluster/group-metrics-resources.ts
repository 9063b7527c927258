import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core";
import {
  enableMetricsCollectionInput,
  enableMetricsCollectionTarget,
  GROUP_METRICS_RETRY_POLICY,
  GROUP_METRICS_SCHEDULE,
  groupMetricsPolicy,
  groupMetricsTrustPolicy,
  type GroupMetricsScope,
} from "./group-metrics";

/** A node group by its key, with the Auto Scaling group EKS runs it in. */
export interface NodeGroupAutoscalingGroup {
  readonly name: string;
  readonly autoscalingGroupName: pulumi.Output<string>;
}

export interface GroupMetricsContext {
  readonly componentName: string;
  readonly clusterName: string;
  readonly tags: Tags;
}

/**
 * A role EventBridge Scheduler assumes, allowed only to switch on metrics collection of these Auto
 * Scaling groups, and one schedule per node group that does so every interval (see group-metrics.ts).
 */
export function createGroupMetricsCollection(
  context: GroupMetricsContext,
  groups: readonly NodeGroupAutoscalingGroup[],
  parent: pulumi.Resource,
): aws.scheduler.Schedule[] {
  const invoke = { parent };
  const scope: pulumi.Output<GroupMetricsScope> = pulumi
    .all([
      aws.getPartitionOutput({}, invoke).partition,
      aws.getRegionOutput({}, invoke).region,
      aws.getCallerIdentityOutput({}, invoke).accountId,
    ])
    .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
  const resourceName = `${context.componentName}-group-metrics`;
  const role = new aws.iam.Role(
    resourceName,
    {
      description: `Lets EventBridge Scheduler switch on group metrics of the node groups of EKS cluster ${context.clusterName}`,
      assumeRolePolicy: scope.apply(groupMetricsTrustPolicy),
      tags: context.tags,
    },
    { parent },
  );
  const permission = new aws.iam.RolePolicy(
    resourceName,
    {
      role: role.id,
      policy: pulumi
        .all([scope, pulumi.all(groups.map((g) => g.autoscalingGroupName))])
        .apply(([s, names]) => groupMetricsPolicy(s, names)),
    },
    { parent },
  );
  return groups.map(
    (group) =>
      // Named like the node group: schedule names are limited to 64 characters, as node group names are.
      new aws.scheduler.Schedule(
        `${context.componentName}-${group.name}`,
        {
          description: `Keeps group metrics on for the Auto Scaling group of EKS node group ${group.name} (cluster ${context.clusterName}); EKS has no setting for them`,
          scheduleExpression: GROUP_METRICS_SCHEDULE,
          flexibleTimeWindow: { mode: "OFF" },
          target: {
            arn: scope.apply((s) => enableMetricsCollectionTarget(s.partition)),
            roleArn: role.arn,
            input: group.autoscalingGroupName.apply(enableMetricsCollectionInput),
            retryPolicy: { ...GROUP_METRICS_RETRY_POLICY },
          },
        },
        // The first call must find the role allowed to make it.
        { parent, dependsOn: [permission] },
      ),
  );
}
