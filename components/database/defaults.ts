import type { ProfileDefaults } from "../core";

/** What each profile chooses for `Postgres` when the args are silent. */
export interface PostgresProfileDefaults {
  readonly instanceClass: string;
  /** GiB. */
  readonly allocatedStorageGb: number;
  /** `maxAllocatedStorageGb` defaults to this multiple of `allocatedStorageGb` (capped at 65536 GiB). */
  readonly storageAutoscalingFactor: number;
  readonly multiAz: boolean;
  /** Days. */
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  /** Whether automated backups go with the instance when it is deleted. */
  readonly deleteAutomatedBackups: boolean;
  readonly applyImmediately: boolean;
  /** Seconds; 0 turns Enhanced Monitoring off. */
  readonly monitoringIntervalSeconds: number;
  /** Days. */
  readonly performanceInsightsRetentionDays: number;
  /** Days a deleted KMS key can still be recovered. */
  readonly kmsKeyDeletionWindowDays: number;
}

export const POSTGRES_DEFAULTS: ProfileDefaults<PostgresProfileDefaults> = {
  development: {
    instanceClass: "db.t4g.micro",
    allocatedStorageGb: 20,
    storageAutoscalingFactor: 2,
    multiAz: false,
    backupRetentionDays: 3,
    deletionProtection: false,
    skipFinalSnapshot: true,
    deleteAutomatedBackups: true,
    applyImmediately: true,
    monitoringIntervalSeconds: 0,
    performanceInsightsRetentionDays: 7,
    kmsKeyDeletionWindowDays: 7,
  },
  production: {
    instanceClass: "db.m7g.large",
    allocatedStorageGb: 100,
    storageAutoscalingFactor: 4,
    multiAz: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    deleteAutomatedBackups: false,
    applyImmediately: false,
    monitoringIntervalSeconds: 60,
    performanceInsightsRetentionDays: 7,
    kmsKeyDeletionWindowDays: 30,
  },
};

/** Settings that are the same in every profile. */
export const POSTGRES_FIXED_DEFAULTS = {
  backupWindow: "02:00-03:00",
  maintenanceWindow: "sun:04:00-sun:05:00",
  masterUsername: "postgres",
  autoMinorVersionUpgrade: true,
} as const;

/** RDS's limits for gp3 storage on PostgreSQL, in GiB. */
export const MIN_ALLOCATED_STORAGE_GB = 20;
export const MAX_ALLOCATED_STORAGE_GB = 65536;
/** RDS requires the autoscaling ceiling to be at least 10 % above the allocated storage, in GiB. */
export function minimumMaxAllocatedStorageGb(allocatedStorageGb: number): number {
  return Math.ceil((allocatedStorageGb * 11) / 10);
}
export const POSTGRES_PORT = 5432;
