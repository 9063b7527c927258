import type { Profile } from "../core";
import type { AlarmThresholds } from "./alarms";
import type { ResolvedPostgresArgs } from "./args";
import { effectiveMaxConnections } from "./connection-limit";
import { MAX_ALLOCATED_STORAGE_GB, POSTGRES_PROFILE_SETTINGS } from "./defaults";
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
 * What the resources are built from, given args resolved by `POSTGRES_ARGS`. A major upgrade
 * (`upgradeFromMajorVersion` below the configured major) allows it and applies it immediately.
 */
export function resolvePostgresSettings(args: ResolvedPostgresArgs): PostgresSettings {
  const profile = args.profile;
  const settings = POSTGRES_PROFILE_SETTINGS[profile];
  const version = parseEngineVersion(args.engineVersion);
  if (!version) throw new Error(`engineVersion ${JSON.stringify(args.engineVersion)} was not validated`);
  const memoryGib = args.instanceMemoryGib ?? instanceClassMemoryGib(args.instanceClass);
  if (memoryGib === undefined)
    throw new Error(`instanceClass ${JSON.stringify(args.instanceClass)} was not validated`);
  const upgrading =
    args.upgradeFromMajorVersion !== undefined && args.upgradeFromMajorVersion < version.major;
  return {
    profile,
    engineVersion: args.engineVersion,
    majorVersion: version.major,
    parameterGroupFamily: parameterGroupFamily(version.major),
    allowMajorVersionUpgrade: upgrading,
    autoMinorVersionUpgrade: args.autoMinorVersionUpgrade,
    instanceClass: args.instanceClass,
    memoryGib,
    maxConnections: effectiveMaxConnections(memoryGib, explicitMaxConnections(args.parameters)),
    allocatedStorageGb: args.allocatedStorageGb,
    maxAllocatedStorageGb:
      args.maxAllocatedStorageGb ??
      defaultMaxAllocatedStorageGb(args.allocatedStorageGb, settings.storageAutoscalingFactor),
    multiAz: args.multiAz,
    backupRetentionDays: args.backupRetentionDays,
    backupWindow: args.backupWindow,
    maintenanceWindow: args.maintenanceWindow.toLowerCase(),
    deletionProtection: args.deletionProtection,
    skipFinalSnapshot: args.skipFinalSnapshot,
    deleteAutomatedBackups: settings.deleteAutomatedBackups,
    applyImmediately: upgrading ? true : (args.applyImmediately ?? settings.applyImmediately),
    monitoringIntervalSeconds: args.monitoringIntervalSeconds,
    performanceInsightsRetentionDays: args.performanceInsightsRetentionDays,
    kmsKeyDeletionWindowDays: settings.kmsKeyDeletionWindowDays,
    parameters: planParameters(version.major, args.parameters),
    masterUsername: args.masterUsername,
    databaseName: args.databaseName,
    identifier: args.identifier,
    alarmThresholds: args.alarmThresholds,
  };
}
