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
import { DEFAULT_RUNBOOK_BASE_URL } from "../core/alerting";
import { policyKey } from "./trust-policy";

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
/** GitHub Environment names that also fit an IAM role name (`<component>-deploy-<env>-<7 hex>`). */
const ENVIRONMENT = /^[A-Za-z0-9_.-]{1,32}$/;
/** The token subjects GitHub mints: refs, pull requests, environments. */
const SUBJECT = /^(ref:refs\/(heads|tags)\/[^\s]+|pull_request|environment:[^*?:\s][^*?:]*)$/;
const POLICY = /^(arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+|[\w+=,.@-]+)$/;
const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\//;
/** A workflow file of the repository at a ref: `.github/workflows/<file>@<ref>`. */
const WORKFLOW = /^\.github\/workflows\/[\w.-]+\.ya?ml@refs\/(heads|tags|pull)\/[^\s]+$/;
const REPOSITORY_ID = /^[1-9]\d{0,19}$/;
/** The GitHub Environment pull-request previews run in: its required reviewers gate the secrets. */
export const PULL_REQUEST_PREVIEW_ENVIRONMENT = "pull-request-preview";

function workflows(what: string) {
  return z
    .array(
      matching(
        WORKFLOW,
        (v) =>
          `${show(v)} is not a workflow of this repository at a ref; write ".github/workflows/<file>.yml@refs/heads/main"`,
      ),
    )
    .min(1, { error: `is empty; name the workflow(s) whose jobs ${what}` });
}

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
      repositoryId: matching(
        REPOSITORY_ID,
        (v) =>
          `${show(v)} is not a GitHub repository id (digits, from \`gh api repos/<owner>/<name> --jq .id\`)`,
        "required: the repository's numeric id (`gh api repos/<owner>/<name> --jq .id`); unlike its name it cannot be taken over by a renamed or re-created repository",
      ).describe(
        "The repository's numeric id (`gh api repos/<owner>/<name> --jq .id`): the roles trust only tokens with this `repository_id`, so a deleted and re-created repository of the same name gets nothing.",
      ),
      profile: profileField,
      deployEnvironments: uniqueBy(
        z
          .array(
            matching(
              ENVIRONMENT,
              (v) =>
                `${show(v)} is not a usable GitHub Environment name; use 1-32 letters, digits, "-", "_" or ".", e.g. "production" (it is part of the deploy role's name)`,
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
          "GitHub Environments with a deploy role each (`<component>-deploy-<env>`), trusted only by jobs of that environment (subject `repo:<owner>/<name>:environment:<env>`); give each required reviewers and a deployment branch rule. With an account per environment, list only the environment(s) deploying to this account.",
        ),
      deployWorkflows: workflows("may deploy")
        .default([".github/workflows/pulumi-up.yml@refs/heads/main"])
        .describe(
          "Workflow files, at a ref, whose jobs may assume the deploy roles (`job_workflow_ref`; for a reusable workflow, the called file): another workflow in an approved environment gets nothing.",
        ),
      deployManagedPolicies: policies("deployManagedPolicies")
        .optional()
        .describe(
          "Extra managed policies of the deploy roles, names or ARNs; the permissions boundary still caps them. Default: none, the roles' own policy covers the services the stacks manage (components/delivery/deploy-policy.ts).",
        ),
      deployPermissionsBoundaryArn: input(
        matching(
          POLICY_ARN,
          (v) => `${show(v)} is not an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)`,
        ),
      )
        .optional()
        .describe(
          "Permissions boundary of the deploy roles: caps whatever their policies grant. Default: a boundary created here with the services the stacks manage, no IAM users or keys, no administrator policies, and no change to the pipeline's own roles.",
        ),
      readOnlySubjects: z
        .array(
          matching(
            SUBJECT,
            (v) =>
              `${show(v)} is not a token subject of this repository; use "ref:refs/heads/<branch>", "ref:refs/tags/<tag>", "pull_request" or "environment:<name>"`,
          ),
        )
        .min(1, {
          error: `is empty; list who runs the drift check and previews, e.g. ["ref:refs/heads/main", "environment:${PULL_REQUEST_PREVIEW_ENVIRONMENT}"]`,
        })
        .default(["ref:refs/heads/main", `environment:${PULL_REQUEST_PREVIEW_ENVIRONMENT}`])
        .describe(
          `Token subjects, after \`repo:<owner>/<name>:\`, that may assume the read-only role: refs, \`environment:<env>\`, \`pull_request\` (only without \`secretsKmsKeyArns\`). Pull requests preview in the \`${PULL_REQUEST_PREVIEW_ENVIRONMENT}\` environment, after a reviewer approves (docs/decisions/0010-pull-request-previews.md).`,
        ),
      readOnlyWorkflows: workflows("may read")
        .default([
          ".github/workflows/deploy.yml@refs/heads/main",
          ".github/workflows/drift.yml@refs/heads/main",
          ".github/workflows/preview.yml@refs/pull/*/merge",
        ])
        .describe(
          "Workflow files, at a ref, whose jobs may assume the read-only role (`job_workflow_ref`; `*` matches a pull request number).",
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
    deployRoleArns: z
      .record(z.string(), z.string())
      .describe("The deploy role of each environment, by environment name."),
    readOnlyRoleArn: z.string(),
    readOnlyRoleName: z.string(),
  }),
}).withRules([
  {
    path: "readOnlySubjects",
    when: (a) => a.readOnlySubjects.includes("pull_request") && a.secretsKmsKeyArns.length > 0,
    message: () =>
      `lists "pull_request" while the role may decrypt with secretsKmsKeyArns: anyone who can push a branch could add a workflow that reads every stack secret, unreviewed; use "environment:${PULL_REQUEST_PREVIEW_ENVIRONMENT}" (an environment with required reviewers) instead`,
  },
]);

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

/** The one definition of the RolloutsController component's arguments. */
export const ROLLOUTS_CONTROLLER_ARGS = defineArgs({
  component: "RolloutsController",
  description:
    "The Argo Rollouts controller (pinned official chart, with its CRDs) that runs the canary and blue-green releases of AutoscaledService, scraped by the platform's Prometheus, with alerts on aborted rollouts. The Kubernetes provider comes through the resource options.",
  schema: () =>
    z.strictObject({
      profile: profileField,
      monitoring: z
        .boolean()
        .default(true)
        .describe(
          "Scrape the controller and alert on aborted rollouts (a ServiceMonitor and a PrometheusRule: kube-prometheus-stack must be installed).",
        ),
      runbookBaseUrl: z
        .string()
        .default(DEFAULT_RUNBOOK_BASE_URL)
        .describe("Base URL of the runbooks the alerts link to."),
    }),
  outputs: z.object({
    namespace: z.string().describe("Namespace of the controller."),
  }),
}).withRules([]);

/** RolloutsController arguments as a caller writes them. */
export type RolloutsControllerArgs = ArgsOf<typeof ROLLOUTS_CONTROLLER_ARGS>;
