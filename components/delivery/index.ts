export { GithubOidc } from "./github-oidc";
export { DeployRunner, WORKFLOW_JOB_QUEUED } from "./deploy-runner";
export { DEPLOY_RUNNER_ARGS, GITHUB_OIDC_ARGS } from "./args";
export type { DeployRunnerArgs, GithubOidcArgs, ResolvedGithubOidcArgs } from "./args";
export { runnerPolicy } from "./runner-policy";
export { validateDeployRunnerArgs, validateGithubOidcArgs } from "./validate";
export {
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  STS_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  managedPolicyArn,
} from "./trust-policy";
