import type { ValidationIssue } from "../core";
import { GITHUB_OIDC_ARGS, type GithubOidcArgs } from "./args";

/** Every problem with `GithubOidc` args, each with its arg path. Outputs are not checked. */
export function validateGithubOidcArgs(args: GithubOidcArgs): ValidationIssue[] {
  return GITHUB_OIDC_ARGS.issues(args, undefined);
}
