import { describe, expect, it } from "vitest";
import { runnerPolicy, validateDeployRunnerArgs, type DeployRunnerArgs } from "../../../components/delivery";

const ARGS: DeployRunnerArgs = {
  projectName: "infra-dev-deploy-runner",
  repository: "acme/infra",
  connectionArn: "arn:aws:codeconnections:eu-west-1:111122223333:connection/0b1c2d3e-4f50",
  vpcId: "vpc-1",
  subnetIds: ["subnet-1"],
};

describe("DeployRunner arguments", () => {
  it("accepts a complete set and a CodeStar Connections ARN", () => {
    expect(validateDeployRunnerArgs(ARGS)).toEqual([]);
    expect(
      validateDeployRunnerArgs({
        ...ARGS,
        connectionArn: "arn:aws:codestar-connections:eu-west-1:111122223333:connection/abc",
      }),
    ).toEqual([]);
  });

  it("names every missing or malformed argument at once", () => {
    const issues = validateDeployRunnerArgs({
      ...ARGS,
      projectName: "-bad",
      repository: undefined as unknown as string,
      connectionArn: "arn:aws:iam::111122223333:role/x",
      buildTimeoutMinutes: 4,
      logRetentionDays: 8,
    });
    expect(issues.map((i) => i.path)).toEqual([
      "projectName",
      "repository",
      "connectionArn",
      "buildTimeoutMinutes",
      "logRetentionDays",
    ]);
  });
});

it("says what a missing repository or connection is for", () => {
  const issues = validateDeployRunnerArgs({
    ...ARGS,
    repository: undefined as unknown as string,
    connectionArn: undefined as unknown as string,
  });
  expect(issues.map((i) => [i.path, i.message.split(":")[0]])).toEqual([
    ["repository", "required"],
    ["connectionArn", "required"],
  ]);
});

describe("the runner role's policy", () => {
  const policy = JSON.parse(
    runnerPolicy({
      partition: "aws",
      region: "eu-west-1",
      accountId: "111122223333",
      logGroupName: "/aws/codebuild/infra-dev-deploy-runner",
      connectionArn: ARGS.connectionArn as string,
      subnetArns: ["arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-1"],
    }),
  ) as {
    Statement: { Sid: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[];
  };
  const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid)!;

  it("writes only its own log group", () => {
    expect(statement("OwnLogs").Resource).toEqual([
      "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/codebuild/infra-dev-deploy-runner",
      "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/codebuild/infra-dev-deploy-runner:*",
    ]);
  });

  it("lets CodeBuild attach network interfaces only in the runner's subnets", () => {
    expect(statement("NetworkInterfacesInRunnerSubnets").Condition).toEqual({
      StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
      ArnEquals: { "ec2:Subnet": ["arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-1"] },
    });
  });

  it("uses only the given GitHub connection and grants no deploy rights (jobs assume roles through OIDC)", () => {
    expect(statement("GithubConnection").Resource).toBe(ARGS.connectionArn);
    const actions = policy.Statement.flatMap((s) => [s.Action].flat());
    expect(actions.some((a) => /^(iam|eks|sts|s3|rds):/.test(a))).toBe(false);
  });
});
