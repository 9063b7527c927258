import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { named } from "../core";
import type { FlowLogTrafficType } from "./args";
import { flowLogDeliveryPolicy, flowLogTrustPolicy } from "./flow-log-policies";
import type { NetworkScope } from "./scope";

export interface FlowLogSettings {
  readonly retentionDays: number;
  readonly trafficType: FlowLogTrafficType;
  /** Seconds a flow is aggregated into one record: 60 or 600. */
  readonly aggregationIntervalSeconds: number;
  /** Customer KMS key of the log group; CloudWatch Logs' own encryption when undefined. */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

/**
 * A VPC flow log into its own CloudWatch log group, written by a role that may assume only for this
 * account's flow logs and may write only to that group.
 */
export function createFlowLog(scope: NetworkScope, settings: FlowLogSettings): aws.cloudwatch.LogGroup {
  const { name, parent, tags } = scope;
  const group = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    {
      namePrefix: `/vpc-flow-logs/${name}-`,
      retentionInDays: settings.retentionDays,
      kmsKeyId: settings.kmsKeyArn,
      tags,
    },
    { parent },
  );
  const invoke = { parent };
  const owner = pulumi
    .all([
      aws.getPartitionOutput({}, invoke).partition,
      aws.getRegionOutput({}, invoke).region,
      aws.getCallerIdentityOutput({}, invoke).accountId,
    ])
    .apply(([partition, region, accountId]) => ({ partition, region, accountId }));
  const role = new aws.iam.Role(
    `${name}-flow-logs`,
    {
      description: `Lets VPC Flow Logs write the ${name} network's flow logs to CloudWatch Logs`,
      assumeRolePolicy: owner.apply(flowLogTrustPolicy),
      tags: named(tags, `${name}-flow-logs`),
    },
    { parent },
  );
  const delivery = new aws.iam.RolePolicy(
    `${name}-flow-logs-delivery`,
    { role: role.id, policy: group.arn.apply(flowLogDeliveryPolicy) },
    { parent },
  );
  new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: scope.vpcId,
      trafficType: settings.trafficType,
      maxAggregationInterval: settings.aggregationIntervalSeconds,
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      tags: named(tags, `${name}-flow-log`),
    },
    // The role must be allowed to write before the first records arrive.
    { parent, dependsOn: [delivery] },
  );
  return group;
}
