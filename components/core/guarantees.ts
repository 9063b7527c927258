import { PLATFORM_LOG_RETENTION_DAYS } from "./log-groups";

/**
 * Thresholds that both a component's argument rules and the policy pack enforce. One definition each,
 * so a value a component accepts in production is never one the pack rejects.
 */

/** Days of automated RDS backups production keeps at least. */
export const MIN_PRODUCTION_BACKUP_RETENTION_DAYS = 14;

/** Pods a production service keeps at least: one pod means downtime on every node drain. */
export const MIN_PRODUCTION_REPLICAS = 2;

/** Days production keeps its CloudWatch logs at least (the production profile's default). */
export const MIN_PRODUCTION_LOG_RETENTION_DAYS: number = PLATFORM_LOG_RETENTION_DAYS.production;

/**
 * RDS certificate authorities that are current (RDS user guide, "Certificate authorities"):
 * `rds-ca-2019` expired in August 2024; these three rotate server certificates automatically.
 */
export const CURRENT_RDS_CA_IDENTIFIERS = [
  "rds-ca-rsa2048-g1",
  "rds-ca-rsa4096-g1",
  "rds-ca-ecc384-g1",
] as const;

/** The CA the database component sets, so it never depends on the region's default. */
export const DEFAULT_RDS_CA_IDENTIFIER: (typeof CURRENT_RDS_CA_IDENTIFIERS)[number] = "rds-ca-rsa2048-g1";
