import { describe, expect, it } from "vitest";
import { serviceTrustPolicy } from "../../../components/core";

describe("service trust policy", () => {
  it("lets exactly one service assume the role, with sts:AssumeRole by default", () => {
    expect(JSON.parse(serviceTrustPolicy({ service: "ec2.amazonaws.com" }))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("guards against the confused deputy with the source account and ARN when given", () => {
    const policy = JSON.parse(
      serviceTrustPolicy({
        service: "vpc-flow-logs.amazonaws.com",
        actions: ["sts:AssumeRole", "sts:TagSession"],
        sourceAccount: "123456789012",
        sourceArnLike: "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*",
      }),
    ) as { Statement: [{ Action: string[]; Condition: unknown }] };
    expect(policy.Statement[0].Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" },
    });
  });
});
