export { GithubOidc } from "./github-oidc";
export { DeployRunner, WORKFLOW_JOB_QUEUED } from "./deploy-runner";
export { DEPLOY_RUNNER_ARGS, GITHUB_OIDC_ARGS } from "./args";
export type { DeployRunnerArgs, GithubOidcArgs, ResolvedGithubOidcArgs } from "./args";
export { runnerPolicy } from "./runner-policy";
export { DEPLOY_SERVICES, deployPolicy, FORBIDDEN_MANAGED_POLICIES } from "./deploy-policy";
export { PULL_REQUEST_PREVIEW_ENVIRONMENT } from "./args";
export { validateDeployRunnerArgs, validateGithubOidcArgs } from "./validate";
export {
  GITHUB_OIDC_HOST,
  GITHUB_OIDC_URL,
  STS_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  githubWorkflowRefs,
  managedPolicyArn,
} from "./trust-policy";
export {
  RolloutsController,
  ROLLOUTS_CONTROLLER_TYPE,
  type RolloutsControllerOptions,
} from "./rollouts-controller";
export { ROLLOUTS_CONTROLLER_ARGS } from "./args";
export type { RolloutsControllerArgs } from "./args";
export {
  ARGO_ROLLOUTS_CHART,
  ARGO_ROLLOUTS_NAMESPACE,
  ROLLOUTS_CONTROLLER_DEFAULTS,
  argoRolloutsValues,
  rolloutAlertRules,
} from "./argo-rollouts";
