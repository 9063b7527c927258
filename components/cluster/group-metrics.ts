import { serviceTrustPolicy } from "../core";

/**
 * Group metrics collection for the Auto Scaling groups of EKS managed node groups. The EKS node group
 * API has no setting for it and EKS creates each group with collection off, so an EventBridge
 * Scheduler schedule per node group calls Auto Scaling's `EnableMetricsCollection` on the group,
 * again and again: the call is idempotent, and repeating it turns collection back on should anything
 * switch it off (a node group update, a manual change). Pure: the documents and values the resources
 * are built from.
 */

/** Where the scheduler's role applies: the cluster's account, region and partition. */
export interface GroupMetricsScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * How often collection is switched on again: a new or reset group collects within one 15-minute
 * window, for the dashboard's node group widget.
 */
export const GROUP_METRICS_SCHEDULE = "rate(15 minutes)";

/** The one granularity Auto Scaling offers for group metrics. */
export const GROUP_METRICS_GRANULARITY = "1Minute";

/**
 * A failed call is worth retrying only until the next scheduled one: at most a few attempts within
 * one interval (seconds).
 */
export const GROUP_METRICS_RETRY_POLICY = { maximumEventAgeInSeconds: 900, maximumRetryAttempts: 3 } as const;

/** The EventBridge Scheduler universal target that calls `autoscaling:EnableMetricsCollection`. */
export function enableMetricsCollectionTarget(partition: string): string {
  return `arn:${partition}:scheduler:::aws-sdk:autoscaling:enableMetricsCollection`;
}

/**
 * The request the schedule sends: every group metric (none listed means all; they are free) of one
 * Auto Scaling group, at one-minute granularity.
 */
export function enableMetricsCollectionInput(autoscalingGroupName: string): string {
  return JSON.stringify({
    AutoScalingGroupName: autoscalingGroupName,
    Granularity: GROUP_METRICS_GRANULARITY,
  });
}

/** The ARN pattern of an Auto Scaling group by name (its ARN also holds a UUID unknown in advance). */
export function autoscalingGroupArnPattern(scope: GroupMetricsScope, autoscalingGroupName: string): string {
  return `arn:${scope.partition}:autoscaling:${scope.region}:${scope.accountId}:autoScalingGroup:*:autoScalingGroupName/${autoscalingGroupName}`;
}

/** The schedule group the schedules live in (they set none, so EventBridge Scheduler's own). */
export const GROUP_METRICS_SCHEDULE_GROUP = "default";

/**
 * Only EventBridge Scheduler, acting for this account's schedule group, may assume the role: the
 * scheduler sets `aws:SourceAccount` and, as `aws:SourceArn`, the ARN of the schedule's group
 * (EventBridge Scheduler User Guide, "Set up the execution role").
 */
export function groupMetricsTrustPolicy(scope: GroupMetricsScope): string {
  return serviceTrustPolicy({
    service: "scheduler.amazonaws.com",
    sourceAccount: scope.accountId,
    sourceArnLike: `arn:${scope.partition}:scheduler:${scope.region}:${scope.accountId}:schedule-group/${GROUP_METRICS_SCHEDULE_GROUP}`,
  });
}

/**
 * The role may switch on metrics collection for the cluster's node groups' Auto Scaling groups and do
 * nothing else, so even a misused role can only turn metrics on.
 */
export function groupMetricsPolicy(
  scope: GroupMetricsScope,
  autoscalingGroupNames: readonly string[],
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableGroupMetricsOfNodeGroups",
        Effect: "Allow",
        Action: "autoscaling:EnableMetricsCollection",
        Resource: autoscalingGroupNames.map((name) => autoscalingGroupArnPattern(scope, name)),
      },
    ],
  });
}
