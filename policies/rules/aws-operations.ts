import {
  CURRENT_RDS_CA_IDENTIFIERS,
  MIN_PRODUCTION_BACKUP_RETENTION_DAYS,
  MIN_PRODUCTION_LOG_RETENTION_DAYS,
} from "../../components/core/guarantees";
import type { ResourceRule } from "../types";
import { resourceRule, when } from "./define";
import { isSet, isTrue, record, TYPES } from "./values";

/** Credentials, certificates, tags and logs; then what production needs to survive and recover. */

export const REQUIRED_TAG_KEYS = ["environment", "managed-by", "stack", "component"] as const;

export const requiredTags: ResourceRule = {
  kind: "resource",
  name: "aws-required-tags",
  description: `Tagged AWS resources carry the tags ${REQUIRED_TAG_KEYS.join(", ")}, so cost and ownership can be traced`,
  fix: "create the resource inside a component (componentTags) or add the missing tags",
  scope: "everywhere",
  appliesTo: (type) => type.startsWith("aws:"),
  check: ({ inputs }) => {
    if (inputs.tags === undefined) return [];
    const tags = record(inputs.tags);
    const missing = REQUIRED_TAG_KEYS.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
    return when(missing.length > 0, `missing tag(s) ${missing.join(", ")}`);
  },
};

export const rdsPasswordNotInState = resourceRule({
  name: "rds-password-not-in-state",
  description: "An RDS master password is never an input (it would be stored in the Pulumi state)",
  fix: "set manageMasterUserPassword: true (RDS keeps it in Secrets Manager) or use the write-only passwordWo",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ type, inputs }) =>
    when(
      isSet(type === TYPES.rdsCluster ? inputs.masterPassword : inputs.password),
      "the master password is an input, so the state holds it",
    ),
});

export const rdsCurrentCa = resourceRule({
  name: "rds-current-ca",
  description: `RDS instances name a current certificate authority (${CURRENT_RDS_CA_IDENTIFIERS.join(", ")}) instead of the region's default`,
  fix: `set caCertIdentifier to ${CURRENT_RDS_CA_IDENTIFIERS[0]} or newer`,
  types: [TYPES.rdsInstance],
  check: ({ inputs }) =>
    when(
      !(CURRENT_RDS_CA_IDENTIFIERS as readonly unknown[]).includes(inputs.caCertIdentifier),
      `caCertIdentifier is ${inputs.caCertIdentifier === undefined ? "left to the region's default" : JSON.stringify(inputs.caCertIdentifier)}`,
    ),
});

export const logRetentionSet = resourceRule({
  name: "log-retention-set",
  description: "Log groups set a retention (CloudWatch keeps logs forever otherwise, and bills for them)",
  fix: "set retentionInDays (the platform's: 7 in development, 90 in production)",
  types: [TYPES.logGroup],
  check: ({ inputs }) =>
    when(!(Number(inputs.retentionInDays) > 0), "no retention: logs are kept, and billed, forever"),
});

export const logRetentionProduction = resourceRule({
  name: "log-retention-production",
  description: `Production log groups keep logs at least ${MIN_PRODUCTION_LOG_RETENTION_DAYS} days`,
  fix: `set retentionInDays to ${MIN_PRODUCTION_LOG_RETENTION_DAYS} or more (the production profile's default)`,
  scope: "production",
  types: [TYPES.logGroup],
  check: ({ inputs }) => {
    const days = Number(inputs.retentionInDays);
    // Unset means forever, which log-retention-set reports.
    return when(
      days > 0 && days < MIN_PRODUCTION_LOG_RETENTION_DAYS,
      `logs kept ${days} days, under ${MIN_PRODUCTION_LOG_RETENTION_DAYS}`,
    );
  },
});

export const rdsMultiAz = resourceRule({
  name: "rds-multi-az",
  description: "Production databases keep a standby in a second availability zone",
  fix: "set multiAz: true (infra:database.multiAz)",
  scope: "production",
  types: [TYPES.rdsInstance],
  check: ({ inputs }) =>
    // A read replica's availability comes from its source; only primaries need their own standby.
    when(!isSet(inputs.replicateSourceDb) && !isTrue(inputs.multiAz), "not multi-AZ"),
});

export const rdsDeletionProtection = resourceRule({
  name: "rds-deletion-protection",
  description: "Production databases have deletion protection on",
  fix: "set deletionProtection: true",
  scope: "production",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ inputs }) => when(!isTrue(inputs.deletionProtection), "no deletion protection"),
});

export const rdsProtected = resourceRule({
  name: "rds-protected",
  description: "Production databases carry Pulumi's `protect`, so no `pulumi up` or `destroy` deletes them",
  fix: "pass { protect: true } in the resource options (the Postgres component does in production)",
  scope: "production",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ options }) => when(options.protect !== true, "not protected in Pulumi"),
});

export const rdsBackupRetention = resourceRule({
  name: "rds-backup-retention",
  description: `Production databases keep automated backups at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} days`,
  fix: `set backupRetentionPeriod to ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} or more (infra:database.backupRetentionDays)`,
  scope: "production",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ inputs }) => {
    const days = Number(inputs.backupRetentionPeriod);
    if (isSet(inputs.replicateSourceDb)) return [];
    return when(
      !(days >= MIN_PRODUCTION_BACKUP_RETENTION_DAYS),
      `backups kept ${Number.isNaN(days) ? "the default 1" : days} day(s), under ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS}`,
    );
  },
});

export const rdsFinalSnapshot = resourceRule({
  name: "rds-final-snapshot",
  description: "Production databases take a final snapshot when deleted",
  fix: "set skipFinalSnapshot: false and a finalSnapshotIdentifier",
  scope: "production",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ inputs }) =>
    when(
      inputs.skipFinalSnapshot !== false || !isSet(inputs.finalSnapshotIdentifier),
      "deleted without a final snapshot",
    ),
});

export const eksDeletionProtection = resourceRule({
  name: "eks-deletion-protection",
  description: "Production EKS clusters have deletion protection on",
  fix: "set deletionProtection: true",
  scope: "production",
  types: [TYPES.eksCluster],
  check: ({ inputs }) => when(!isTrue(inputs.deletionProtection), "no deletion protection"),
});

export const OPERATIONS_RULES = [
  requiredTags,
  rdsPasswordNotInState,
  rdsCurrentCa,
  logRetentionSet,
  logRetentionProduction,
  rdsMultiAz,
  rdsDeletionProtection,
  rdsProtected,
  rdsBackupRetention,
  rdsFinalSnapshot,
  eksDeletionProtection,
];
