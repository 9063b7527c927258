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
