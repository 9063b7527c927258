// The package's public API (`@platform/infra`): the components, their argument types, the defaults
// tables they document, and the validation error. Every name here is a semver promise, so the list is
// explicit and tests/package/exports.test.ts holds the runtime part of it; planners, builders and
// argument definitions stay importable only inside this repository, through the domain folders.

export { InfraValidationError } from "./core/errors";
export type { ValidationIssue } from "./core/errors";
export { PROFILES } from "./core/profile";
export type { Profile, ProfileDefaults } from "./core/profile";
export type { Tags } from "./core/tags";
export { RESTRICTED_NAMESPACE_LABELS } from "./core/pod-security";

export { Network } from "./network/network";
export type { FlowLogTrafficType, NatStrategy, NetworkArgs } from "./network/args";
export type { SubnetTier } from "./network/cidr-plan";

export { Cluster } from "./cluster/cluster";
export type { NodeGroupSummary } from "./cluster/cluster";
export type {
  CapacityType,
  ClusterArgs,
  NodeGroupArgs,
  NodeTaint,
  ServiceAccountRoleArgs,
  SupportType,
  TaintEffect,
} from "./cluster/args";
export type { EksAddonName, KubernetesVersion } from "./cluster/versions";

export { Postgres } from "./database/postgres";
export type { PostgresArgs } from "./database/args";
export { POSTGRES_PROFILE_SETTINGS } from "./database/defaults";
export type { PostgresProfileSettings } from "./database/defaults";
export { DEFAULT_ALARM_THRESHOLDS } from "./database/alarms";
export type { AlarmThresholds } from "./database/alarms";
export type { EngineVersion, PostgresMajorVersion } from "./database/engine-versions";

export { Observability } from "./observability/observability";
export { LogsKey } from "./observability/logs-key";
export type {
  AlertReceiver,
  AlertSubscription,
  ContainerInsightsArgs,
  LogsKeyArgs,
  ObservabilityArgs,
  ObservedCluster,
  ObservedDatabase,
  ObservedNodeGroup,
  PrometheusArgs,
  SloArgs,
} from "./observability/args";
export { OBSERVABILITY_DEFAULTS } from "./observability/defaults";
export type { ObservabilityDefaults } from "./observability/defaults";
export type { AvailabilitySli, LatencySli, SliKind, SloSpec } from "./observability/slo";

export { AutoscaledService } from "./workload/autoscaled-service";
export type {
  AutoscaledServiceArgs,
  CustomMetricArgs,
  DisruptionBudgetArgs,
  EnvFromSource,
  EnvValue,
  ExternalMetricArgs,
  KeyReference,
  MetricsArgs,
  PodsMetricArgs,
  ProbeArgs,
  ProbesArgs,
  ResourceQuantities,
  RollingUpdateArgs,
  ScalingBehaviorArgs,
  ScalingPolicyArgs,
  ScalingRuleArgs,
  ServiceAccountArgs,
  ShutdownArgs,
  TopologySpreadArgs,
  WhenUnsatisfiable,
} from "./workload/args";
export {
  AUTOSCALED_SERVICE_DEFAULTS,
  PROBE_DEFAULTS,
  SCALING_BEHAVIOR_DEFAULTS,
  SERVICE_DEFAULTS,
} from "./workload/defaults";
export type {
  AutoscaledServiceProfileDefaults,
  ProbeDefaults,
  ScalingPolicy,
  ScalingRule,
} from "./workload/defaults";

export { GithubOidc } from "./delivery/github-oidc";
export { DeployRunner } from "./delivery/deploy-runner";
export type { DeployRunnerArgs, GithubOidcArgs } from "./delivery/args";
