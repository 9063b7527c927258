import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InfraValidationError, isDeferred, type Tags } from "../core";
import { natGatewayCountProblem, type ObservedNodeGroup } from "./args";

/** Runbook slugs under the runbook base URL, one per alarm kind. */
export const ALARM_RUNBOOKS = {
  natPortAllocation: "nat-port-allocation-errors",
  nodeGroupAtMax: "node-group-at-max-size",
} as const;

/** Seconds per datapoint of every alarm. */
export const ALARM_PERIOD_SECONDS = 300;

export interface AlarmSettings {
  readonly topicArn: pulumi.Input<string>;
  readonly runbookBaseUrl: string;
  /** A known list decides whether the alarm exists; an Output list always gets it (checked on resolution). */
  readonly natGatewayIds: pulumi.Input<readonly pulumi.Input<string>[]>;
  readonly nodeGroups: readonly ObservedNodeGroup[];
  readonly tags: Tags;
}

/**
 * Alarms on platform symptoms that mean users are already affected, each notifying the alert topic
 * when it fires and when it clears, each linking its runbook.
 */
export function createPlatformAlarms(
  name: string,
  settings: AlarmSettings,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  const notify = { alarmActions: [settings.topicArn], okActions: [settings.topicArn] };
  const runbook = (slug: string) => `${settings.runbookBaseUrl}/${slug}`;
  const alarms: aws.cloudwatch.MetricAlarm[] = [];

  const natGatewayIds = settings.natGatewayIds;
  if (isDeferred(natGatewayIds) || natGatewayIds.length > 0) {
    alarms.push(
      new aws.cloudwatch.MetricAlarm(
        `${name}-nat-port-allocation`,
        {
          alarmDescription:
            "A NAT gateway could not allocate a source port: outbound connections from private subnets are failing. " +
            `Runbook: ${runbook(ALARM_RUNBOOKS.natPortAllocation)}`,
          // One alarm across all gateways (metric math), so adding a zone adds no alarm to keep in sync.
          metricQueries: isDeferred(natGatewayIds)
            ? pulumi
                .output(natGatewayIds)
                .apply((ids) => natPortAllocationQueries(resolvedNatGatewayIds(name, ids)))
            : natPortAllocationQueries(natGatewayIds),
          comparisonOperator: "GreaterThanThreshold",
          threshold: 0,
          // Two bad periods out of three: a lone burst of errors during a deploy does not wake anyone.
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: "notBreaching",
          ...notify,
          tags: settings.tags,
        },
        { parent },
      ),
    );
  }

  for (const group of settings.nodeGroups) {
    alarms.push(
      new aws.cloudwatch.MetricAlarm(
        `${name}-node-group-${group.name}-at-max`,
        {
          alarmDescription: pulumi.interpolate`Node group ${group.name} has wanted its maximum of ${group.maxSize} nodes for 15 minutes: pods needing more capacity stay Pending. Runbook: ${runbook(ALARM_RUNBOOKS.nodeGroupAtMax)}`,
          namespace: "AWS/AutoScaling",
          metricName: "GroupDesiredCapacity",
          dimensions: { AutoScalingGroupName: group.autoscalingGroupName },
          statistic: "Maximum",
          period: ALARM_PERIOD_SECONDS,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: group.maxSize,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: "missing",
          ...notify,
          tags: settings.tags,
        },
        { parent },
      ),
    );
  }
  return alarms;
}

/** The alarm's metric math: one query per NAT gateway, and their sum, which the alarm watches. */
function natPortAllocationQueries(natGatewayIds: readonly pulumi.Input<string>[]) {
  return [
    ...natGatewayIds.map((natGatewayId, i) => ({
      id: `nat${i}`,
      returnData: false,
      metric: {
        namespace: "AWS/NATGateway",
        metricName: "ErrorPortAllocation",
        dimensions: { NatGatewayId: natGatewayId },
        period: ALARM_PERIOD_SECONDS,
        stat: "Sum",
      },
    })),
    { id: "errors", expression: "SUM(METRICS())", label: "Port allocation errors", returnData: true },
  ];
}

/**
 * An Output list of NAT gateway ids once resolved, checked as a known one is before any resource
 * exists: the alarm was registered for it already, so an empty or too long list is an error here.
 */
export function resolvedNatGatewayIds(component: string, ids: readonly string[]): readonly string[] {
  const problem =
    ids.length === 0
      ? "resolved to no NAT gateway, but the port-allocation alarm needs at least one; pass [] (or leave natGatewayIds out) for a network without NAT gateways"
      : natGatewayCountProblem(ids.length);
  if (problem)
    throw new InfraValidationError(`Observability "${component}"`, [
      { path: "natGatewayIds", message: problem },
    ]);
  return ids;
}
