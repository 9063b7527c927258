import type { Profile } from "../core";
import { DEFAULT_ALARM_THRESHOLDS, type AlarmThresholds } from "./alarms";
import type { PostgresArgs } from "./args";
import { effectiveMaxConnections } from "./connection-limit";
import { MAX_ALLOCATED_STORAGE_GB, POSTGRES_DEFAULTS, POSTGRES_FIXED_DEFAULTS } from "./defaults";
import { parameterGroupFamily, parseEngineVersion } from "./engine-versions";
import { instanceClassMemoryGib } from "./instance-classes";
import { explicitMaxConnections, planParameters, type ParameterSetting } from "./parameters";

/** Every setting of a `Postgres` with the profile's defaults applied: what the resources are built from. */
export interface PostgresSettings {
  readonly profile: Profile;
  readonly engineVersion: string;
  readonly majorVersion: number;
  readonly parameterGroupFamily: string;
  readonly allowMajorVersionUpgrade: boolean;
  readonly autoMinorVersionUpgrade: boolean;
  readonly instanceClass: string;
  readonly memoryGib: number;
  readonly maxConnections: number;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly deleteAutomatedBackups: boolean;
  readonly applyImmediately: boolean;
  readonly monitoringIntervalSeconds: number;
  readonly performanceInsightsRetentionDays: number;
  readonly kmsKeyDeletionWindowDays: number;
  readonly parameters: readonly ParameterSetting[];
  readonly masterUsername: string;
  readonly databaseName?: string;
  readonly identifier?: string;
  readonly alarmThresholds: AlarmThresholds;
}

/** The default autoscaling ceiling: a profile's multiple of the allocated storage, within RDS's limit. */
export function defaultMaxAllocatedStorageGb(allocatedStorageGb: number, factor: number): number {
  return Math.min(MAX_ALLOCATED_STORAGE_GB, Math.ceil(allocatedStorageGb * factor));
}

/**
 * Applies the profile's defaults to args that passed `validatePostgresArgs`. A major upgrade
 * (`upgradeFromMajorVersion` below the configured major) allows it and applies it immediately.
 */
export function resolvePostgresSettings(args: PostgresArgs): PostgresSettings {
  const profile = args.profile ?? "production";
  const defaults = POSTGRES_DEFAULTS[profile];
  const version = parseEngineVersion(args.engineVersion);
  if (!version) throw new Error(`engineVersion ${JSON.stringify(args.engineVersion)} was not validated`);
  const instanceClass = args.instanceClass ?? defaults.instanceClass;
  const memoryGib = args.instanceMemoryGib ?? instanceClassMemoryGib(instanceClass);
  if (memoryGib === undefined)
    throw new Error(`instanceClass ${JSON.stringify(instanceClass)} was not validated`);
  const allocatedStorageGb = args.allocatedStorageGb ?? defaults.allocatedStorageGb;
  const upgrading =
    args.upgradeFromMajorVersion !== undefined && args.upgradeFromMajorVersion < version.major;
  return {
    profile,
    engineVersion: args.engineVersion,
    majorVersion: version.major,
    parameterGroupFamily: parameterGroupFamily(version.major),
    allowMajorVersionUpgrade: upgrading,
    autoMinorVersionUpgrade: args.autoMinorVersionUpgrade ?? POSTGRES_FIXED_DEFAULTS.autoMinorVersionUpgrade,
    instanceClass,
    memoryGib,
    maxConnections: effectiveMaxConnections(memoryGib, explicitMaxConnections(args.parameters)),
    allocatedStorageGb,
    maxAllocatedStorageGb:
      args.maxAllocatedStorageGb ??
      defaultMaxAllocatedStorageGb(allocatedStorageGb, defaults.storageAutoscalingFactor),
    multiAz: args.multiAz ?? defaults.multiAz,
    backupRetentionDays: args.backupRetentionDays ?? defaults.backupRetentionDays,
    backupWindow: args.backupWindow ?? POSTGRES_FIXED_DEFAULTS.backupWindow,
    maintenanceWindow: (args.maintenanceWindow ?? POSTGRES_FIXED_DEFAULTS.maintenanceWindow).toLowerCase(),
    deletionProtection: args.deletionProtection ?? defaults.deletionProtection,
    skipFinalSnapshot: args.skipFinalSnapshot ?? defaults.skipFinalSnapshot,
    deleteAutomatedBackups: defaults.deleteAutomatedBackups,
    applyImmediately: upgrading ? true : (args.applyImmediately ?? defaults.applyImmediately),
    monitoringIntervalSeconds: args.monitoringIntervalSeconds ?? defaults.monitoringIntervalSeconds,
    performanceInsightsRetentionDays:
      args.performanceInsightsRetentionDays ?? defaults.performanceInsightsRetentionDays,
    kmsKeyDeletionWindowDays: defaults.kmsKeyDeletionWindowDays,
    parameters: planParameters(version.major, args.parameters),
    masterUsername: args.masterUsername ?? POSTGRES_FIXED_DEFAULTS.masterUsername,
    databaseName: args.databaseName,
    identifier: args.identifier,
    alarmThresholds: { ...DEFAULT_ALARM_THRESHOLDS, ...definedOnly(args.alarmThresholds ?? {}) },
  };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
