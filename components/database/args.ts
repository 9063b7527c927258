import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type { AlarmThresholds } from "./alarms";
import type { ParameterOverride } from "./parameters";

/**
 * Arguments of `Postgres`. Defaults written "development / production" come from the profile
 * (`POSTGRES_DEFAULTS` in `defaults.ts`); an explicit value always wins.
 *
 * What replaces the instance: only `identifier`, `kmsKeyArn` (including switching between the
 * component's own key and a given one), `databaseName` and `masterUsername` make the provider create
 * a new, empty instance; their fields say "REPLACES". The final snapshot suffix changes with them, so
 * the old instance's final snapshot never collides with the new one's. Every other change modifies
 * the running instance, in the maintenance window unless `applyImmediately` is on.
 *
 * Major upgrade (e.g. 16 → 17) in one `pulumi up`: set `engineVersion: "17"` and
 * `upgradeFromMajorVersion: 16` together. That allows the major upgrade and applies it immediately;
 * the parameter group of the new family is created under a new generated name, the instance moves to
 * it during the upgrade, and the old group is deleted last. Remove `upgradeFromMajorVersion` in the
 * next change. Without it a major change is refused by RDS (`allowMajorVersionUpgrade` stays false),
 * so a mistyped version cannot upgrade a database by accident.
 */
export interface PostgresArgs {
  /** How strict the defaults are. @default "production" */
  readonly profile?: Profile;

  /** The VPC of `subnetIds`, where the security group is created (changing it replaces the group). Required. */
  readonly vpcId: pulumi.Input<string>;
  /** The network's isolated subnets (no route to the Internet), in at least two availability zones. Required. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups allowed on 5432, keyed by a stable source name that names their rule: `{ "cluster-nodes": sgId }`. Required, at least one. */
  readonly allowedSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** SNS topic notified on ALARM and OK; required in production, without it (development) alarms notify nobody. @default none */
  readonly alarmTopicArn?: pulumi.Input<string>;

  /** PostgreSQL version in `POSTGRES_MAJOR_VERSIONS`: a major (`"17"`), or `"17.6"` with `autoMinorVersionUpgrade: false`. Required. */
  readonly engineVersion: string;
  /** The major the instance runs, set only for the deployment that raises `engineVersion`'s major (see above). @default none */
  readonly upgradeFromMajorVersion?: number;
  /** Let RDS apply new minor versions in the maintenance window. @default true */
  readonly autoMinorVersionUpgrade?: boolean;

  /** RDS DB instance class, `db.<family>.<size>`. @default "db.t4g.micro" / "db.m7g.large" */
  readonly instanceClass?: string;
  /** Memory of `instanceClass` in GiB, needed only for a class missing from `INSTANCE_CLASS_MEMORY_GIB`. @default the table's value */
  readonly instanceMemoryGib?: number;

  /** Initial gp3 storage, in GiB (20-65536). @default 20 / 100 */
  readonly allocatedStorageGb?: number;
  /** Storage autoscaling ceiling, in GiB: at least 10 % above `allocatedStorageGb`, at most 65536. @default 2 × / 4 × allocatedStorageGb */
  readonly maxAllocatedStorageGb?: number;
  /** Customer KMS key for storage, Performance Insights and the master secret; REPLACES the instance. @default a key the component creates, rotation on */
  readonly kmsKeyArn?: pulumi.Input<string>;

  /** A standby in a second availability zone with automatic failover. @default false / true */
  readonly multiAz?: boolean;
  /** Days automated backups are kept (0-35, at least 7 in production). @default 3 / 14 */
  readonly backupRetentionDays?: number;
  /** Daily backup window, `hh24:mi-hh24:mi` UTC, at least 30 minutes, apart from maintenance. @default "02:00-03:00" */
  readonly backupWindow?: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 30 minutes. @default "sun:04:00-sun:05:00" */
  readonly maintenanceWindow?: string;

  /** AWS deletion protection plus Pulumi `protect` on the instance and the component's KMS key. @default false / true */
  readonly deletionProtection?: boolean;
  /** Delete the instance without a final snapshot (loosens: its data is gone with it). @default true / false */
  readonly skipFinalSnapshot?: boolean;
  /** Apply modifications at once instead of in the maintenance window (forced on during a major upgrade). @default true / false */
  readonly applyImmediately?: boolean;

  /** Enhanced Monitoring interval, in seconds: 0 (off), 1, 5, 10, 15, 30 or 60. @default 0 / 60 */
  readonly monitoringIntervalSeconds?: number;
  /** Performance Insights retention, in days: 7, 731 or a multiple of 31. @default 7 */
  readonly performanceInsightsRetentionDays?: number;

  /** Parameter group overrides by name over `defaultParameters` (`rds.force_ssl` stays 1; an integer `max_connections` also sets the alarm). @default {} */
  readonly parameters?: Readonly<Record<string, ParameterOverride>>;

  /** DB instance identifier; REPLACES the instance. @default `<name>-instance-<7 hex>`, generated */
  readonly identifier?: string;
  /**
   * Retention of the instance's log groups `/aws/rds/instance/<identifier>/postgresql` and
   * `/upgrade` (days; a CloudWatch Logs retention value). The component creates them before the
   * instance when `identifier` is set; RDS would otherwise create them itself on the first export,
   * unencrypted and kept forever. @default profile: 7 / 90
   */
  readonly logRetentionDays?: number;
  /** Customer KMS key of those log groups (its policy must let CloudWatch Logs use it). @default CloudWatch Logs' own encryption */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Database created with the instance; REPLACES the instance. @default none (use the `postgres` database) */
  readonly databaseName?: string;
  /** Master user, whose password RDS generates and keeps in Secrets Manager; REPLACES the instance. @default "postgres" */
  readonly masterUsername?: string;

  /** Alarm thresholds; fields left out keep `DEFAULT_ALARM_THRESHOLDS` (percent and milliseconds). @default {} */
  readonly alarmThresholds?: Partial<AlarmThresholds>;
  /** Extra tags on every taggable resource. @default {} */
  readonly tags?: Record<string, string>;
}
