/**
 * Resource policies of the alerting and logging resources, as IAM JSON. Each lets exactly one AWS
 * service do exactly what the feature needs, for this account and region only.
 */

/** Where the resources live. */
export interface AwsScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: "*" | Record<string, string>;
  readonly Action: string | readonly string[];
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

const document = (statements: readonly Statement[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

const accountRoot = (scope: AwsScope) => `arn:${scope.partition}:iam::${scope.accountId}:root`;

/** ARN pattern of every CloudWatch alarm in the account and region. */
export const alarmArnPattern = (scope: AwsScope) =>
  `arn:${scope.partition}:cloudwatch:${scope.region}:${scope.accountId}:alarm:*`;

/** ARN pattern of every RDS event subscription in the account and region (the source of RDS notifications). */
export const rdsEventSubscriptionArnPattern = (scope: AwsScope) =>
  `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:es:*`;

/** ARN of a log group (the form KMS sees as the `aws:logs:arn` encryption context). */
export const logGroupArn = (scope: AwsScope, logGroupName: string) =>
  `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupName}`;

/**
 * Key administration stays with the account's IAM policies; without this statement nobody could manage
 * the key once created.
 */
function accountAdministers(scope: AwsScope): Statement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: accountRoot(scope) },
    Action: "kms:*",
    Resource: "*",
  };
}

/**
 * Policy of the key encrypting the alert topic. CloudWatch alarms publish to an encrypted topic only
 * if they may generate data keys with it; the conditions limit that to alarms of this account and region.
 */
export function alertTopicKeyPolicy(scope: AwsScope): string {
  return document([
    accountAdministers(scope),
    {
      Sid: "CloudWatchAlarmsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": scope.accountId },
        ArnLike: { "aws:SourceArn": alarmArnPattern(scope) },
      },
    },
    {
      Sid: "RdsEventsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "events.rds.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": scope.accountId },
        ArnLike: { "aws:SourceArn": rdsEventSubscriptionArnPattern(scope) },
      },
    },
  ]);
}

/**
 * Policy of the key encrypting the platform's log groups: CloudWatch Logs of this region may use it,
 * and only for the log groups named by `logGroupArnPatterns` (the encryption context KMS receives).
 */
export function logsKeyPolicy(scope: AwsScope, logGroupArnPatterns: readonly string[]): string {
  return document([
    accountAdministers(scope),
    {
      Sid: "CloudWatchLogsEncryptLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${scope.region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": [...logGroupArnPatterns] } },
    },
  ]);
}

/**
 * Policy of an alert topic: the account manages it, CloudWatch alarms and RDS event subscriptions of
 * this account and region publish to it, and nothing publishes over plain HTTP.
 */
export function alertTopicPolicy(scope: AwsScope, topicArn: string): string {
  return document([
    {
      Sid: "AccountManagesTopic",
      Effect: "Allow",
      Principal: { AWS: accountRoot(scope) },
      Action: [
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:AddPermission",
        "sns:RemovePermission",
        "sns:DeleteTopic",
        "sns:Subscribe",
        "sns:ListSubscriptionsByTopic",
        "sns:Publish",
      ],
      Resource: topicArn,
    },
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": scope.accountId },
        ArnLike: { "aws:SourceArn": alarmArnPattern(scope) },
      },
    },
    {
      Sid: "RdsEventsPublish",
      Effect: "Allow",
      Principal: { Service: "events.rds.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": scope.accountId },
        ArnLike: { "aws:SourceArn": rdsEventSubscriptionArnPattern(scope) },
      },
    },
    {
      Sid: "DenyPublishWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
