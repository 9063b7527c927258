import * as pulumi from "@pulumi/pulumi";
import { isKnown, type Profile } from "../core";
import type { AlarmThresholds } from "./alarms";
import type { ResolvedPostgresArgs } from "./args";
import { effectiveMaxConnections } from "./connection-limit";
import { MAX_ALLOCATED_STORAGE_GB, POSTGRES_PROFILE_SETTINGS } from "./defaults";
import { parameterGroupFamily, parseEngineVersion } from "./engine-versions";
import { instanceClassMemoryGib } from "./instance-classes";
import { explicitMaxConnections, planParameters, type ParameterSetting } from "./parameters";

/** The settings that follow from the engine version: known now, or Outputs of a version passed as one. */
export interface EngineSettings {
  readonly engineVersion: string;
  readonly majorVersion: number;
  readonly parameterGroupFamily: string;
  readonly allowMajorVersionUpgrade: boolean;
  readonly applyImmediately: boolean;
  readonly parameters: readonly ParameterSetting[];
}

/** Every setting of a `Postgres` with the profile's defaults applied: what the resources are built from. */
export interface PostgresSettings {
  readonly profile: Profile;
  readonly engineVersion: pulumi.Input<string>;
  readonly majorVersion: pulumi.Input<number>;
  readonly parameterGroupFamily: pulumi.Input<string>;
  readonly allowMajorVersionUpgrade: pulumi.Input<boolean>;
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
  readonly applyImmediately: pulumi.Input<boolean>;
  readonly monitoringIntervalSeconds: number;
  readonly performanceInsightsRetentionDays: number;
  readonly kmsKeyDeletionWindowDays: number;
  readonly parameters: pulumi.Input<readonly ParameterSetting[]>;
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
 * The settings a validated engine version decides. A major upgrade (`upgradeFromMajorVersion` below
 * the configured major) allows it and applies it immediately.
 */
export function resolveEngineSettings(args: ResolvedPostgresArgs, engineVersion: string): EngineSettings {
  const version = parseEngineVersion(engineVersion);
  if (!version) throw new Error(`engineVersion ${JSON.stringify(engineVersion)} was not validated`);
  const upgrading =
    args.upgradeFromMajorVersion !== undefined && args.upgradeFromMajorVersion < version.major;
  return {
    engineVersion,
    majorVersion: version.major,
    parameterGroupFamily: parameterGroupFamily(version.major),
    allowMajorVersionUpgrade: upgrading,
    applyImmediately: upgrading
      ? true
      : (args.applyImmediately ?? POSTGRES_PROFILE_SETTINGS[args.profile].applyImmediately),
    parameters: planParameters(version.major, args.parameters),
  };
}

/**
 * What the resources are built from, given args resolved by `POSTGRES_ARGS`. An engine version
 * passed as an Output is checked by `checkedVersion` when it resolves (the component passes
 * `POSTGRES_ARGS.whenKnown`); what follows from it is then Outputs too.
 */
export function resolvePostgresSettings(
  args: ResolvedPostgresArgs,
  checkedVersion: (args: ResolvedPostgresArgs) => pulumi.Output<string> = (a) =>
    pulumi.output(a.engineVersion),
): PostgresSettings {
  const profile = args.profile;
  const settings = POSTGRES_PROFILE_SETTINGS[profile];
  const engine: { [K in keyof EngineSettings]: pulumi.Input<EngineSettings[K]> } = isKnown(args.engineVersion)
    ? resolveEngineSettings(args, args.engineVersion)
    : deferredEngineSettings(checkedVersion(args).apply((version) => resolveEngineSettings(args, version)));
  const memoryGib = args.instanceMemoryGib ?? instanceClassMemoryGib(args.instanceClass);
  if (memoryGib === undefined)
    throw new Error(`instanceClass ${JSON.stringify(args.instanceClass)} was not validated`);
  return {
    profile,
    ...engine,
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
    monitoringIntervalSeconds: args.monitoringIntervalSeconds,
    performanceInsightsRetentionDays: args.performanceInsightsRetentionDays,
    kmsKeyDeletionWindowDays: settings.kmsKeyDeletionWindowDays,
    masterUsername: args.masterUsername,
    databaseName: args.databaseName,
    identifier: args.instanceIdentifier,
    alarmThresholds: args.alarmThresholds,
  };
}

function deferredEngineSettings(engine: pulumi.Output<EngineSettings>): {
  [K in keyof EngineSettings]: pulumi.Output<EngineSettings[K]>;
} {
  return {
    engineVersion: engine.engineVersion,
    majorVersion: engine.majorVersion,
    parameterGroupFamily: engine.parameterGroupFamily,
    allowMajorVersionUpgrade: engine.allowMajorVersionUpgrade,
    applyImmediately: engine.applyImmediately,
    parameters: engine.apply((e) => e.parameters),
  };
}
