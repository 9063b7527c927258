import { describe, expect, it } from "vitest";
import {
  enhancedMonitoringPolicyArn,
  enhancedMonitoringTrustPolicy,
} from "../../../components/database/monitoring-role";

describe("Enhanced Monitoring role", () => {
  it("trusts only the RDS monitoring service acting for this account", () => {
    expect(JSON.parse(enhancedMonitoringTrustPolicy("123456789012"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
  });

  it("uses the AWS managed policy of the partition", () => {
    expect(enhancedMonitoringPolicyArn("aws")).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
    expect(enhancedMonitoringPolicyArn("aws-cn")).toMatch(/^arn:aws-cn:iam::aws:policy\//);
  });
});
