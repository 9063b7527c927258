export { GithubOidc } from "./github-oidc";
export { DeployRunner, WORKFLOW_JOB_QUEUED } from "./deploy-runner";
export type { DeployRunnerArgs, GithubOidcArgs } from "./args";
export { DEPLOY_RUNNER_DEFAULTS, GITHUB_OIDC_DEFAULTS } from "./defaults";
export { runnerPolicy } from "./runner-policy";
export type { GithubOidcDefaults } from "./defaults";
export { validateDeployRunnerArgs, validateGithubOidcArgs } from "./validate";
export {
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  STS_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  managedPolicyArn,
} from "./trust-policy";
