import type { ValidationIssue } from "../../components/core";
import { CONFIG_NAMESPACE, type EnvironmentConfig } from "../config";
import { checkAccounts, configArns } from "./accounts";
import { checkCustomResources } from "./custom-resources";
import { checkPodCapacity } from "./pod-capacity";
import { checkReachability } from "./reachability";
import { checkSecretConfig } from "./secret-config";

export { ALLOWED_ACCOUNTS_KEY, PLACEHOLDER_ACCOUNT_ID, checkAccounts, configArns } from "./accounts";
export {
  allocatable,
  maxPods,
  NODE_POOL_USABLE_SHARE,
  planCapacity,
  planNodePool,
  reservedCpuMilli,
  weakestNode,
} from "./capacity";
export type { CapacityPool, CapacityReport, NodePoolReport, Resources, Workload } from "./capacity";
export { checkCustomResources } from "./custom-resources";
export { INSTANCE_TYPES } from "./instance-types";
export { installsPrometheus, platformWorkloads } from "./platform-workloads";
export { checkPodCapacity, clusterCapacity, nodePoolCapacity } from "./pod-capacity";
export { checkReachability } from "./reachability";
export { checkSecretConfig, receiverCredentialPaths } from "./secret-config";

/** What the preflight needs beyond the `infra:` config: the AWS provider's own keys. */
export interface DeploymentTarget {
  /** `aws:allowedAccountIds` as the stack file has it (unparsed: the check reports a wrong shape). */
  readonly allowedAccountIds?: unknown;
  /** Which `infra:` keys the engine holds as secrets (`pulumi config set --secret`). */
  readonly secretKeys?: readonly string[];
}

/**
 * Checks for what AWS or the Kubernetes API server would reject, or what would fail on the first
 * real deploy although every mock accepts it: the runner cannot reach the API, the wrong or a
 * placeholder account, nodes too small for the platform, a custom resource without its CRD. They run
 * with the config validation, before any resource exists; `raw` is the stack's `infra:` config as
 * written (for the ARNs in it).
 */
export function preflightIssues(
  config: EnvironmentConfig,
  raw: Record<string, unknown>,
  target: DeploymentTarget,
): ValidationIssue[] {
  return [
    ...checkReachability({
      endpointPublicAccess: config.cluster.endpointPublicAccess,
      publicAccessCidrs: config.cluster.publicAccessCidrs,
      natGateways: config.network.natGateways,
      delivery: config.delivery,
    }),
    ...checkAccounts(
      target.allowedAccountIds,
      Object.entries(raw).flatMap(([key, value]) => configArns(value, `${CONFIG_NAMESPACE}:${key}`)),
    ),
    ...(target.secretKeys === undefined
      ? []
      : checkSecretConfig(
          raw.observability,
          target.secretKeys.includes(`${CONFIG_NAMESPACE}:observability`),
        )),
    ...checkPodCapacity(config),
    ...checkCustomResources(config),
  ];
}
