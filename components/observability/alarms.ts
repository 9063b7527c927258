import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InfraValidationError, isDeferred, runbookUrl, type AlertSeverity, type Tags } from "../core";
import { natGatewayCountProblem } from "./args";

/** Runbook slugs under the runbook base URL, one per alarm kind. */
export const ALARM_RUNBOOKS = {
  natPortAllocation: "nat-port-allocation-errors",
  apiServerErrors: "eks-api-server-errors",
} as const;

/**
 * Who hears about each platform alarm. NAT port exhaustion breaks outbound calls of every pod in
 * the zone: users are affected, it pages. API server errors hold back scaling and deployments, not
 * running traffic (an effect on users shows as an SLO burn): a ticket.
 */
export const PLATFORM_ALARM_SEVERITY = {
  natPortAllocation: "page",
  apiServerErrors: "ticket",
} as const satisfies Record<keyof typeof ALARM_RUNBOOKS, AlertSeverity>;

/** API server responses that are 5xx, in percent, above which (for 15 minutes) a ticket opens. */
export const API_SERVER_5XX_PERCENT = 5;

/**
 * The share of the EKS API server's requests answered with a 5xx, in percent, from the metrics EKS
 * publishes for free in AWS/EKS (Kubernetes 1.28 and later); 0 while there are no requests.
 */
export function apiServerErrorPercentExpression(errorsId: string, totalId: string): string {
  return `IF(${totalId} > 0, 100 * ${errorsId} / ${totalId}, 0)`;
}

/** Seconds per datapoint of every alarm. */
export const ALARM_PERIOD_SECONDS = 300;

export interface AlarmSettings {
  /** The topic of each severity. */
  readonly topicArns: Readonly<Record<AlertSeverity, pulumi.Input<string>>>;
  readonly runbookBaseUrl: string;
  /** The EKS cluster whose API server errors are watched; none without a cluster. */
  readonly clusterName?: pulumi.Input<string>;
  /** A known list decides whether the alarm exists; an Output list always gets it (checked on resolution). */
  readonly natGatewayIds: pulumi.Input<readonly pulumi.Input<string>[]>;
  readonly tags: Tags;
}

/**
 * Alarms on platform symptoms, each notifying the topic of its severity when it fires and when it
 * clears, each linking its runbook. Missing data is never breaching here: the NAT and API server
 * metrics are counts that are simply absent while nothing happens. Pods waiting for nodes are
 * Karpenter's alerts (components/cluster/karpenter-alerts.ts): the managed node group is the
 * fixed-size system group, which nothing scales.
 */
export function createPlatformAlarms(
  name: string,
  settings: AlarmSettings,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  const notify = (alarm: keyof typeof PLATFORM_ALARM_SEVERITY) => {
    const topic = settings.topicArns[PLATFORM_ALARM_SEVERITY[alarm]];
    return { alarmActions: [topic], okActions: [topic] };
  };
  const runbook = (slug: string) => runbookUrl(settings.runbookBaseUrl, slug);
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
          ...notify("natPortAllocation"),
          tags: settings.tags,
        },
        { parent },
      ),
    );
  }

  if (settings.clusterName !== undefined) {
    const metric = (metricName: string) => ({
      namespace: "AWS/EKS",
      metricName,
      dimensions: { ClusterName: settings.clusterName! },
      period: ALARM_PERIOD_SECONDS,
      stat: "Sum",
    });
    alarms.push(
      new aws.cloudwatch.MetricAlarm(
        `${name}-api-server-errors`,
        {
          alarmDescription: pulumi.interpolate`More than ${API_SERVER_5XX_PERCENT} % of the requests to the EKS API server of ${settings.clusterName} failed with a 5xx for 15 minutes: deployments, autoscaling and controllers stall. Runbook: ${runbook(ALARM_RUNBOOKS.apiServerErrors)}`,
          metricQueries: [
            { id: "errors", returnData: false, metric: metric("apiserver_request_total_5XX") },
            { id: "total", returnData: false, metric: metric("apiserver_request_total") },
            {
              id: "errorPercent",
              expression: apiServerErrorPercentExpression("errors", "total"),
              label: "API server 5xx (%)",
              returnData: true,
            },
          ],
          comparisonOperator: "GreaterThanThreshold",
          threshold: API_SERVER_5XX_PERCENT,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: "notBreaching",
          ...notify("apiServerErrors"),
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
