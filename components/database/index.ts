export { Postgres, EXPORTED_LOGS } from "./postgres";
export { APPLY_METHODS, MONITORING_INTERVALS_SECONDS, POSTGRES_ARGS } from "./args";
export type { PostgresArgs, PostgresContext, ResolvedPostgresArgs } from "./args";
export { POSTGRES_PROFILE_SETTINGS } from "./defaults";
export type { PostgresProfileSettings } from "./defaults";
export { validatePostgresArgs, validatePostgresName } from "./validate";
export { resolvePostgresSettings } from "./settings";
export type { PostgresSettings } from "./settings";
export {
  POSTGRES_MAJOR_VERSIONS,
  parseEngineVersion,
  parameterGroupFamily,
  isOfferedEngineVersion,
} from "./engine-versions";
export type { EngineVersion, PostgresMajorVersion } from "./engine-versions";
export {
  INSTANCE_CLASS_MEMORY_GIB,
  instanceClassMemoryGib,
  isRdsInstanceClassFormat,
} from "./instance-classes";
export { defaultMaxConnections, estimatedDbInstanceClassMemoryBytes } from "./connection-limit";
export {
  DEFAULT_ALARM_THRESHOLDS,
  planAlarms,
  freeStorageThresholdBytes,
  freeableMemoryThresholdBytes,
  connectionsThreshold,
  latencyThresholdSeconds,
} from "./alarms";
export type { AlarmThresholds, AlarmSpec } from "./alarms";
export { POSTGRES_ALARM_KEYS, postgresAlarmName, postgresLogGroupName } from "./alarms";
export { defaultParameters, planParameters } from "./parameters";
export type { ParameterOverride, ParameterSetting, ApplyMethod } from "./parameters";
export { INSTANCE_REPLACING_INPUTS } from "./replacement";
