import { describe, expect, it } from "vitest";
import {
  autoscalingGroupArnPattern,
  enableMetricsCollectionInput,
  enableMetricsCollectionTarget,
  GROUP_METRICS_RETRY_POLICY,
  GROUP_METRICS_SCHEDULE,
  groupMetricsPolicy,
  groupMetricsTrustPolicy,
} from "../../../components/cluster/group-metrics";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const ASG = "eks-platform-general-1a2b3c4-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

describe("group metrics collection", () => {
  it("calls Auto Scaling's EnableMetricsCollection through the Scheduler universal target", () => {
    expect(enableMetricsCollectionTarget("aws")).toBe(
      "arn:aws:scheduler:::aws-sdk:autoscaling:enableMetricsCollection",
    );
    expect(enableMetricsCollectionTarget("aws-cn")).toBe(
      "arn:aws-cn:scheduler:::aws-sdk:autoscaling:enableMetricsCollection",
    );
  });

  it("asks for every group metric of one group at one-minute granularity", () => {
    expect(JSON.parse(enableMetricsCollectionInput(ASG))).toEqual({
      AutoScalingGroupName: ASG,
      Granularity: "1Minute",
    });
  });

  it("runs again within the node-group alarm's 15-minute window, retrying only until the next run", () => {
    expect(GROUP_METRICS_SCHEDULE).toBe("rate(15 minutes)");
    expect(GROUP_METRICS_RETRY_POLICY.maximumEventAgeInSeconds).toBeLessThanOrEqual(15 * 60);
    expect(GROUP_METRICS_RETRY_POLICY.maximumEventAgeInSeconds).toBeGreaterThanOrEqual(60);
  });

  it("lets only EventBridge Scheduler acting for this account's schedule group assume the role", () => {
    expect(JSON.parse(groupMetricsTrustPolicy(scope)).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": scope.accountId },
          ArnLike: {
            "aws:SourceArn": `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule-group/default`,
          },
        },
      },
    ]);
  });

  it("allows only EnableMetricsCollection, only on the named Auto Scaling groups", () => {
    const policy = JSON.parse(groupMetricsPolicy(scope, [ASG, "eks-batch"]));
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toEqual([
      {
        Sid: "EnableGroupMetricsOfNodeGroups",
        Effect: "Allow",
        Action: "autoscaling:EnableMetricsCollection",
        Resource: [
          `arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:*:autoScalingGroupName/${ASG}`,
          "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:*:autoScalingGroupName/eks-batch",
        ],
      },
    ]);
  });

  it("builds partition-aware Auto Scaling group ARN patterns", () => {
    expect(
      autoscalingGroupArnPattern({ ...scope, partition: "aws-us-gov", region: "us-gov-west-1" }, "g"),
    ).toBe("arn:aws-us-gov:autoscaling:us-gov-west-1:123456789012:autoScalingGroup:*:autoScalingGroupName/g");
  });
});
