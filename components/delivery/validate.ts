import * as pulumi from "@pulumi/pulumi";
import { checkProfile, IssueCollector, show, type ValidationIssue } from "../core";
import { logRetentionProblem } from "../core/log-groups";
import type { DeployRunnerArgs, GithubOidcArgs } from "./args";
import { policyKey } from "./trust-policy";

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const ENVIRONMENT = /^[^*?:\s][^*?:]{0,254}$/;
/** The token subjects GitHub mints: refs, pull requests, environments. */
const SUBJECT = /^(ref:refs\/(heads|tags)\/[^\s]+|pull_request|environment:[^*?:\s][^*?:]*)$/;
const POLICY = /^(arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+|[\w+=,.@-]+)$/;
const CONNECTION =
  /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/;
const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/;

/** Every problem with `GithubOidc` args, each with its arg path. Outputs are not checked. */
export function validateGithubOidcArgs(args: GithubOidcArgs): ValidationIssue[] {
  const issues = new IssueCollector();

  issues.check(
    typeof args.repository === "string" && REPOSITORY.test(args.repository),
    "repository",
    `${show(args.repository)} is not a GitHub repository; write "owner/name" (no wildcards), e.g. "acme/infra"`,
  );
  checkProfile(issues, args.profile);

  if (args.deployEnvironments !== undefined) {
    issues.check(
      args.deployEnvironments.length > 0,
      "deployEnvironments",
      "is empty; name at least one GitHub Environment (with required reviewers) that deploys",
    );
    args.deployEnvironments.forEach((env, i) =>
      issues.check(
        ENVIRONMENT.test(env),
        `deployEnvironments[${i}]`,
        `${show(env)} is not a GitHub Environment name; names have no wildcards (* ?) or colons, e.g. "production"`,
      ),
    );
    duplicates(args.deployEnvironments).forEach((env) =>
      issues.add("deployEnvironments", `${show(env)} is listed twice; list each environment once`),
    );
  }

  if (args.readOnlySubjects !== undefined) {
    issues.check(
      args.readOnlySubjects.length > 0,
      "readOnlySubjects",
      'is empty; list who runs the drift check and previews, e.g. ["ref:refs/heads/main", "pull_request"]',
    );
    args.readOnlySubjects.forEach((subject, i) =>
      issues.check(
        SUBJECT.test(subject),
        `readOnlySubjects[${i}]`,
        `${show(subject)} is not a token subject of this repository; use "ref:refs/heads/<branch>", "ref:refs/tags/<tag>", "pull_request" or "environment:<name>"`,
      ),
    );
  }

  for (const key of ["deployManagedPolicies", "readOnlyManagedPolicies"] as const) {
    const policies = args[key];
    if (policies === undefined) continue;
    issues.check(
      policies.length > 0,
      key,
      "is empty; a role without policies can do nothing, so give it at least one",
    );
    policies.forEach((policy, i) =>
      issues.check(
        POLICY.test(policy),
        `${key}[${i}]`,
        `${show(policy)} is neither an AWS-managed policy name (e.g. "ReadOnlyAccess") nor an IAM policy ARN`,
      ),
    );
    duplicates(policies.map(policyKey)).forEach((name) =>
      issues.add(key, `two policies are named ${show(name)}; each policy name may appear once`),
    );
  }

  (args.secretsKmsKeyArns ?? []).forEach((arn, i) => {
    if (typeof arn === "string")
      issues.check(
        KMS_KEY.test(arn),
        `secretsKmsKeyArns[${i}]`,
        `${show(arn)} is not a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)`,
      );
  });

  const session = args.maxSessionDurationSeconds;
  if (session !== undefined)
    issues.check(
      Number.isInteger(session) && session >= 3600 && session <= 43200,
      "maxSessionDurationSeconds",
      `${show(session)} is outside what IAM allows; use whole seconds from 3600 (1 hour) to 43200 (12 hours)`,
    );

  if (
    args.deployPermissionsBoundaryArn !== undefined &&
    !pulumi.Output.isInstance(args.deployPermissionsBoundaryArn)
  ) {
    const boundary = args.deployPermissionsBoundaryArn;
    issues.check(
      typeof boundary === "string" && /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\//.test(boundary),
      "deployPermissionsBoundaryArn",
      `${show(boundary)} is not an IAM policy ARN (arn:aws:iam::<account>:policy/<name>)`,
    );
  }
  return [...issues.issues];
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;

/** Every problem with `DeployRunner` args, each with its arg path. Outputs are not checked. */
export function validateDeployRunnerArgs(args: DeployRunnerArgs): ValidationIssue[] {
  const issues = new IssueCollector();
  issues.check(
    typeof args.projectName === "string" && PROJECT_NAME.test(args.projectName),
    "projectName",
    `${show(args.projectName)} is not a CodeBuild project name (2-150 letters, digits, - and _, starting with a letter or digit)`,
  );
  if (args.repository === undefined) {
    issues.add("repository", `required: the GitHub repository whose jobs the runner takes, "owner/name"`);
  } else {
    issues.check(
      REPOSITORY.test(args.repository),
      "repository",
      `${show(args.repository)} is not a GitHub repository; write "owner/name", e.g. "acme/infra"`,
    );
  }
  if (args.connectionArn === undefined) {
    issues.add(
      "connectionArn",
      "required: the ARN of the AWS CodeConnections connection to GitHub (created and authorised once in the console)",
    );
  } else if (typeof args.connectionArn === "string") {
    issues.check(
      CONNECTION.test(args.connectionArn),
      "connectionArn",
      `${show(args.connectionArn)} is not a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)`,
    );
  }
  const timeout = args.buildTimeoutMinutes;
  if (timeout !== undefined)
    issues.check(
      Number.isInteger(timeout) && timeout >= 5 && timeout <= 2160,
      "buildTimeoutMinutes",
      `${show(timeout)} is outside CodeBuild's 5-2160 minutes`,
    );
  if (args.logRetentionDays !== undefined) {
    const problem = logRetentionProblem(args.logRetentionDays);
    if (problem) issues.add("logRetentionDays", `${show(args.logRetentionDays)} ${problem}`);
  }
  checkProfile(issues, args.profile);
  return [...issues.issues];
}
