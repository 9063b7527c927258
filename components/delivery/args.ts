import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";

/** Arguments of `GithubOidc`: GitHub Actions' OIDC provider and the roles CI assumes through it. */
export interface GithubOidcArgs {
  /** The GitHub repository whose workflows may assume the roles, `owner/name`. Required. */
  readonly repository: string;
  /** Selects the defaults in `GITHUB_OIDC_DEFAULTS`. @default "production" */
  readonly profile?: Profile;
  /**
   * GitHub Environments whose jobs may assume the deploy role (token subject
   * `repo:<owner>/<name>:environment:<env>`); give each required reviewers and a deployment branch
   * rule. @default ["production"] (production) / ["dev"] (development)
   */
  readonly deployEnvironments?: readonly string[];
  /**
   * Managed policies of the deploy role: AWS-managed policy names (`AdministratorAccess`) or full
   * policy ARNs. @default ["AdministratorAccess"]
   */
  readonly deployManagedPolicies?: readonly string[];
  /** Permissions boundary of the deploy role: caps whatever its policies grant. @default none */
  readonly deployPermissionsBoundaryArn?: pulumi.Input<string>;
  /**
   * Token subjects, after `repo:<owner>/<name>:`, that may assume the read-only role: refs
   * (`ref:refs/heads/main`), `pull_request`, environments (`environment:<env>`).
   * @default ["ref:refs/heads/main", "pull_request"]
   */
  readonly readOnlySubjects?: readonly string[];
  /** Managed policies of the read-only role, names or ARNs. @default ["ReadOnlyAccess"] */
  readonly readOnlyManagedPolicies?: readonly string[];
  /**
   * KMS keys the read-only role may decrypt with: the stacks' secrets provider key, which a preview
   * needs to read the stack's secrets. @default []
   */
  readonly secretsKmsKeyArns?: readonly pulumi.Input<string>[];
  /** Longest session of either role, in seconds (3600 to 43200). @default 3600 (production) / 7200 (development) */
  readonly maxSessionDurationSeconds?: number;
  /**
   * The account's existing GitHub OIDC provider (an account holds one provider per issuer URL).
   * @default a new provider for https://token.actions.githubusercontent.com
   */
  readonly existingOidcProviderArn?: pulumi.Input<string>;
  /** Extra tags on the provider and the roles. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Arguments of `DeployRunner`: an AWS CodeBuild project registered as a GitHub Actions runner inside
 * the stack's VPC, so the pipeline reaches a cluster whose API endpoint is private.
 */
export interface DeployRunnerArgs {
  /**
   * CodeBuild project name (2-150 characters: letters, digits, `-`, `_`). Workflows request the
   * runner with the label `codebuild-<projectName>-<run id>-<run attempt>`.
   */
  readonly projectName: string;
  /** The GitHub repository whose workflow jobs the runner takes, `owner/name`. */
  readonly repository: string;
  /**
   * ARN of the AWS CodeConnections (or CodeStar Connections) connection to GitHub, created and
   * authorised once in the console (the authorisation is an OAuth handshake no API can do).
   */
  readonly connectionArn: pulumi.Input<string>;
  /** The VPC the runner runs in. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets with a NAT route (the runner reaches GitHub, npm and AWS APIs through it). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** CodeBuild compute type. @default "BUILD_GENERAL1_MEDIUM" (4 GiB, 2 vCPUs: npm ci and a Pulumi run) */
  readonly computeType?: string;
  /** CodeBuild image. @default "aws/codebuild/standard:7.0" (Ubuntu) */
  readonly image?: string;
  /** Longest job, in minutes (5-2160). @default 120 */
  readonly buildTimeoutMinutes?: number;
  /** Retention of the runner's log group (days; a CloudWatch Logs retention value). @default profile: 7 / 90 */
  readonly logRetentionDays?: number;
  /** Customer KMS key of the runner's log group. @default CloudWatch Logs' own encryption */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** `development` or `production`: selects the defaults. @default "production" */
  readonly profile?: Profile;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}
