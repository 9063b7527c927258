import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core";

/** Runbook slugs under the runbook base URL, one per alarm kind. */
export const ALARM_RUNBOOKS = {
  natPortAllocation: "nat-port-allocation-errors",
} as const;

/** Seconds per datapoint of every alarm. */
export const ALARM_PERIOD_SECONDS = 300;

export interface AlarmSettings {
  readonly topicArn: pulumi.Input<string>;
  readonly runbookBaseUrl: string;
  readonly natGatewayIds: readonly pulumi.Input<string>[];
  readonly tags: Tags;
}

/**
 * Alarms on platform symptoms that mean users are already affected, each notifying the alert topic
 * when it fires and when it clears, each linking its runbook. Pods waiting for nodes are Karpenter's
 * alerts (components/cluster/karpenter-alerts.ts): the managed node group is the fixed-size system
 * group, which nothing scales.
 */
export function createPlatformAlarms(
  name: string,
  settings: AlarmSettings,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  const notify = { alarmActions: [settings.topicArn], okActions: [settings.topicArn] };
  const runbook = (slug: string) => `${settings.runbookBaseUrl}/${slug}`;
  const alarms: aws.cloudwatch.MetricAlarm[] = [];

  if (settings.natGatewayIds.length > 0) {
    alarms.push(
      new aws.cloudwatch.MetricAlarm(
        `${name}-nat-port-allocation`,
        {
          alarmDescription:
            "A NAT gateway could not allocate a source port: outbound connections from private subnets are failing. " +
            `Runbook: ${runbook(ALARM_RUNBOOKS.natPortAllocation)}`,
          // One alarm across all gateways (metric math), so adding a zone adds no alarm to keep in sync.
          metricQueries: [
            ...settings.natGatewayIds.map((natGatewayId, i) => ({
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
          ],
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

  return alarms;
}
