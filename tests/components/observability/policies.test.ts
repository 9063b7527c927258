import { describe, expect, it } from "vitest";
import {
  alarmArnPattern,
  alertTopicKeyPolicy,
  alertTopicPolicy,
  logGroupArn,
  logsKeyPolicy,
} from "../../../components/observability/policies";

const scope = { partition: "aws", region: "eu-central-1", accountId: "123456789012" };
type Statement = {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Resource: string;
  Condition?: Record<string, Record<string, unknown>>;
};
const statements = (json: string) =>
  (JSON.parse(json) as { Version: string; Statement: Statement[] }).Statement;
const bySid = (json: string, sid: string) => statements(json).find((s) => s.Sid === sid)!;

const access = {
  administratorRoleArns: [],
  breakGlassRoleArn: "arn:aws:iam::123456789012:role/break-glass",
  denyDeletion: true,
};

describe("alert topic key policy", () => {
  const policy = alertTopicKeyPolicy(scope, access);

  it("keeps key administration with the account, without any cryptographic action", () => {
    expect(JSON.parse(policy).Version).toBe("2012-10-17");
    const admin = bySid(policy, "AccountAdministersKey");
    expect(admin).toMatchObject({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" } });
    expect(admin.Action).toContain("kms:PutKeyPolicy");
    expect(admin.Action).not.toContain("kms:*");
    expect(admin.Action).not.toContain("kms:Decrypt");
  });

  it("lets CloudWatch alarms of this account and region encrypt notifications, nothing more", () => {
    expect(bySid(policy, "CloudWatchAlarmsEncryptNotifications")).toEqual({
      Sid: "CloudWatchAlarmsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:*" },
      },
    });
  });

  it("lets RDS event subscriptions of this account and region encrypt notifications, and no other service", () => {
    expect(bySid(policy, "RdsEventsEncryptNotifications")).toEqual({
      Sid: "RdsEventsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "events.rds.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:rds:eu-central-1:123456789012:es:*" },
      },
    });
    expect(statements(policy).map((s) => s.Sid)).toEqual([
      "AccountAdministersKey",
      "CloudWatchAlarmsEncryptNotifications",
      "RdsEventsEncryptNotifications",
      "OnlyBreakGlassDisablesOrDeletesKey",
    ]);
  });
});

describe("logs key policy", () => {
  const pattern = logGroupArn(scope, "/aws/containerinsights/prod-eks/*");
  const policy = logsKeyPolicy(scope, access, [pattern]);

  it("lets CloudWatch Logs of the region use the key only for the named log groups", () => {
    const logs = bySid(policy, "CloudWatchLogsEncryptLogGroups");
    expect(logs.Principal).toEqual({ Service: "logs.eu-central-1.amazonaws.com" });
    expect(logs.Action).toEqual([
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]);
    expect(logs.Condition).toEqual({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": [
          "arn:aws:logs:eu-central-1:123456789012:log-group:/aws/containerinsights/prod-eks/*",
        ],
      },
    });
  });

  it("builds partition-aware ARNs", () => {
    const gov = { ...scope, partition: "aws-us-gov", region: "us-gov-west-1" };
    expect(logGroupArn(gov, "/x")).toBe("arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/x");
    expect(alarmArnPattern(gov)).toBe("arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:*");
  });
});

describe("alert topic policy", () => {
  const topicArn = "arn:aws:sns:eu-central-1:123456789012:prod-alerts-abc";
  const policy = alertTopicPolicy(scope, topicArn);

  it("lets CloudWatch alarms of this account and region publish", () => {
    expect(bySid(policy, "CloudWatchAlarmsPublish")).toEqual({
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-central-1:123456789012:alarm:*" },
      },
    });
  });

  it("lets RDS event subscriptions of this account and region publish (failover, failure, low storage)", () => {
    expect(bySid(policy, "RdsEventsPublish")).toMatchObject({
      Principal: { Service: "events.rds.amazonaws.com" },
      Action: "sns:Publish",
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:rds:eu-central-1:123456789012:es:*" },
      },
    });
  });

  it("keeps management with the account and denies publishing without TLS", () => {
    expect(bySid(policy, "AccountManagesTopic").Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    expect(bySid(policy, "DenyPublishWithoutTls")).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    for (const s of statements(policy)) expect(s.Resource).toBe(topicArn);
  });

  it("never allows anyone outside the account", () => {
    for (const s of statements(policy).filter((s) => s.Effect === "Allow")) expect(s.Principal).not.toBe("*");
  });
});
