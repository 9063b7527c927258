import { describe, expect, it } from "vitest";
import {
  INTERRUPTION_MESSAGE_RETENTION_SECONDS,
  INTERRUPTION_RULES,
  interruptionEventPattern,
  interruptionQueuePolicy,
} from "../../../components/cluster/karpenter-interruption";
import { cloudFormationResources } from "../../support/karpenter-reference";

const template = cloudFormationResources();
const referenceRules = Object.values(template).filter((r) => r.Type === "AWS::Events::Rule");

describe("Karpenter's interruption events", () => {
  it("routes exactly the events of the documented template, one rule each", () => {
    const ours = INTERRUPTION_RULES.map((rule) => JSON.parse(interruptionEventPattern(rule)) as unknown);
    const theirs = referenceRules.map((r) => r.Properties.EventPattern);
    expect(ours).toHaveLength(theirs.length);
    expect(ours).toEqual(expect.arrayContaining(theirs));
  });

  it("keeps rule keys short enough for EventBridge's 64-character names with the longest component name", () => {
    for (const rule of INTERRUPTION_RULES)
      expect(`karpenter-${rule.key}`.length, rule.key).toBeLessThanOrEqual("karpenter-controller".length);
  });

  it("matches Spot interruption warnings, rebalance recommendations, state changes and AWS Health events", () => {
    const patterns = Object.fromEntries(
      INTERRUPTION_RULES.map((rule) => [rule.key, JSON.parse(interruptionEventPattern(rule))]),
    );
    expect(patterns.spot).toEqual({
      source: ["aws.ec2"],
      "detail-type": ["EC2 Spot Instance Interruption Warning"],
    });
    expect(patterns.rebalance).toEqual({
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance Rebalance Recommendation"],
    });
    expect(patterns.state).toEqual({
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
    });
    expect(patterns.health).toEqual({ source: ["aws.health"], "detail-type": ["AWS Health Event"] });
  });

  it("keeps messages as long as the documented queue does", () => {
    const queue = template.KarpenterInterruptionQueue!.Properties;
    expect(INTERRUPTION_MESSAGE_RETENTION_SECONDS).toBe(queue.MessageRetentionPeriod);
  });
});

describe("the interruption queue's policy", () => {
  const queueArn = "arn:aws:sqs:eu-west-1:111122223333:dev-karpenter-interruption-1a2b3c4";
  const ruleArns = [
    "arn:aws:events:eu-west-1:111122223333:rule/dev-karpenter-spot-interruption-5d6e7f8",
    "arn:aws:events:eu-west-1:111122223333:rule/dev-karpenter-rebalance-9a8b7c6",
  ];
  const policy = JSON.parse(interruptionQueuePolicy(queueArn, ruleArns)) as {
    Statement: { Effect: string; Principal: unknown; Action: string; Resource: string; Condition: unknown }[];
  };

  it("lets EventBridge send only for this cluster's rules", () => {
    const allow = policy.Statement.filter((s) => s.Effect === "Allow");
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
    });
  });

  it("refuses any request without TLS", () => {
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
  });
});
