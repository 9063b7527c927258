import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type { AlarmThresholds } from "./alarms";
import type { ParameterOverride } from "./parameters";

/**
 * Arguments of `Postgres`. Defaults marked "development / production" come from the profile
 * (`POSTGRES_DEFAULTS` in `defaults.ts`); an explicit value always wins.
 *
 * Only four args create a new DB instance when changed (a new, empty database restored from
 * nothing): `identifier`, `kmsKeyArn` (the storage encryption key; also changing between the
 * component's own key and a given one), `databaseName` and `masterUsername`. The final snapshot
 * suffix changes with them, so the old instance's final snapshot never collides with the new one's.
 * Everything else is modified in place; `instanceClass`, `multiAz`, storage and
 * `engineVersion` changes are applied in the maintenance window unless `applyImmediately` is on.
 */
export interface PostgresArgs {
  /** How strict the defaults are. @default "production" */
  readonly profile?: Profile;

  /** The VPC of `subnetIds`; the security group is created in it. Changing it replaces the group. */
  readonly vpcId: pulumi.Input<string>;
  /** The network's isolated subnets (no route to the Internet), in at least two availability zones. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Security groups allowed to connect on 5432, keyed by a stable name for the source
   * (`{ "cluster-nodes": cluster.nodeSecurityGroupId }`); the key names the ingress rule, so adding
   * or removing a source never touches the others. At least one.
   */
  readonly allowedSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * SNS topic the alarms notify on ALARM and OK (the observability component's). Required in
   * production; in development, alarms without it still show in CloudWatch but notify nobody.
   * @default none (development only)
   */
  readonly alarmTopicArn?: pulumi.Input<string>;

  /**
   * PostgreSQL version: the major (`"17"`, RDS applies minors in the maintenance window) or, with
   * `autoMinorVersionUpgrade: false`, a full `"17.6"`. Must be a version in
   * `POSTGRES_MAJOR_VERSIONS`. Required, so a library update never changes a database's version.
   * Raising the major needs `upgradeFromMajorVersion` for that deployment.
   */
  readonly engineVersion: string;
  /**
   * The major the instance runs now, set only for the deployment that raises `engineVersion`'s
   * major (`16` while moving to `"17"`): it allows the major upgrade and applies it immediately, so
   * the new family's parameter group is attached and the old one deleted in the same `pulumi up`.
   * Remove it afterwards. @default none (major upgrades refused)
   */
  readonly upgradeFromMajorVersion?: number;
  /** Let RDS apply minor versions in the maintenance window. @default true */
  readonly autoMinorVersionUpgrade?: boolean;

  /** RDS DB instance class, `db.<family>.<size>`. @default "db.t4g.micro" / "db.m7g.large" */
  readonly instanceClass?: string;
  /**
   * Memory of `instanceClass` in GiB, only needed for a class missing from
   * `INSTANCE_CLASS_MEMORY_GIB` (it sizes the memory and connections alarms).
   * @default the table's value
   */
  readonly instanceMemoryGib?: number;

  /** Initial gp3 storage, in GiB (20-65536). @default 20 / 100 */
  readonly allocatedStorageGb?: number;
  /**
   * Ceiling for storage autoscaling, in GiB; at least 10 % above `allocatedStorageGb`, at most 65536.
   * @default 2 × / 4 × allocatedStorageGb
   */
  readonly maxAllocatedStorageGb?: number;
  /** Customer KMS key for storage, Performance Insights and the master secret; REPLACES the instance when changed. @default a key the component creates, rotation on */
  readonly kmsKeyArn?: pulumi.Input<string>;

  /** A standby in a second availability zone with automatic failover. @default false / true */
  readonly multiAz?: boolean;
  /** Days automated backups are kept (0-35; at least 7 in production). @default 3 / 14 */
  readonly backupRetentionDays?: number;
  /** Daily backup window, `hh24:mi-hh24:mi` UTC, at least 30 minutes, not overlapping maintenance. @default "02:00-03:00" */
  readonly backupWindow?: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 30 minutes. @default "sun:04:00-sun:05:00" */
  readonly maintenanceWindow?: string;

  /** AWS deletion protection, plus Pulumi `protect` on the instance and the component's KMS key. @default false / true */
  readonly deletionProtection?: boolean;
  /** Delete without a final snapshot (loosens: data is gone with the instance). @default true / false */
  readonly skipFinalSnapshot?: boolean;
  /** Apply modifications now instead of in the maintenance window. @default true / false */
  readonly applyImmediately?: boolean;

  /** Enhanced Monitoring interval, in seconds (0 = off, 1, 5, 10, 15, 30, 60). @default 0 / 60 */
  readonly monitoringIntervalSeconds?: number;
  /** Performance Insights retention, in days: 7, 731 or a multiple of 31. @default 7 */
  readonly performanceInsightsRetentionDays?: number;

  /**
   * Parameter group overrides by parameter name, over the defaults (`rds.force_ssl` 1,
   * `log_min_duration_statement` 1000 ms, connection, disconnection and lock-wait logging).
   * `rds.force_ssl` cannot be turned off. An integer `max_connections` also sets the connections alarm.
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, ParameterOverride>>;

  /** DB instance identifier; REPLACES the instance when changed. @default `<name>-instance-<7 random hex>` */
  readonly identifier?: string;
  /** Database created with the instance; REPLACES the instance when changed. @default none (connect to `postgres`) */
  readonly databaseName?: string;
  /** Master user, whose password RDS keeps in Secrets Manager; REPLACES the instance when changed. @default "postgres" */
  readonly masterUsername?: string;

  /** Alarm thresholds; unset fields keep `DEFAULT_ALARM_THRESHOLDS`. @default {} */
  readonly alarmThresholds?: Partial<AlarmThresholds>;
  /** Extra tags on every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}
