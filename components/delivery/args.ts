import { z } from "zod";
import {
  byProfile,
  defineArgs,
  input,
  kmsKeyArn,
  logRetentionDays,
  matching,
  PLATFORM_LOG_RETENTION_DAYS,
  profileField,
  show,
  tagsField,
  uniqueBy,
  wholeNumber,
  type ArgsOf,
  type ResolvedArgsOf,
} from "../core";
import { policyKey } from "./trust-policy";

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const ENVIRONMENT = /^[^*?:\s][^*?:]{0,254}$/;
/** The token subjects GitHub mints: refs, pull requests, environments. */
const SUBJECT = /^(ref:refs\/(heads|tags)\/[^\s]+|pull_request|environment:[^*?:\s][^*?:]*)$/;
const POLICY = /^(arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+|[\w+=,.@-]+)$/;
const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\//;

function policies(path: string) {
  return uniqueBy(
    z
      .array(
        matching(
          POLICY,
          (v) =>
            `${show(v)} is neither an AWS-managed policy name (e.g. "ReadOnlyAccess") nor an IAM policy ARN`,
        ),
      )
      .min(1, { error: "is empty; a role without policies can do nothing, so give it at least one" }),
    (policy) => (typeof policy === "string" ? policyKey(policy) : undefined),
    (name, first) =>
      `two policies are named ${show(name)} (also ${path}[${first}]); each policy name may appear once`,
  );
}

/** The one definition of the GithubOidc component's arguments. */
export const GITHUB_OIDC_ARGS = defineArgs({
  component: "GithubOidc",
  description:
    "GitHub Actions' way into the account without long-lived keys: the OIDC provider for token.actions.githubusercontent.com, a deploy role trusted only by approved GitHub Environments, and a read-only role for the drift check and previews.",
  schema: (profile) =>
    z.strictObject({
      repository: matching(
        REPOSITORY,
        (v) => `${show(v)} is not a GitHub repository; write "owner/name" (no wildcards), e.g. "acme/infra"`,
      ).describe("The GitHub repository whose workflows may assume the roles, `owner/name`."),
      profile: profileField,
      deployEnvironments: uniqueBy(
        z
          .array(
            matching(
              ENVIRONMENT,
              (v) =>
                `${show(v)} is not a GitHub Environment name; names have no wildcards (* ?) or colons, e.g. "production"`,
            ),
          )
          .min(1, {
            error: "is empty; name at least one GitHub Environment (with required reviewers) that deploys",
          }),
        (env) => env,
        (env) => `${show(env)} is listed twice; list each environment once`,
      )
        .default(byProfile(profile, { development: ["dev"], production: ["production"] }))
        .describe(
          "GitHub Environments whose jobs may assume the deploy role (subject `repo:<owner>/<name>:environment:<env>`); give each required reviewers and a deployment branch rule.",
        ),
      deployManagedPolicies: policies("deployManagedPolicies")
        .default(["AdministratorAccess"])
        .describe("Managed policies of the deploy role: AWS-managed policy names or full policy ARNs."),
      deployPermissionsBoundaryArn: input(
        matching(
          POLICY_ARN,
          (v) => `${show(v)} is not an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)`,
        ),
      )
        .optional()
        .describe("Permissions boundary of the deploy role: caps whatever its policies grant."),
      readOnlySubjects: z
        .array(
          matching(
            SUBJECT,
            (v) =>
              `${show(v)} is not a token subject of this repository; use "ref:refs/heads/<branch>", "ref:refs/tags/<tag>", "pull_request" or "environment:<name>"`,
          ),
        )
        .min(1, {
          error:
            'is empty; list who runs the drift check and previews, e.g. ["ref:refs/heads/main", "pull_request"]',
        })
        .default(["ref:refs/heads/main", "pull_request"])
        .describe(
          "Token subjects, after `repo:<owner>/<name>:`, that may assume the read-only role: refs, `pull_request`, `environment:<env>`.",
        ),
      readOnlyManagedPolicies: policies("readOnlyManagedPolicies")
        .default(["ReadOnlyAccess"])
        .describe("Managed policies of the read-only role, names or ARNs."),
      secretsKmsKeyArns: z
        .array(
          input(
            matching(
              KMS_KEY,
              (v) => `${show(v)} is not a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)`,
            ),
          ),
        )
        .default([])
        .describe(
          "KMS keys the read-only role may decrypt with: the stacks' secrets provider key, which a preview needs.",
        ),
      maxSessionDurationSeconds: wholeNumber(
        3600,
        43200,
        (v) =>
          `${show(v)} is outside what IAM allows; use whole seconds from 3600 (1 hour) to 43200 (12 hours)`,
      )
        .default(byProfile(profile, { development: 7200, production: 3600 }))
        .describe("Longest session of either role, in seconds (3600 to 43200)."),
      existingOidcProviderArn: input(z.string())
        .optional()
        .describe(
          "The account's existing GitHub OIDC provider (an account holds one per issuer URL). Default: a new provider for https://token.actions.githubusercontent.com.",
        ),
      tags: tagsField(),
    }),
  outputs: z.object({
    oidcProviderArn: z
      .string()
      .describe("ARN of the OIDC provider (created here, or the existing one passed in)."),
    deployRoleArn: z.string(),
    deployRoleName: z.string(),
    readOnlyRoleArn: z.string(),
    readOnlyRoleName: z.string(),
  }),
}).withRules([]);

/** GithubOidc arguments as a caller writes them. */
export type GithubOidcArgs = ArgsOf<typeof GITHUB_OIDC_ARGS>;
/** GithubOidc arguments with every default filled in. */
export type ResolvedGithubOidcArgs = ResolvedArgsOf<typeof GITHUB_OIDC_ARGS>;

const CONNECTION =
  /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;

/**
 * The one definition of the DeployRunner component's arguments: an AWS CodeBuild project registered
 * as a GitHub Actions runner inside the stack's VPC, so the pipeline reaches a private cluster API.
 */
export const DEPLOY_RUNNER_ARGS = defineArgs({
  component: "DeployRunner",
  description:
    "A GitHub Actions runner inside the VPC: an AWS CodeBuild project in the private subnets whose webhook starts one ephemeral build per queued workflow job; HTTPS out only, its log group created first with a retention and the logs key.",
  schema: (profile) =>
    z.strictObject({
      projectName: matching(
        PROJECT_NAME,
        (v) =>
          `${show(v)} is not a CodeBuild project name (2-150 letters, digits, - and _, starting with a letter or digit)`,
      ).describe(
        "CodeBuild project name; workflows request the runner with the label `codebuild-<projectName>-<run id>-<run attempt>`.",
      ),
      repository: matching(
        REPOSITORY,
        (v) => `${show(v)} is not a GitHub repository; write "owner/name", e.g. "acme/infra"`,
        'required: the GitHub repository whose jobs the runner takes, "owner/name"',
      ).describe("The GitHub repository whose workflow jobs the runner takes, `owner/name`."),
      connectionArn: input(
        matching(
          CONNECTION,
          (v) =>
            `${show(v)} is not a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)`,
          "required: the ARN of the AWS CodeConnections connection to GitHub (created and authorised once in the console)",
        ),
      ).describe(
        "ARN of the AWS CodeConnections connection to GitHub, created and authorised once in the console (an OAuth handshake no API can do).",
      ),
      vpcId: input(z.string()).describe("The VPC the runner runs in."),
      subnetIds: input(z.array(input(z.string()))).describe(
        "Private subnets with a NAT route (the runner reaches GitHub, npm and AWS APIs through it).",
      ),
      computeType: z
        .string()
        .default("BUILD_GENERAL1_MEDIUM")
        .describe(
          "CodeBuild compute type (the default: 4 GiB, 2 vCPUs, enough for npm ci and a Pulumi run).",
        ),
      image: input(z.string())
        // Ubuntu, like the GitHub-hosted runners the workflows were written for (bash, apt).
        .default("aws/codebuild/standard:7.0")
        .describe(
          "CodeBuild image: a CodeBuild-managed image name or an image URI (e.g. an ECR repository's).",
        ),
      buildTimeoutMinutes: wholeNumber(5, 2160, (v) => `${show(v)} is outside CodeBuild's 5-2160 minutes`)
        .default(120)
        .describe("Longest job, in minutes (5-2160)."),
      logRetentionDays: logRetentionDays()
        .default(PLATFORM_LOG_RETENTION_DAYS[profile])
        .describe("Retention of the runner's log group (days; a CloudWatch Logs retention value)."),
      logsKmsKeyArn: kmsKeyArn()
        .optional()
        .describe("Customer KMS key of the runner's log group. Default: CloudWatch Logs' own encryption."),
      profile: profileField,
      tags: tagsField(),
    }),
  outputs: z.object({
    projectName: z.string(),
    projectArn: z.string(),
    securityGroupId: z
      .string()
      .describe("The runner's security group: allow it where the runner must connect (the cluster's API)."),
    roleArn: z.string(),
  }),
}).withRules([]);

/** DeployRunner arguments as a caller writes them. */
export type DeployRunnerArgs = ArgsOf<typeof DEPLOY_RUNNER_ARGS>;
