import type { ProfileDefaults } from "../core";

export interface GithubOidcDefaults {
  readonly deployEnvironments: readonly string[];
  readonly deployManagedPolicies: readonly string[];
  readonly readOnlySubjects: readonly string[];
  readonly readOnlyManagedPolicies: readonly string[];
  /** Seconds. */
  readonly maxSessionDurationSeconds: number;
}

/** Per-profile defaults of `GithubOidc`; explicit args win. */
export const GITHUB_OIDC_DEFAULTS: ProfileDefaults<GithubOidcDefaults> = {
  production: {
    deployEnvironments: ["production"],
    deployManagedPolicies: ["AdministratorAccess"],
    readOnlySubjects: ["ref:refs/heads/main", "pull_request"],
    readOnlyManagedPolicies: ["ReadOnlyAccess"],
    maxSessionDurationSeconds: 3600,
  },
  development: {
    deployEnvironments: ["dev"],
    deployManagedPolicies: ["AdministratorAccess"],
    readOnlySubjects: ["ref:refs/heads/main", "pull_request"],
    readOnlyManagedPolicies: ["ReadOnlyAccess"],
    maxSessionDurationSeconds: 7200,
  },
};

/** Defaults of `DeployRunner`; explicit args win. */
export const DEPLOY_RUNNER_DEFAULTS = {
  computeType: "BUILD_GENERAL1_MEDIUM",
  /** Ubuntu, like the GitHub-hosted runners the workflows were written for (bash, apt). */
  image: "aws/codebuild/standard:7.0",
  buildTimeoutMinutes: 120,
} as const;
