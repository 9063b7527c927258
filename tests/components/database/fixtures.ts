import type { PostgresArgs } from "../../../components/database";

export const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:platform-alarms";
export const PAGE_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:platform-page";
export const VPC_ID = "vpc-0a1b2c3d4e5f60718";
export const SUBNET_IDS = [
  "subnet-0aaaaaaaaaaaaaaa1",
  "subnet-0bbbbbbbbbbbbbbb2",
  "subnet-0ccccccccccccccc3",
];
export const NODE_SG_ID = "sg-0123456789abcdef0";

/** Args that pass validation in every profile; tests override one field at a time. */
export function validArgs(overrides: Partial<PostgresArgs> = {}): PostgresArgs {
  return {
    vpcId: VPC_ID,
    subnetIds: SUBNET_IDS,
    allowedSecurityGroupIds: { "cluster-nodes": NODE_SG_ID },
    alertTopicArn: TOPIC_ARN,
    pageTopicArn: PAGE_TOPIC_ARN,
    engineVersion: "17",
    ...overrides,
  };
}
