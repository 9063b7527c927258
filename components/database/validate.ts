import * as pulumi from "@pulumi/pulumi";
import { checkProfile, IssueCollector, show, type ValidationIssue } from "../core";
import { logRetentionProblem } from "../core/log-groups";
import { DEFAULT_ALARM_THRESHOLDS, type AlarmThresholds } from "./alarms";
import type { PostgresArgs } from "./args";
import {
  MAX_ALLOCATED_STORAGE_GB,
  MIN_ALLOCATED_STORAGE_GB,
  minimumMaxAllocatedStorageGb,
  POSTGRES_DEFAULTS,
  POSTGRES_FIXED_DEFAULTS,
} from "./defaults";
import { describeOfferedVersions, isOfferedEngineVersion, parseEngineVersion } from "./engine-versions";
import { instanceClassMemoryGib, isRdsInstanceClassFormat } from "./instance-classes";
import { FORCE_SSL_PARAMETER, MAX_CONNECTIONS_PARAMETER, type ParameterOverride } from "./parameters";
import {
  MINIMUM_WINDOW_MINUTES,
  parseDailyWindow,
  parseWeeklyWindow,
  windowsOverlap,
  type MinuteRange,
} from "./windows";

export const MONITORING_INTERVALS_SECONDS = [0, 1, 5, 10, 15, 30, 60] as const;
export const MAX_BACKUP_RETENTION_DAYS = 35;
export const MIN_PRODUCTION_BACKUP_RETENTION_DAYS = 7;
const MAX_IDENTIFIER_LENGTH = 63;
/** The instance's auto-name is `<name>-instance-<7 hex>`; it must fit an RDS identifier. */
const AUTONAME_OVERHEAD = "-instance-".length + 7;
const LARGEST_AUTOSCALABLE_STORAGE_GB = Math.floor((MAX_ALLOCATED_STORAGE_GB * 10) / 11);

const RDS_IDENTIFIER = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const POSTGRES_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PARAMETER_NAME = /^[a-z][a-z0-9_.]*$/;
const SOURCE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A value validation can read: not a pulumi Output or a promise, whose value is only known later. */
function isPlain(value: unknown): boolean {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

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
      `${show(name)} is ${name.length} characters; the instance identifier derived from it must fit 63, so use at most ${MAX_IDENTIFIER_LENGTH - AUTONAME_OVERHEAD} or set identifier`,
    );
  }
  return [...issues.issues];
}

function checkBoolean(issues: IssueCollector, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") {
    issues.add(path, `${show(value)} is not a boolean; use true or false`);
  }
}

function checkNetwork(issues: IssueCollector, args: PostgresArgs, production: boolean): void {
  if (typeof args.vpcId === "string" && !/^vpc-[0-9a-f]+$/.test(args.vpcId)) {
    issues.add("vpcId", `${show(args.vpcId)} is not a VPC id; pass the network's vpcId ("vpc-...")`);
  } else if (args.vpcId === undefined) {
    issues.add("vpcId", "is required; pass the network's vpcId");
  }

  const subnets: unknown = args.subnetIds;
  if (subnets === undefined) {
    issues.add("subnetIds", "is required; pass the network's isolated subnet ids");
  } else if (Array.isArray(subnets)) {
    if (subnets.length < 2) {
      issues.add(
        "subnetIds",
        `has ${subnets.length} subnet(s); RDS needs subnets in at least two availability zones, so pass the network's isolated subnets of every zone`,
      );
    }
    subnets.forEach((id: unknown, i) => {
      if (isPlain(id) && (typeof id !== "string" || !/^subnet-[0-9a-f]+$/.test(id))) {
        issues.add(`subnetIds[${i}]`, `${show(id)} is not a subnet id ("subnet-...")`);
      }
    });
  }

  const sources: unknown = args.allowedSecurityGroupIds;
  const entries =
    sources !== null && typeof sources === "object" && !Array.isArray(sources) && isPlain(sources)
      ? Object.entries(sources as Record<string, unknown>)
      : undefined;
  if (entries === undefined || entries.length === 0) {
    issues.add(
      "allowedSecurityGroupIds",
      `${show(sources)} allows no client; give at least one source as { "<name>": <security group id> }, e.g. { "cluster-nodes": cluster.nodeSecurityGroupId }`,
    );
  } else {
    for (const [key, id] of entries) {
      if (!SOURCE_KEY.test(key)) {
        issues.add(
          `allowedSecurityGroupIds.${key}`,
          `${show(key)} is not a usable source name; it names the ingress rule, so use lowercase letters, digits and single hyphens`,
        );
      }
      if (isPlain(id) && (typeof id !== "string" || !/^sg-[0-9a-f]+$/.test(id))) {
        issues.add(`allowedSecurityGroupIds.${key}`, `${show(id)} is not a security group id ("sg-...")`);
      }
    }
  }

  if (args.alarmTopicArn === undefined) {
    if (production) {
      issues.add(
        "alarmTopicArn",
        "is required in production so the alarms page someone; pass the observability component's alarm topic ARN",
      );
    }
  } else if (typeof args.alarmTopicArn === "string" && !/^arn:[\w-]+:sns:/.test(args.alarmTopicArn)) {
    issues.add("alarmTopicArn", `${show(args.alarmTopicArn)} is not an SNS topic ARN ("arn:aws:sns:...")`);
  }
}

function checkEngine(issues: IssueCollector, args: PostgresArgs): void {
  const raw: unknown = args.engineVersion;
  const version = typeof raw === "string" ? parseEngineVersion(raw) : undefined;
  if (!version) {
    issues.add(
      "engineVersion",
      `${show(raw)} is not a PostgreSQL version; write the major ("17") or major.minor ("17.6"); RDS offers ${describeOfferedVersions()}`,
    );
  } else if (!isOfferedEngineVersion(version)) {
    issues.add(
      "engineVersion",
      `${show(raw)} is not a PostgreSQL version RDS offers; use one of ${describeOfferedVersions()} (see POSTGRES_MAJOR_VERSIONS)`,
    );
  } else if (version.minor !== undefined && args.autoMinorVersionUpgrade !== false) {
    issues.add(
      "engineVersion",
      `${show(raw)} pins a minor while autoMinorVersionUpgrade is on: once RDS upgrades the minor, the next deployment would try to downgrade it and fail; write only the major ("${version.major}") or set autoMinorVersionUpgrade: false`,
    );
  }
  checkBoolean(issues, "autoMinorVersionUpgrade", args.autoMinorVersionUpgrade);

  const from: unknown = args.upgradeFromMajorVersion;
  if (from === undefined) return;
  if (!isInteger(from) || from < 1) {
    issues.add("upgradeFromMajorVersion", `${show(from)} is not a PostgreSQL major version; write e.g. 16`);
    return;
  }
  if (version && from >= version.major) {
    issues.add(
      "upgradeFromMajorVersion",
      `${from} is not below engineVersion's major ${version.major}; it is only for the deployment that upgrades to a newer major (RDS cannot downgrade), so remove it`,
    );
    return;
  }
  if (args.applyImmediately === false) {
    issues.add(
      "applyImmediately",
      `false cannot be combined with upgradeFromMajorVersion ${from}: a deferred major upgrade keeps the old parameter group attached, so deleting it fails; remove applyImmediately for the upgrade deployment`,
    );
  }
}

function checkInstanceClass(issues: IssueCollector, args: PostgresArgs, defaultClass: string): void {
  const memory: unknown = args.instanceMemoryGib;
  if (memory !== undefined && !(typeof memory === "number" && Number.isFinite(memory) && memory > 0)) {
    issues.add(
      "instanceMemoryGib",
      `${show(memory)} is not a memory size; give the class's memory in GiB, e.g. 16`,
    );
  }
  const instanceClass: unknown = args.instanceClass ?? defaultClass;
  if (typeof instanceClass !== "string" || !isRdsInstanceClassFormat(instanceClass)) {
    issues.add(
      "instanceClass",
      `${show(instanceClass)} is not an RDS instance class; use db.<family>.<size>, e.g. "db.t4g.micro" or "db.m7g.large"`,
    );
  } else if (instanceClassMemoryGib(instanceClass) === undefined && memory === undefined) {
    issues.add(
      "instanceClass",
      `${show(instanceClass)} is not in INSTANCE_CLASS_MEMORY_GIB, so its memory (for the memory and connections alarms) is unknown; pick a listed class, add it to the table, or give instanceMemoryGib`,
    );
  }
}

function checkStorage(issues: IssueCollector, args: PostgresArgs, defaultAllocated: number): void {
  const allocated: unknown = args.allocatedStorageGb ?? defaultAllocated;
  const allocatedOk = isInteger(allocated) && allocated >= MIN_ALLOCATED_STORAGE_GB;
  if (!allocatedOk || allocated > MAX_ALLOCATED_STORAGE_GB) {
    issues.add(
      "allocatedStorageGb",
      `${show(allocated)} is outside what RDS allows for gp3; use a whole number of GiB from ${MIN_ALLOCATED_STORAGE_GB} to ${MAX_ALLOCATED_STORAGE_GB}`,
    );
  } else if (args.maxAllocatedStorageGb === undefined && allocated > LARGEST_AUTOSCALABLE_STORAGE_GB) {
    issues.add(
      "allocatedStorageGb",
      `${allocated} GiB leaves no room for storage autoscaling below RDS's ${MAX_ALLOCATED_STORAGE_GB} GiB ceiling; use at most ${LARGEST_AUTOSCALABLE_STORAGE_GB}`,
    );
  }
  const max: unknown = args.maxAllocatedStorageGb;
  if (max === undefined) return;
  if (!isInteger(max) || max > MAX_ALLOCATED_STORAGE_GB) {
    issues.add(
      "maxAllocatedStorageGb",
      `${show(max)} is not a storage ceiling RDS allows; use a whole number of GiB up to ${MAX_ALLOCATED_STORAGE_GB}`,
    );
  } else if (isInteger(allocated) && max < allocated) {
    issues.add(
      "maxAllocatedStorageGb",
      `${max} is below allocatedStorageGb ${allocated}; the autoscaling ceiling must be above the allocated storage, e.g. ${Math.min(MAX_ALLOCATED_STORAGE_GB, allocated * 2)}`,
    );
  } else if (isInteger(allocated) && max < minimumMaxAllocatedStorageGb(allocated)) {
    issues.add(
      "maxAllocatedStorageGb",
      `${max} is less than 10 % above allocatedStorageGb ${allocated}, which RDS rejects; use at least ${minimumMaxAllocatedStorageGb(allocated)}`,
    );
  }
}

function checkWindow(
  issues: IssueCollector,
  path: string,
  value: unknown,
  parse: (window: string) => MinuteRange | undefined,
  example: string,
): MinuteRange | undefined {
  const range = typeof value === "string" ? parse(value) : undefined;
  if (!range) {
    issues.add(path, `${show(value)} is not a window RDS accepts; write it in UTC as ${show(example)}`);
    return undefined;
  }
  if (range.minutes < MINIMUM_WINDOW_MINUTES) {
    issues.add(
      path,
      `${show(value)} lasts ${range.minutes} minutes; RDS needs at least ${MINIMUM_WINDOW_MINUTES}, e.g. ${show(example)}`,
    );
    return undefined;
  }
  return range;
}

function checkBackups(issues: IssueCollector, args: PostgresArgs, production: boolean): void {
  const retention: unknown = args.backupRetentionDays;
  if (retention !== undefined) {
    if (!isInteger(retention) || retention < 0 || retention > MAX_BACKUP_RETENTION_DAYS) {
      issues.add(
        "backupRetentionDays",
        `${show(retention)} is outside what RDS allows; use a whole number of days from 0 to ${MAX_BACKUP_RETENTION_DAYS}`,
      );
    } else if (production && retention < MIN_PRODUCTION_BACKUP_RETENTION_DAYS) {
      issues.add(
        "backupRetentionDays",
        `${retention} is too short for production; keep at least ${MIN_PRODUCTION_BACKUP_RETENTION_DAYS} days of backups (default 14)`,
      );
    }
  }
  const backup = checkWindow(
    issues,
    "backupWindow",
    args.backupWindow ?? POSTGRES_FIXED_DEFAULTS.backupWindow,
    parseDailyWindow,
    POSTGRES_FIXED_DEFAULTS.backupWindow,
  );
  const maintenance = checkWindow(
    issues,
    "maintenanceWindow",
    args.maintenanceWindow ?? POSTGRES_FIXED_DEFAULTS.maintenanceWindow,
    parseWeeklyWindow,
    POSTGRES_FIXED_DEFAULTS.maintenanceWindow,
  );
  if (backup && maintenance && windowsOverlap(backup, maintenance)) {
    issues.add(
      "maintenanceWindow",
      `${show(args.maintenanceWindow ?? POSTGRES_FIXED_DEFAULTS.maintenanceWindow)} overlaps the daily backup window ${show(args.backupWindow ?? POSTGRES_FIXED_DEFAULTS.backupWindow)}, which RDS rejects; move one of them`,
    );
  }
  for (const key of ["multiAz", "deletionProtection", "skipFinalSnapshot", "applyImmediately"] as const) {
    checkBoolean(issues, key, args[key]);
  }
}

function isPerformanceInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (days % 31 === 0 && days >= 31 && days <= 713);
}

function checkMonitoring(issues: IssueCollector, args: PostgresArgs): void {
  const interval: unknown = args.monitoringIntervalSeconds;
  if (interval !== undefined && !(MONITORING_INTERVALS_SECONDS as readonly unknown[]).includes(interval)) {
    issues.add(
      "monitoringIntervalSeconds",
      `${show(interval)} is not an Enhanced Monitoring interval; use one of ${MONITORING_INTERVALS_SECONDS.join(", ")} seconds (0 turns it off)`,
    );
  }
  const retention: unknown = args.performanceInsightsRetentionDays;
  if (retention !== undefined && !(isInteger(retention) && isPerformanceInsightsRetention(retention))) {
    issues.add(
      "performanceInsightsRetentionDays",
      `${show(retention)} is not a retention Performance Insights offers; use 7, 731, or a multiple of 31 up to 713 days`,
    );
  }
}

function checkParameter(issues: IssueCollector, name: string, override: ParameterOverride): void {
  const path = `parameters.${name}`;
  if (!PARAMETER_NAME.test(name)) {
    issues.add(
      path,
      `${show(name)} is not a PostgreSQL parameter name; use lowercase names such as "work_mem"`,
    );
  }
  const value: unknown = typeof override === "object" && override !== null ? override.value : override;
  if (typeof value !== "string" || value === "") {
    issues.add(
      path,
      `${show(value)} is not a parameter value; give the value as a non-empty string, e.g. "64MB"`,
    );
    return;
  }
  if (typeof override === "object") {
    const method: unknown = override.applyMethod;
    if (method !== undefined && method !== "immediate" && method !== "pending-reboot") {
      issues.add(
        `${path}.applyMethod`,
        `${show(method)} is not an apply method; use "immediate" or "pending-reboot"`,
      );
    }
  }
  if (name === FORCE_SSL_PARAMETER && value !== "1") {
    issues.add(
      path,
      `${show(value)} would allow unencrypted connections; TLS stays forced, remove this override`,
    );
  }
  if (name === MAX_CONNECTIONS_PARAMETER && !/^[1-9]\d*$/.test(value)) {
    issues.add(
      path,
      `${show(value)} is not a whole number; give max_connections as a number (e.g. "500") so the connections alarm knows the limit, or leave it to RDS's default formula`,
    );
  }
}

function checkIdentity(issues: IssueCollector, args: PostgresArgs): void {
  const identifier: unknown = args.identifier;
  if (
    identifier !== undefined &&
    (typeof identifier !== "string" ||
      !RDS_IDENTIFIER.test(identifier) ||
      identifier.length > MAX_IDENTIFIER_LENGTH)
  ) {
    issues.add(
      "identifier",
      `${show(identifier)} is not an RDS instance identifier; use 1-63 lowercase letters, digits and single hyphens, starting with a letter`,
    );
  }
  const database: unknown = args.databaseName;
  if (database !== undefined && (typeof database !== "string" || !POSTGRES_NAME.test(database))) {
    issues.add(
      "databaseName",
      `${show(database)} is not a database name RDS accepts; use 1-63 letters, digits and underscores, starting with a letter`,
    );
  }
  const user: unknown = args.masterUsername;
  if (user !== undefined && (typeof user !== "string" || !POSTGRES_NAME.test(user) || user === "rdsadmin")) {
    issues.add(
      "masterUsername",
      `${show(user)} is not a master user name RDS accepts; use 1-63 letters, digits and underscores, starting with a letter, not "rdsadmin"`,
    );
  }
}

function checkAlarmThresholds(
  issues: IssueCollector,
  thresholds: Partial<AlarmThresholds> | undefined,
): void {
  for (const [key, value] of Object.entries(thresholds ?? {})) {
    if (value === undefined) continue;
    const path = `alarmThresholds.${key}`;
    if (!(key in DEFAULT_ALARM_THRESHOLDS)) {
      issues.add(path, `is not a threshold; use one of ${Object.keys(DEFAULT_ALARM_THRESHOLDS).join(", ")}`);
    } else if (key.endsWith("Percent")) {
      if (!(typeof value === "number" && value > 0 && value <= 100)) {
        issues.add(path, `${show(value)} is not a percentage; use a number above 0 and at most 100`);
      }
    } else if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      issues.add(path, `${show(value)} is not a latency; use a number of milliseconds above 0`);
    }
  }
}

/** Every problem with `Postgres` args, each named by its arg path; empty when the args are usable. */
export function validatePostgresArgs(args: PostgresArgs): ValidationIssue[] {
  const issues = new IssueCollector();
  const profile = checkProfile(issues, args.profile);
  const production = profile === "production";
  const defaults = POSTGRES_DEFAULTS[profile];

  checkNetwork(issues, args, production);
  checkEngine(issues, args);
  checkInstanceClass(issues, args, defaults.instanceClass);
  checkStorage(issues, args, defaults.allocatedStorageGb);
  checkBackups(issues, args, production);
  checkMonitoring(issues, args);
  if (args.logRetentionDays !== undefined) {
    const problem = logRetentionProblem(args.logRetentionDays);
    if (problem) issues.add("logRetentionDays", `${show(args.logRetentionDays)} ${problem}`);
  }
  for (const [name, override] of Object.entries(args.parameters ?? {}))
    checkParameter(issues, name, override);
  checkIdentity(issues, args);
  checkAlarmThresholds(issues, args.alarmThresholds);
  return [...issues.issues];
}
