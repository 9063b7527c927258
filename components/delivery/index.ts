export { GithubOidc } from "./github-oidc";
export type { GithubOidcArgs } from "./args";
export { GITHUB_OIDC_DEFAULTS } from "./defaults";
export type { GithubOidcDefaults } from "./defaults";
export { validateGithubOidcArgs } from "./validate";
export {
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  STS_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  managedPolicyArn,
} from "./trust-policy";
