import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  byProfile,
  defineArgs,
  input,
  isKnown,
  kmsKeyAccess,
  kmsKeyArn,
  logRetentionDays,
  MIN_PRODUCTION_BACKUP_RETENTION_DAYS,
  PLATFORM_LOG_RETENTION_DAYS,
  IssueCollector,
  matching,
  profileField,
  runbookBaseUrlField,
  show,
  tagsField,
  wholeNumber,
  type ArgsOf,
  type ValidationIssue,
  type ResolvedArgsOf,
} from "../core";
import { DEFAULT_ALARM_THRESHOLDS, TRANSACTION_ID_PAGE_THRESHOLD } from "./alarms";
import {
  MAX_ALLOCATED_STORAGE_GB,
  MIN_ALLOCATED_STORAGE_GB,
  minimumMaxAllocatedStorageGb,
  POSTGRES_PROFILE_SETTINGS,
} from "./defaults";
import { describeOfferedVersions, isOfferedEngineVersion, parseEngineVersion } from "./engine-versions";
import { instanceClassMemoryGib, isRdsInstanceClassFormat } from "./instance-classes";
import { FORCE_SSL_PARAMETER, MAX_CONNECTIONS_PARAMETER } from "./parameters";
import {
  MINIMUM_WINDOW_MINUTES,
  parseDailyWindow,
  parseWeeklyWindow,
  windowsOverlap,
  type MinuteRange,
} from "./windows";

export const MONITORING_INTERVALS_SECONDS = [0, 1, 5, 10, 15, 30, 60] as const;
export const MAX_BACKUP_RETENTION_DAYS = 35;
export const APPLY_METHODS = ["immediate", "pending-reboot"] as const;
const MAX_IDENTIFIER_LENGTH = 63;
/** The instance's auto-name is `<name>-instance-<7 hex>`; it must fit an RDS identifier. */
const AUTONAME_OVERHEAD = "-instance-".length + 7;
const LARGEST_AUTOSCALABLE_STORAGE_GB = Math.floor((MAX_ALLOCATED_STORAGE_GB * 10) / 11);
const DEFAULT_BACKUP_WINDOW = "02:00-03:00";
const DEFAULT_MAINTENANCE_WINDOW = "sun:04:00-sun:05:00";

const RDS_IDENTIFIER = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const POSTGRES_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PARAMETER_NAME = /^[a-z][a-z0-9_.]*$/;
const SOURCE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function window(parse: (w: string) => MinuteRange | undefined, example: string) {
  return z.string().superRefine((value, ctx) => {
    const range = parse(value);
    if (!range) {
      ctx.addIssue({
        code: "custom",
        input: value,
        message: `${show(value)} is not a window RDS accepts; write it in UTC as ${show(example)}`,
      });
    } else if (range.minutes < MINIMUM_WINDOW_MINUTES) {
      ctx.addIssue({
        code: "custom",
        input: value,
        message: `${show(value)} lasts ${range.minutes} minutes; RDS needs at least ${MINIMUM_WINDOW_MINUTES}, e.g. ${show(example)}`,
      });
    }
  });
}

const percent = z.number().refine((v) => v > 0 && v <= 100, {
  error: (i) => `${show(i.input)} is not a percentage; use a number above 0 and at most 100`,
});
const positive = z.number().refine((v) => Number.isFinite(v) && v > 0, {
  error: (i) => `${show(i.input)} is not a threshold; use a number above 0`,
});
const latency = z.number().refine((v) => Number.isFinite(v) && v > 0, {
  error: (i) => `${show(i.input)} is not a latency; use a number of milliseconds above 0`,
});

const parameterValue = z.string().min(1, {
  error: (i) =>
    `${show(i.input)} is not a parameter value; give the value as a non-empty string, e.g. "64MB"`,
});

const parameters = z
  .record(
    z.string(),
    z.union([
      parameterValue,
      z
        .strictObject({
          value: parameterValue.describe("The parameter's value."),
          applyMethod: z
            .enum(APPLY_METHODS, {
              error: (i) => `${show(i.input)} is not an apply method; use "immediate" or "pending-reboot"`,
            })
            .meta({ typeName: "ApplyMethod" })
            .optional()
            .describe("When RDS applies it. Default: immediate."),
        })
        .meta({ typeName: "ParameterOverride" }),
    ]),
  )
  .superRefine((overrides, ctx) => {
    for (const [name, override] of Object.entries(overrides)) {
      const value = typeof override === "string" ? override : override.value;
      const problem = !PARAMETER_NAME.test(name)
        ? `${show(name)} is not a PostgreSQL parameter name; use lowercase names such as "work_mem"`
        : name === FORCE_SSL_PARAMETER && value !== "1"
          ? `${show(value)} would allow unencrypted connections; TLS stays forced, remove this override`
          : name === MAX_CONNECTIONS_PARAMETER && !/^[1-9]\d*$/.test(value)
            ? `${show(value)} is not a whole number; give max_connections as a number (e.g. "500") so the connections alarm knows the limit, or leave it to RDS's default formula`
            : undefined;
      if (problem) ctx.addIssue({ code: "custom", path: [name], input: value, message: problem });
    }
  });

const POSTGRES_OUTPUTS = z.object({
  endpoint: z.string().describe("`address:port`."),
  address: z.string().describe("DNS name of the instance."),
  port: z.number().int(),
  masterUserSecretArn: z
    .string()
    .describe("Secrets Manager secret holding the master user's password, which RDS creates and rotates."),
  securityGroupId: z.string().describe("The database's security group: reference it to let more clients in."),
  instanceIdentifier: z.string(),
  instanceArn: z.string(),
  resourceId: z.string().describe("`db-...` resource id, for IAM database authentication policies."),
  parameterGroupName: z.string(),
  kmsKeyArn: z.string().describe("The key encrypting storage, Performance Insights and the master secret."),
  alarmArns: z.array(z.string()).describe("ARNs of the instance's CloudWatch alarms, in a fixed order."),
});

/** What the rules know besides the args: the component's name, when there is one yet. */
export type PostgresContext = { readonly componentName: string } | undefined;

/**
 * The one definition of the Postgres component's arguments.
 *
 * What replaces the instance: only `instanceIdentifier`, `kmsKeyArn`, `databaseName` and `masterUsername`
 * ("REPLACES" in their descriptions). Major upgrade in one `pulumi up`: set `engineVersion: "17"` and
 * `upgradeFromMajorVersion: 16` together; remove `upgradeFromMajorVersion` in the next change.
 */
export const POSTGRES_ARGS = defineArgs({
  component: "Postgres",
  description:
    "An RDS for PostgreSQL instance safe for production: private, encrypted with a customer KMS key, TLS forced, the master password kept by RDS in Secrets Manager, IAM authentication, backups, CloudWatch alarms, deletion protection in production.",
  schema: (profile) =>
    z.strictObject({
      profile: profileField,
      vpcId: input(
        matching(
          /^vpc-[0-9a-f]+$/,
          (v) => `${show(v)} is not a VPC id; pass the network's vpcId ("vpc-...")`,
        ),
      ).describe(
        "The VPC of `subnetIds`, where the security group is created (changing it replaces the group).",
      ),
      subnetIds: input(
        z.array(input(matching(/^subnet-[0-9a-f]+$/, (v) => `${show(v)} is not a subnet id ("subnet-...")`))),
      ).describe(
        "The network's isolated subnets (no route to the Internet), in at least two availability zones.",
      ),
      allowedSecurityGroupIds: z
        .record(
          z.string(),
          input(matching(/^sg-[0-9a-f]+$/, (v) => `${show(v)} is not a security group id ("sg-...")`)),
          {
            error: (i) =>
              i.code === "invalid_type"
                ? `${show(i.input)} allows no client; give at least one source as { "<name>": <security group id> }, e.g. { "cluster-nodes": cluster.nodeSecurityGroupId }`
                : undefined,
          },
        )
        .superRefine((sources, ctx) => {
          for (const key of Object.keys(sources)) {
            if (!SOURCE_KEY.test(key)) {
              ctx.addIssue({
                code: "custom",
                path: [key],
                input: key,
                message: `${show(key)} is not a usable source name; it names the ingress rule, so use lowercase letters, digits and single hyphens`,
              });
            }
          }
        })
        .describe(
          'Security groups allowed on 5432, keyed by a stable source name that names their rule: `{ "cluster-nodes": sgId }`. At least one.',
        ),
      alertTopicArn: input(
        matching(/^arn:[\w-]+:sns:/, (v) => `${show(v)} is not an SNS topic ARN ("arn:aws:sns:...")`),
      )
        .optional()
        .describe(
          "SNS topic of tickets: alarms of severity ticket notify it on ALARM and OK, and RDS maintenance and notification events go to it. Required in production (without it alarms notify nobody).",
        ),
      pageTopicArn: input(
        matching(/^arn:[\w-]+:sns:/, (v) => `${show(v)} is not an SNS topic ARN ("arn:aws:sns:...")`),
      )
        .optional()
        .describe(
          "SNS topic that pages: alarms of severity page (instance silent, storage filling, transaction-ID wraparound near) and RDS failover, failure and low-storage events. Required in production. Default: `alertTopicArn`.",
        ),
      runbookBaseUrl: runbookBaseUrlField().describe(
        "Base https URL of the runbooks each alarm description links to (`<base>/<runbook slug>`).",
      ),
      engineVersion: input(
        z.string().superRefine((raw, ctx) => {
          const version = parseEngineVersion(raw);
          if (!version) {
            ctx.addIssue({
              code: "custom",
              input: raw,
              message: `${show(raw)} is not a PostgreSQL version; write the major ("17") or major.minor ("17.6"); RDS offers ${describeOfferedVersions()}`,
            });
          } else if (!isOfferedEngineVersion(version)) {
            ctx.addIssue({
              code: "custom",
              input: raw,
              message: `${show(raw)} is not a PostgreSQL version RDS offers; use one of ${describeOfferedVersions()} (see POSTGRES_MAJOR_VERSIONS)`,
            });
          }
        }),
      ).describe(
        'PostgreSQL version RDS offers: a major ("17"), or "17.6" with `autoMinorVersionUpgrade: false`; pinned, never implied. An Output (e.g. from a StackReference) is checked when it resolves.',
      ),
      upgradeFromMajorVersion: wholeNumber(
        1,
        Number.MAX_SAFE_INTEGER,
        (v) => `${show(v)} is not a PostgreSQL major version; write e.g. 16`,
      )
        .optional()
        .describe(
          "The major the instance runs, set only for the deployment that raises `engineVersion`'s major.",
        ),
      autoMinorVersionUpgrade: z
        .boolean()
        .default(true)
        .describe("Let RDS apply new minor versions in the maintenance window."),
      instanceClass: z
        .string()
        .refine(isRdsInstanceClassFormat, {
          error: (i) =>
            `${show(i.input)} is not an RDS instance class; use db.<family>.<size>, e.g. "db.t4g.micro" or "db.m7g.large"`,
        })
        .default(byProfile(profile, { development: "db.t4g.micro", production: "db.m7g.large" }))
        .describe("RDS DB instance class, `db.<family>.<size>`."),
      instanceMemoryGib: z
        .number()
        .refine((v) => Number.isFinite(v) && v > 0, {
          error: (i) => `${show(i.input)} is not a memory size; give the class's memory in GiB, e.g. 16`,
        })
        .optional()
        .describe(
          "Memory of `instanceClass` in GiB, needed only for a class missing from INSTANCE_CLASS_MEMORY_GIB.",
        ),
      allocatedStorageGb: wholeNumber(
        MIN_ALLOCATED_STORAGE_GB,
        MAX_ALLOCATED_STORAGE_GB,
        (v) =>
          `${show(v)} is outside what RDS allows for gp3; use a whole number of GiB from ${MIN_ALLOCATED_STORAGE_GB} to ${MAX_ALLOCATED_STORAGE_GB}`,
      )
        .default(byProfile(profile, { development: 20, production: 100 }))
        .describe("Initial gp3 storage in GiB (20-65536)."),
      maxAllocatedStorageGb: wholeNumber(
        0,
        MAX_ALLOCATED_STORAGE_GB,
        (v) =>
          `${show(v)} is not a storage ceiling RDS allows; use a whole number of GiB up to ${MAX_ALLOCATED_STORAGE_GB}`,
      )
        .optional()
        .describe(
          `Storage autoscaling ceiling in GiB: at least 10 % above allocatedStorageGb, at most ${MAX_ALLOCATED_STORAGE_GB}. Default: ${POSTGRES_PROFILE_SETTINGS.development.storageAutoscalingFactor} × (development) / ${POSTGRES_PROFILE_SETTINGS.production.storageAutoscalingFactor} × (production) allocatedStorageGb.`,
        ),
      kmsKeyArn: input(z.string())
        .optional()
        .describe(
          "Customer KMS key for storage, Performance Insights and the master secret; REPLACES the instance. Default: a key the component creates, rotation on.",
        ),
      multiAz: z
        .boolean()
        .default(byProfile(profile, { development: false, production: true }))
        .describe("A standby in a second availability zone with automatic failover."),
      backupRetentionDays: wholeNumber(
        0,
        MAX_BACKUP_RETENTION_DAYS,
        (v) =>
          `${show(v)} is outside what RDS allows; use a whole number of days from 0 to ${MAX_BACKUP_RETENTION_DAYS}`,
      )
        .default(byProfile(profile, { development: 3, production: MIN_PRODUCTION_BACKUP_RETENTION_DAYS }))
        .describe(
          `Days automated backups are kept (0-35; production at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS}).`,
        ),
      backupWindow: window(parseDailyWindow, DEFAULT_BACKUP_WINDOW)
        .default(DEFAULT_BACKUP_WINDOW)
        .describe("Daily backup window, `hh24:mi-hh24:mi` UTC, at least 30 minutes, apart from maintenance."),
      maintenanceWindow: window(parseWeeklyWindow, DEFAULT_MAINTENANCE_WINDOW)
        .default(DEFAULT_MAINTENANCE_WINDOW)
        .describe("Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 30 minutes."),
      deletionProtection: z
        .boolean()
        .default(byProfile(profile, { development: false, production: true }))
        .describe(
          "AWS deletion protection plus Pulumi `protect` on the instance (the KMS key is protected by `kmsKeyAccess.protect`).",
        ),
      kmsKeyAccess: kmsKeyAccess(profile),
      skipFinalSnapshot: z
        .boolean()
        .default(byProfile(profile, { development: true, production: false }))
        .describe("Delete the instance without a final snapshot (loosens: its data is gone with it)."),
      // No schema default: an explicit false must be told apart from the profile's during an upgrade.
      applyImmediately: z
        .boolean()
        .optional()
        .describe(
          `Apply modifications at once instead of in the maintenance window. Default: ${POSTGRES_PROFILE_SETTINGS.development.applyImmediately} (development) / ${POSTGRES_PROFILE_SETTINGS.production.applyImmediately} (production), and on during a major upgrade.`,
        ),
      monitoringIntervalSeconds: z
        .number()
        .refine((v) => (MONITORING_INTERVALS_SECONDS as readonly number[]).includes(v), {
          error: (i) =>
            `${show(i.input)} is not an Enhanced Monitoring interval; use one of ${MONITORING_INTERVALS_SECONDS.join(", ")} seconds (0 turns it off)`,
        })
        .default(byProfile(profile, { development: 0, production: 60 }))
        .describe("Enhanced Monitoring interval in seconds: 0 (off), 1, 5, 10, 15, 30 or 60."),
      performanceInsightsRetentionDays: z
        .number()
        .refine((d) => d === 7 || d === 731 || (Number.isInteger(d) && d % 31 === 0 && d >= 31 && d <= 713), {
          error: (i) =>
            `${show(i.input)} is not a retention Performance Insights offers; use 7, 731, or a multiple of 31 up to 713 days`,
        })
        .default(7)
        .describe("Performance Insights retention in days: 7, 731 or a multiple of 31."),
      parameters: parameters
        .default({})
        .describe(
          "Parameter group overrides by name over the defaults (`rds.force_ssl` stays 1; an integer `max_connections` also sets the alarm); a value, or `{ value, applyMethod }`.",
        ),
      instanceIdentifier: z
        .string()
        .refine((v) => RDS_IDENTIFIER.test(v) && v.length <= MAX_IDENTIFIER_LENGTH, {
          error: (i) =>
            `${show(i.input)} is not an RDS instance identifier; use 1-63 lowercase letters, digits and single hyphens, starting with a letter`,
        })
        .optional()
        .describe(
          "DB instance identifier; REPLACES the instance. Default: `<name>-instance-<7 hex>`, generated.",
        ),
      logRetentionDays: logRetentionDays()
        .default(PLATFORM_LOG_RETENTION_DAYS[profile])
        .describe(
          "Retention of the instance's log groups `/aws/rds/instance/<identifier>/postgresql` and `/upgrade` (days; a CloudWatch Logs retention value). The component creates them before the instance when `instanceIdentifier` is set; RDS would otherwise create them itself on the first export, unencrypted and kept forever.",
        ),
      logsKmsKeyArn: kmsKeyArn()
        .optional()
        .describe(
          "Customer KMS key of those log groups (its policy must let CloudWatch Logs use it). Default: CloudWatch Logs' own encryption.",
        ),
      databaseName: matching(
        POSTGRES_NAME,
        (v) =>
          `${show(v)} is not a database name RDS accepts; use 1-63 letters, digits and underscores, starting with a letter`,
      )
        .optional()
        .describe(
          "Database created with the instance; REPLACES the instance. Default: none (use `postgres`).",
        ),
      masterUsername: z
        .string()
        .refine((v) => POSTGRES_NAME.test(v) && v !== "rdsadmin", {
          error: (i) =>
            `${show(i.input)} is not a master user name RDS accepts; use 1-63 letters, digits and underscores, starting with a letter, not "rdsadmin"`,
        })
        .default("postgres")
        .describe(
          "Master user, whose password RDS generates and keeps in Secrets Manager; REPLACES the instance.",
        ),
      alarmThresholds: z
        .strictObject({
          cpuUtilizationPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.cpuUtilizationPercent)
            .describe("Average CPU above this for 15 minutes alarms, in percent."),
          freeStoragePercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.freeStoragePercent)
            .describe("Free storage below this share of the allocated storage alarms, in percent."),
          freeableMemoryPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.freeableMemoryPercent)
            .describe("Freeable memory below this share of the class's memory alarms, in percent."),
          connectionsPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.connectionsPercent)
            .describe("Connections above this share of `max_connections` alarm, in percent."),
          readLatencyMs: latency
            .default(DEFAULT_ALARM_THRESHOLDS.readLatencyMs)
            .describe("Average read latency above this for 15 minutes alarms, in milliseconds."),
          writeLatencyMs: latency
            .default(DEFAULT_ALARM_THRESHOLDS.writeLatencyMs)
            .describe("Average write latency above this for 15 minutes alarms, in milliseconds."),
          storageHoursToFull: positive
            .default(DEFAULT_ALARM_THRESHOLDS.storageHoursToFull)
            .describe(
              "Pages when the last 15 minutes' growth would fill the free storage within this many hours.",
            ),
          storageCeilingUsedPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.storageCeilingUsedPercent)
            .describe(
              "Pages when used storage passes this share of maxAllocatedStorageGb (storage autoscaling stops there), in percent.",
            ),
          maximumUsedTransactionIds: positive
            .refine((v) => v < TRANSACTION_ID_PAGE_THRESHOLD, {
              error: (i) =>
                `${show(i.input)} is not below ${TRANSACTION_ID_PAGE_THRESHOLD}, where the wraparound page fires; the ticket must come first`,
            })
            .default(DEFAULT_ALARM_THRESHOLDS.maximumUsedTransactionIds)
            .describe("Transaction IDs in use (MaximumUsedTransactionIDs) above this open a ticket."),
          replicationSlotDiskPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.replicationSlotDiskPercent)
            .describe(
              "WAL kept by replication slots above this share of the allocated storage opens a ticket.",
            ),
          transactionLogsDiskPercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.transactionLogsDiskPercent)
            .describe("WAL above this share of the allocated storage opens a ticket."),
          swapUsageMib: positive
            .default(DEFAULT_ALARM_THRESHOLDS.swapUsageMib)
            .describe("Swap in use above this many MiB for 15 minutes opens a ticket."),
          diskQueueDepth: positive
            .default(DEFAULT_ALARM_THRESHOLDS.diskQueueDepth)
            .describe("Average outstanding I/Os above this for 15 minutes open a ticket."),
          ebsByteBalancePercent: percent
            .default(DEFAULT_ALARM_THRESHOLDS.ebsByteBalancePercent)
            .describe("EBS burst byte balance below this percentage for 15 minutes opens a ticket."),
          cpuCreditBalance: positive
            .default(DEFAULT_ALARM_THRESHOLDS.cpuCreditBalance)
            .describe("CPU credits below this for 15 minutes open a ticket (burstable db.t* classes only)."),
        })
        .meta({ typeName: "AlarmThresholds" })
        .prefault({})
        .describe("Alarm thresholds; fields left out keep their defaults."),
      tags: tagsField(),
    }),
  outputs: POSTGRES_OUTPUTS,
}).withRules<PostgresContext>([
  {
    // Child names, the instance auto-name and the final snapshot derive from the component's name.
    check: (a, context) =>
      context?.componentName === undefined
        ? []
        : validatePostgresName(context.componentName, a.instanceIdentifier),
  },
  {
    path: "subnetIds",
    when: (a) => isKnown(a.subnetIds) && a.subnetIds.length < 2,
    message: (a) =>
      `has ${(a.subnetIds as unknown[]).length} subnet(s); RDS needs subnets in at least two availability zones, so pass the network's isolated subnets of every zone`,
  },
  {
    path: "allowedSecurityGroupIds",
    when: (a) => Object.keys(a.allowedSecurityGroupIds).length === 0,
    message: (a) =>
      `${show(a.allowedSecurityGroupIds)} allows no client; give at least one source as { "<name>": <security group id> }, e.g. { "cluster-nodes": cluster.nodeSecurityGroupId }`,
  },
  {
    path: "alertTopicArn",
    when: (a) => a.profile === "production" && a.alertTopicArn === undefined,
    message: () =>
      "is required in production so the alarms page someone; pass the observability component's alertTopicArn",
  },
  {
    path: "pageTopicArn",
    when: (a) => a.profile === "production" && a.pageTopicArn === undefined,
    message: () =>
      "is required in production so a silent instance, a filling disk and failover or failure events page someone; pass the observability component's pageTopicArn",
  },
  {
    path: "engineVersion",
    when: (a) =>
      isKnown(a.engineVersion) &&
      parseEngineVersion(a.engineVersion)?.minor !== undefined &&
      a.autoMinorVersionUpgrade,
    message: (a) =>
      `${show(a.engineVersion)} pins a minor while autoMinorVersionUpgrade is on: once RDS upgrades the minor, the next deployment would try to downgrade it and fail; write only the major ("${majorOf(a.engineVersion)}") or set autoMinorVersionUpgrade: false`,
  },
  {
    path: "upgradeFromMajorVersion",
    when: (a) =>
      a.upgradeFromMajorVersion !== undefined && a.upgradeFromMajorVersion >= majorOf(a.engineVersion),
    message: (a) =>
      `${a.upgradeFromMajorVersion} is not below engineVersion's major ${majorOf(a.engineVersion)}; it is only for the deployment that upgrades to a newer major (RDS cannot downgrade), so remove it`,
  },
  {
    path: "applyImmediately",
    when: (a) =>
      a.upgradeFromMajorVersion !== undefined &&
      a.upgradeFromMajorVersion < majorOf(a.engineVersion) &&
      a.applyImmediately === false,
    message: (a) =>
      `false cannot be combined with upgradeFromMajorVersion ${a.upgradeFromMajorVersion}: a deferred major upgrade keeps the old parameter group attached, so deleting it fails; remove applyImmediately for the upgrade deployment`,
  },
  {
    path: "instanceClass",
    when: (a) => instanceClassMemoryGib(a.instanceClass) === undefined && a.instanceMemoryGib === undefined,
    message: (a) =>
      `${show(a.instanceClass)} is not in INSTANCE_CLASS_MEMORY_GIB, so its memory (for the memory and connections alarms) is unknown; pick a listed class, add it to the table, or give instanceMemoryGib`,
  },
  {
    path: "allocatedStorageGb",
    when: (a) =>
      a.maxAllocatedStorageGb === undefined && a.allocatedStorageGb > LARGEST_AUTOSCALABLE_STORAGE_GB,
    message: (a) =>
      `${a.allocatedStorageGb} GiB leaves no room for storage autoscaling below RDS's ${MAX_ALLOCATED_STORAGE_GB} GiB ceiling; use at most ${LARGEST_AUTOSCALABLE_STORAGE_GB}`,
  },
  {
    path: "maxAllocatedStorageGb",
    when: (a) => a.maxAllocatedStorageGb !== undefined && a.maxAllocatedStorageGb < a.allocatedStorageGb,
    message: (a) =>
      `${a.maxAllocatedStorageGb} is below allocatedStorageGb ${a.allocatedStorageGb}; the autoscaling ceiling must be above the allocated storage, e.g. ${Math.min(MAX_ALLOCATED_STORAGE_GB, a.allocatedStorageGb * 2)}`,
  },
  {
    path: "maxAllocatedStorageGb",
    when: (a) =>
      a.maxAllocatedStorageGb !== undefined &&
      a.maxAllocatedStorageGb >= a.allocatedStorageGb &&
      a.maxAllocatedStorageGb < minimumMaxAllocatedStorageGb(a.allocatedStorageGb),
    message: (a) =>
      `${a.maxAllocatedStorageGb} is less than 10 % above allocatedStorageGb ${a.allocatedStorageGb}, which RDS rejects; use at least ${minimumMaxAllocatedStorageGb(a.allocatedStorageGb)}`,
  },
  {
    path: "backupRetentionDays",
    when: (a) => a.profile === "production" && a.backupRetentionDays < MIN_PRODUCTION_BACKUP_RETENTION_DAYS,
    message: (a) =>
      `${a.backupRetentionDays} is too short for production; keep at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} days of backups`,
  },
  {
    path: "maintenanceWindow",
    when: (a) => {
      const backup = parseDailyWindow(a.backupWindow);
      const maintenance = parseWeeklyWindow(a.maintenanceWindow);
      return backup !== undefined && maintenance !== undefined && windowsOverlap(backup, maintenance);
    },
    message: (a) =>
      `${show(a.maintenanceWindow)} overlaps the daily backup window ${show(a.backupWindow)}, which RDS rejects; move one of them`,
  },
]);

/**
 * Checks the component's own name: child names, the instance auto-name, the subnet group and the
 * final snapshot identifier derive from it, and RDS accepts only lowercase letters, digits and
 * single hyphens there.
 */
export function validatePostgresName(name: string, identifier?: string): ValidationIssue[] {
  const issues = new IssueCollector();
  if (!RDS_IDENTIFIER.test(name)) {
    issues.add(
      "name",
      `${show(name)} is not usable in RDS names; use lowercase letters, digits and single hyphens, starting with a letter (e.g. "orders-db")`,
    );
  } else if (identifier === undefined && name.length + AUTONAME_OVERHEAD > MAX_IDENTIFIER_LENGTH) {
    issues.add(
      "name",
      `${show(name)} is ${name.length} characters; the instance identifier derived from it must fit 63, so use at most ${MAX_IDENTIFIER_LENGTH - AUTONAME_OVERHEAD} or set instanceIdentifier`,
    );
  }
  return [...issues.issues];
}

/** The major of a known version; NaN (no comparison holds) for an Output, judged when it resolves. */
function majorOf(engineVersion: pulumi.Input<string>): number {
  return isKnown(engineVersion) ? (parseEngineVersion(engineVersion)?.major ?? Number.NaN) : Number.NaN;
}

/** Postgres arguments as a caller writes them. */
export type PostgresArgs = ArgsOf<typeof POSTGRES_ARGS>;
/** Postgres arguments with every default filled in. */
export type ResolvedPostgresArgs = ResolvedArgsOf<typeof POSTGRES_ARGS>;
