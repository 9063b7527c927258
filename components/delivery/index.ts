export { GithubOidc } from "./github-oidc";
export { GITHUB_OIDC_ARGS } from "./args";
export type { GithubOidcArgs, ResolvedGithubOidcArgs } from "./args";
export { validateGithubOidcArgs } from "./validate";
export {
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  STS_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  managedPolicyArn,
} from "./trust-policy";
