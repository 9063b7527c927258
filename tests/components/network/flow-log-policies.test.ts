import { describe, expect, it } from "vitest";
import { flowLogDeliveryPolicy, flowLogTrustPolicy } from "../../../components/network/flow-log-policies";

describe("flowLogTrustPolicy", () => {
  const trust = JSON.parse(
    flowLogTrustPolicy({ partition: "aws", region: "eu-west-1", accountId: "123456789012" }),
  );

  it("lets only the VPC Flow Logs service assume the role", () => {
    expect(trust.Version).toBe("2012-10-17");
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "vpc-flow-logs.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
  });

  it("guards against the confused deputy with the source account and flow log ARN", () => {
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" },
    });
  });
});

describe("flowLogDeliveryPolicy", () => {
  const arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/vpc-flow-logs/dev-abc";
  const policy = JSON.parse(flowLogDeliveryPolicy(arn));

  it("allows writing log streams of that one log group only", () => {
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteFlowLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [arn, `${arn}:*`],
      },
    ]);
  });

  it("must not grant anything on every resource or create log groups", () => {
    const statements = policy.Statement as { Resource: string[]; Action: string[] }[];
    expect(statements.flatMap((s) => s.Resource)).not.toContain("*");
    expect(statements.flatMap((s) => s.Action)).not.toContain("logs:CreateLogGroup");
  });
});
