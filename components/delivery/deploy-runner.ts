import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, componentType, named, serviceTrustPolicy, withLegacyType } from "../core";
import { DEPLOY_RUNNER_ARGS, type DeployRunnerArgs } from "./args";
import { runnerPolicy } from "./runner-policy";

/** The webhook event that starts one runner build per queued workflow job. */
export const WORKFLOW_JOB_QUEUED = "WORKFLOW_JOB_QUEUED";

/**
 * A GitHub Actions runner inside the VPC: an AWS CodeBuild project in the private subnets whose
 * webhook starts one ephemeral build per queued workflow job that asks for
 * `codebuild-<projectName>-<run id>-<run attempt>`. It needs only the network, so a stack creates it
 * before its cluster, and the cluster lets its security group call the API
 * (`ClusterArgs.apiClientSecurityGroupIds`).
 *
 * Its security group allows HTTPS out (GitHub, npm, AWS APIs through the NAT; the cluster's API)
 * and nothing in. Its log group is created first with a retention and the logs key.
 */
export class DeployRunner extends pulumi.ComponentResource {
  public readonly projectName: pulumi.Output<string>;
  public readonly projectArn: pulumi.Output<string>;
  /** The runner's security group: allow it where the runner must connect (the cluster's API). */
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, rawArgs: DeployRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = DEPLOY_RUNNER_ARGS.parse(rawArgs, name, undefined);
    super(componentType("DeployRunner"), name, {}, withLegacyType("infra:delivery:DeployRunner", opts));
    const parent = { parent: this };
    const tags = componentTags("delivery", args.tags);
    const logGroupName = `/aws/codebuild/${args.projectName}`;

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: logGroupName,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      parent,
    );

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-runner`,
      {
        vpcId: args.vpcId,
        description: `GitHub Actions runner ${args.projectName}: HTTPS out only`,
        revokeRulesOnDelete: true,
        tags: named(tags, `${args.projectName}`),
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-https-out`,
      {
        securityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "GitHub, npm and AWS APIs (through the NAT), the cluster's API",
        tags: named(tags, `${args.projectName}-https-out`),
      },
      parent,
    );

    const scope = pulumi.output(aws.getCallerIdentityOutput({}, parent));
    const region = aws.getRegionOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent);
    const role = new aws.iam.Role(
      `${name}-runner`,
      {
        description: `CodeBuild project ${args.projectName}: GitHub Actions runner in the VPC`,
        // CodeBuild sets aws:SourceAccount and aws:SourceArn (the project) when it assumes the role.
        assumeRolePolicy: pulumi
          .all([partition.partition, region.name, scope.accountId])
          .apply(([partitionName, regionName, accountId]) =>
            serviceTrustPolicy({
              service: "codebuild.amazonaws.com",
              sourceAccount: accountId,
              sourceArnLike: `arn:${partitionName}:codebuild:${regionName}:${accountId}:project/${args.projectName}`,
            }),
          ),
        tags,
      },
      parent,
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-runner`,
      {
        role: role.id,
        policy: pulumi
          .all([
            partition.partition,
            region.name,
            scope.accountId,
            args.connectionArn,
            pulumi.output(args.subnetIds),
          ])
          .apply(([partitionName, regionName, accountId, connectionArn, subnetIds]) =>
            runnerPolicy({
              partition: partitionName,
              region: regionName,
              accountId,
              logGroupName,
              connectionArn,
              subnetArns: subnetIds.map(
                (id) => `arn:${partitionName}:ec2:${regionName}:${accountId}:subnet/${id}`,
              ),
            }),
          ),
      },
      parent,
    );

    const project = new aws.codebuild.Project(
      `${name}-runner`,
      {
        name: args.projectName,
        description: `GitHub Actions runner for ${args.repository}, inside the VPC`,
        serviceRole: role.arn,
        buildTimeout: args.buildTimeoutMinutes,
        artifacts: { type: "NO_ARTIFACTS" },
        environment: {
          type: "LINUX_CONTAINER",
          computeType: args.computeType,
          image: args.image,
          imagePullCredentialsType: "CODEBUILD",
        },
        source: {
          type: "GITHUB",
          location: `https://github.com/${args.repository}.git`,
          auth: { type: "CODECONNECTIONS", resource: args.connectionArn },
        },
        vpcConfig: {
          vpcId: args.vpcId,
          subnets: args.subnetIds,
          securityGroupIds: [securityGroup.id],
        },
        logsConfig: { cloudwatchLogs: { groupName: logGroup.name, status: "ENABLED" } },
        tags: named(tags, args.projectName),
      },
      // The role can open network interfaces and write logs before the first build.
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );
    new aws.codebuild.Webhook(
      `${name}-runner`,
      {
        projectName: project.name,
        buildType: "BUILD",
        filterGroups: [{ filters: [{ type: "EVENT", pattern: WORKFLOW_JOB_QUEUED }] }],
      },
      parent,
    );

    this.projectName = project.name;
    this.projectArn = project.arn;
    this.securityGroupId = securityGroup.id;
    this.roleArn = role.arn;
    this.registerOutputs({
      projectName: this.projectName,
      projectArn: this.projectArn,
      securityGroupId: this.securityGroupId,
      roleArn: this.roleArn,
    });
  }
}
