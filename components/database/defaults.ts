import type { ProfileDefaults } from "../core";

/**
 * Settings each profile chooses that are not arguments of their own (the arguments' defaults live
 * in their definition, `args.ts`).
 */
export interface PostgresProfileSettings {
  /** `maxAllocatedStorageGb` defaults to this multiple of `allocatedStorageGb` (capped at 65536 GiB). */
  readonly storageAutoscalingFactor: number;
  /** Whether automated backups go with the instance when it is deleted. */
  readonly deleteAutomatedBackups: boolean;
  /** `applyImmediately` when the args leave it out (a major upgrade always applies at once). */
  readonly applyImmediately: boolean;
  /** Days a deleted KMS key can still be recovered. */
  readonly kmsKeyDeletionWindowDays: number;
}

export const POSTGRES_PROFILE_SETTINGS: ProfileDefaults<PostgresProfileSettings> = {
  development: {
    storageAutoscalingFactor: 2,
    deleteAutomatedBackups: true,
    applyImmediately: true,
    kmsKeyDeletionWindowDays: 7,
  },
  production: {
    storageAutoscalingFactor: 4,
    deleteAutomatedBackups: false,
    applyImmediately: false,
    kmsKeyDeletionWindowDays: 30,
  },
};

/** RDS's limits for gp3 storage on PostgreSQL, in GiB. */
export const MIN_ALLOCATED_STORAGE_GB = 20;
export const MAX_ALLOCATED_STORAGE_GB = 65536;
/** RDS requires the autoscaling ceiling to be at least 10 % above the allocated storage, in GiB. */
export function minimumMaxAllocatedStorageGb(allocatedStorageGb: number): number {
  return Math.ceil((allocatedStorageGb * 11) / 10);
}
export const POSTGRES_PORT = 5432;
