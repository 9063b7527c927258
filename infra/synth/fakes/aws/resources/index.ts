import { CLOUDWATCH_RESOURCES } from "./cloudwatch";
import { CODEBUILD_RESOURCES } from "./codebuild";
import { EC2_RESOURCES } from "./ec2";
import { EKS_RESOURCES } from "./eks";
import { IAM_RESOURCES } from "./iam";
import { KMS_RESOURCES } from "./kms";
import { RDS_RESOURCES } from "./rds";
import { RESOURCE_GROUPS_RESOURCES } from "./resourcegroups";
import { SCHEDULER_RESOURCES } from "./scheduler";
import { SNS_RESOURCES } from "./sns";
import { SQS_RESOURCES } from "./sqs";
import type { FakeResourceTable } from "./types";

/** Every AWS resource type the fake AWS knows, by type token. */
export const AWS_RESOURCES: FakeResourceTable = {
  ...CLOUDWATCH_RESOURCES,
  ...CODEBUILD_RESOURCES,
  ...EC2_RESOURCES,
  ...EKS_RESOURCES,
  ...IAM_RESOURCES,
  ...KMS_RESOURCES,
  ...RDS_RESOURCES,
  ...RESOURCE_GROUPS_RESOURCES,
  ...SCHEDULER_RESOURCES,
  ...SNS_RESOURCES,
  ...SQS_RESOURCES,
};

export type { FakeResource, FakeResourceType, FakeResourceTable } from "./types";
