/**
 * Karpenter's interruption handling: EventBridge rules send the EC2 and AWS Health events that announce
 * a node's end (Spot interruption, rebalance recommendation, state change, scheduled maintenance,
 * capacity reservation interruption) to an SQS queue the controller reads, so it drains the node and
 * launches its replacement before EC2 takes it away. Pure: the event patterns, queue settings and
 * queue policy the resources are built from.
 */

export interface InterruptionRule {
  /**
   * Stable key: part of the rule's resource name (`<cluster>-karpenter-<key>-<7 hex>`), at most 10
   * characters so rule names (64 at most) stay within the length IAM role names already bound.
   */
  readonly key: string;
  readonly description: string;
  readonly source: string;
  readonly detailType: string;
}

/** Every event Karpenter 1.14 handles, as its documented CloudFormation template routes them. */
export const INTERRUPTION_RULES: readonly InterruptionRule[] = [
  {
    key: "health",
    description: "AWS Health events (scheduled maintenance of instances)",
    source: "aws.health",
    detailType: "AWS Health Event",
  },
  {
    key: "spot",
    description: "Spot interruption warnings (two minutes before EC2 reclaims the instance)",
    source: "aws.ec2",
    detailType: "EC2 Spot Instance Interruption Warning",
  },
  {
    key: "rebalance",
    description: "Spot rebalance recommendations (elevated interruption risk)",
    source: "aws.ec2",
    detailType: "EC2 Instance Rebalance Recommendation",
  },
  {
    key: "state",
    description: "Instance state changes (stopping, stopped, shutting down, terminated)",
    source: "aws.ec2",
    detailType: "EC2 Instance State-change Notification",
  },
  {
    key: "reserved",
    description: "Capacity reservation interruption warnings",
    source: "aws.ec2",
    detailType: "EC2 Capacity Reservation Instance Interruption Warning",
  },
];

/** The EventBridge event pattern of a rule, as the JSON string EventBridge takes. */
export function interruptionEventPattern(rule: InterruptionRule): string {
  return JSON.stringify({ source: [rule.source], "detail-type": [rule.detailType] });
}

/**
 * An interruption message older than five minutes is useless (a Spot warning gives two), so the queue
 * keeps messages that long, as upstream does.
 */
export const INTERRUPTION_MESSAGE_RETENTION_SECONDS = 300;

/**
 * EventBridge, for the rules of this cluster only, may send to the queue; nothing may use it without
 * TLS. Tighter than upstream's template, which lets any rule and the SQS service principal send.
 */
export function interruptionQueuePolicy(queueArn: string, ruleArns: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "EC2InterruptionPolicy",
    Statement: [
      {
        Sid: "EventBridgeRulesOfThisCluster",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}
