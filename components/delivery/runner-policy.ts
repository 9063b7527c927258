/**
 * What the CodeBuild runner's service role may do, and nothing more: write its own log group, manage
 * the network interfaces CodeBuild puts in the VPC (the permissions the CodeBuild User Guide lists
 * for VPC builds, `CreateNetworkInterfacePermission` only for CodeBuild in the runner's subnets),
 * and use the GitHub connection. The jobs themselves get AWS access by assuming the pipeline's roles
 * through GitHub OIDC, not from this role.
 */
export interface RunnerPolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly logGroupName: string;
  readonly connectionArn: string;
  readonly subnetArns: readonly string[];
}

export function runnerPolicy(scope: RunnerPolicyScope): string {
  const { partition, region, accountId } = scope;
  const logGroup = `arn:${partition}:logs:${region}:${accountId}:log-group:${scope.logGroupName}`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [logGroup, `${logGroup}:*`],
      },
      {
        Sid: "VpcNetworkInterfaces",
        Effect: "Allow",
        Action: [
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:DescribeDhcpOptions",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcs",
        ],
        Resource: "*",
      },
      {
        Sid: "NetworkInterfacesInRunnerSubnets",
        Effect: "Allow",
        Action: "ec2:CreateNetworkInterfacePermission",
        Resource: `arn:${partition}:ec2:${region}:${accountId}:network-interface/*`,
        Condition: {
          StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
          ArnEquals: { "ec2:Subnet": [...scope.subnetArns] },
        },
      },
      {
        Sid: "GithubConnection",
        Effect: "Allow",
        Action: [
          "codeconnections:GetConnection",
          "codeconnections:GetConnectionToken",
          "codeconnections:UseConnection",
          "codestar-connections:GetConnection",
          "codestar-connections:GetConnectionToken",
          "codestar-connections:UseConnection",
        ],
        Resource: scope.connectionArn,
      },
    ],
  });
}
