import type { ValidationIssue } from "../core";
import { DEPLOY_RUNNER_ARGS, GITHUB_OIDC_ARGS, type DeployRunnerArgs, type GithubOidcArgs } from "./args";

/** Every problem with `GithubOidc` args, each with its arg path. Outputs are not checked. */
export function validateGithubOidcArgs(args: GithubOidcArgs): ValidationIssue[] {
  return GITHUB_OIDC_ARGS.issues(args, undefined);
}

/** Every problem with `DeployRunner` args, each with its arg path. Outputs are not checked. */
export function validateDeployRunnerArgs(args: DeployRunnerArgs): ValidationIssue[] {
  return DEPLOY_RUNNER_ARGS.issues(args, undefined);
}
