export { Observability, OBSERVABILITY_TYPE } from "./observability";
export { LogsKey, LOGS_KEY_TYPE } from "./logs-key";
export { validateLogsKeyArgs } from "./logs-key-validation";
export { validateObservabilityArgs, MAX_NAT_GATEWAYS, SUBSCRIPTION_PROTOCOLS } from "./validation";
export type {
  AlertReceiver,
  AlertSubscription,
  ContainerInsightsArgs,
  LogsKeyArgs,
  ObservabilityArgs,
  ObservabilityContext,
  ObservedCluster,
  ObservedDatabase,
  ObservedNodeGroup,
  PrometheusArgs,
  ResolvedObservabilityArgs,
  SloArgs,
} from "./args";
export { DEFAULT_STORAGE_CLASS, LOGS_KEY_ARGS, OBSERVABILITY_ARGS } from "./args";
export { OBSERVABILITY_DEFAULTS } from "./defaults";
export type { ObservabilityDefaults } from "./defaults";
export { resolveLogRetentionDays } from "./log-retention";
export {
  BURN_RATE_TIERS,
  BURN_RATE_WINDOWS,
  ERROR_RATIO_WINDOWS,
  burnRateFactor,
  burnRateThreshold,
  burnRateWindows,
  errorBudget,
} from "./burn-rate";
export type { BurnRateTier, BurnRateWindow } from "./burn-rate";
export { DEFAULT_SLO_WINDOW } from "./slo";
export type { AvailabilitySli, LatencySli, SliKind, SloSpec } from "./slo";
export { sloPrometheusRule, SLO_ALERT_NAME } from "./slo-rules";
export type { PrometheusRule, SloRuleOptions } from "./slo-rules";
export { platformDashboardBody } from "./dashboard";
export type { DashboardTargets } from "./dashboard";
export {
  KUBE_PROMETHEUS_STACK_CHART,
  MONITORING_NAMESPACE,
  kubePrometheusStackValues,
} from "./kube-prometheus-stack";
