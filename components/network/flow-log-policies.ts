import { serviceTrustPolicy } from "../core";

/** The IAM documents of the role VPC Flow Logs assumes to write to CloudWatch Logs. Pure. */

export interface FlowLogOwner {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * Lets only the VPC Flow Logs service assume the role, and only for flow logs of this account and
 * region (`aws:SourceAccount` and `aws:SourceArn` guard against the confused-deputy problem).
 */
export function flowLogTrustPolicy(owner: FlowLogOwner): string {
  return serviceTrustPolicy({
    service: "vpc-flow-logs.amazonaws.com",
    sourceAccount: owner.accountId,
    sourceArnLike: `arn:${owner.partition}:ec2:${owner.region}:${owner.accountId}:vpc-flow-log/*`,
  });
}

/**
 * Lets the role write log streams of one log group and nothing else. The log group exists before the
 * flow log, so the `logs:CreateLogGroup` and account-wide `logs:DescribeLogGroups` of the AWS example
 * policy are left out.
 */
export function flowLogDeliveryPolicy(logGroupArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteFlowLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ],
  });
}
