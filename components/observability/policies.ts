import { keyPolicyJson, type KeyAccess, type KeyUse } from "../core/key-policy";

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
 * Who uses the alert topics' key: CloudWatch alarms and RDS event subscriptions publish to the
 * encrypted topics only if they may generate data keys with it, each as its own service principal
 * and only for alarms and subscriptions of this account and region.
 */
export function alertTopicKeyUses(scope: AwsScope): KeyUse[] {
  const publisher = (sid: string, service: string, sourceArn: string): KeyUse => ({
    kind: "service-principal",
    sid,
    servicePrincipal: service,
    actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    condition: {
      StringEquals: { "aws:SourceAccount": scope.accountId },
      ArnLike: { "aws:SourceArn": sourceArn },
    },
  });
  return [
    publisher("CloudWatchAlarmsEncryptNotifications", "cloudwatch.amazonaws.com", alarmArnPattern(scope)),
    publisher(
      "RdsEventsEncryptNotifications",
      "events.rds.amazonaws.com",
      rdsEventSubscriptionArnPattern(scope),
    ),
  ];
}

/** Policy of the key encrypting the alert topics (`keyPolicy` with `alertTopicKeyUses`). */
export function alertTopicKeyPolicy(scope: AwsScope, access: KeyAccess): string {
  return keyPolicyJson(scope, access, alertTopicKeyUses(scope));
}

/**
 * Who uses a logs key: CloudWatch Logs of this region, as itself, and only for the log groups named
 * by `logGroupArnPatterns` (the encryption context KMS receives).
 */
export function logsKeyUses(scope: AwsScope, logGroupArnPatterns: readonly string[]): KeyUse[] {
  return [
    {
      kind: "service-principal",
      sid: "CloudWatchLogsEncryptLogGroups",
      servicePrincipal: `logs.${scope.region}.amazonaws.com`,
      actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": [...logGroupArnPatterns] } },
    },
  ];
}

/** Policy of a key encrypting log groups (`keyPolicy` with `logsKeyUses`). */
export function logsKeyPolicy(
  scope: AwsScope,
  access: KeyAccess,
  logGroupArnPatterns: readonly string[],
): string {
  return keyPolicyJson(scope, access, logsKeyUses(scope, logGroupArnPatterns));
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
