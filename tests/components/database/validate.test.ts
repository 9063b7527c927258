import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { PostgresArgs } from "../../../components/database";
import { Postgres, validatePostgresArgs, validatePostgresName } from "../../../components/database";
import { InfraValidationError } from "../../../components/core";
import { run } from "../../support/harness";
import { validArgs } from "./fixtures";

/** Args as a caller could pass them from untyped config: wrong types included. */
function loose(overrides: Record<string, unknown>): PostgresArgs {
  return validArgs(overrides);
}

function issuesAt(args: PostgresArgs, path: string) {
  return validatePostgresArgs(args).filter((i) => i.path === path);
}

interface Case {
  readonly rule: string;
  readonly args: PostgresArgs;
  readonly path: string;
  readonly message: RegExp;
}

const cases: Case[] = [
  {
    rule: "profile is not a profile",
    args: loose({ profile: "staging" }),
    path: "profile",
    message: /"staging" is not a profile; use one of "development", "production"/,
  },
  {
    rule: "vpcId is not a VPC id",
    args: loose({ vpcId: "10.0.0.0/16" }),
    path: "vpcId",
    message: /"10\.0\.0\.0\/16" is not a VPC id/,
  },
  { rule: "vpcId is missing", args: loose({ vpcId: undefined }), path: "vpcId", message: /is required/ },
  {
    rule: "fewer than two subnets",
    args: loose({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] }),
    path: "subnetIds",
    message: /has 1 subnet\(s\); RDS needs subnets in at least two availability zones/,
  },
  {
    rule: "a subnet id is not a subnet id",
    args: loose({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "sg-0123"] }),
    path: "subnetIds[1]",
    message: /"sg-0123" is not a subnet id/,
  },
  {
    rule: "no allowed security groups",
    args: loose({ allowedSecurityGroupIds: {} }),
    path: "allowedSecurityGroupIds",
    message: /allows no client; give at least one source/,
  },
  {
    rule: "allowed security groups given as a list",
    args: loose({ allowedSecurityGroupIds: ["sg-0123456789abcdef0"] }),
    path: "allowedSecurityGroupIds",
    message: /allows no client/,
  },
  {
    rule: "a source name unusable in a resource name",
    args: loose({ allowedSecurityGroupIds: { "Cluster Nodes": "sg-0123456789abcdef0" } }),
    path: "allowedSecurityGroupIds.Cluster Nodes",
    message: /is not a usable source name/,
  },
  {
    rule: "an allowed id that is a CIDR",
    args: loose({ allowedSecurityGroupIds: { anywhere: "0.0.0.0/0" } }),
    path: "allowedSecurityGroupIds.anywhere",
    message: /"0\.0\.0\.0\/0" is not a security group id/,
  },
  {
    rule: "no alarm topic in production",
    args: loose({ alertTopicArn: undefined }),
    path: "alertTopicArn",
    message: /is required in production/,
  },
  {
    rule: "an alarm topic that is not an SNS ARN",
    args: loose({ alertTopicArn: "platform-alarms" }),
    path: "alertTopicArn",
    message: /"platform-alarms" is not an SNS topic ARN/,
  },
  {
    rule: "an engine version that is not a version",
    args: loose({ engineVersion: "latest" }),
    path: "engineVersion",
    message: /"latest" is not a PostgreSQL version; write the major/,
  },
  {
    rule: "a major RDS does not offer",
    args: loose({ engineVersion: "12" }),
    path: "engineVersion",
    message: /"12" is not a PostgreSQL version RDS offers; use one of 14 .*18/,
  },
  {
    rule: "a deprecated minor",
    args: loose({ engineVersion: "17.1", autoMinorVersionUpgrade: false }),
    path: "engineVersion",
    message: /"17\.1" is not a PostgreSQL version RDS offers/,
  },
  {
    rule: "a pinned minor with automatic minor upgrades",
    args: loose({ engineVersion: "17.6" }),
    path: "engineVersion",
    message: /pins a minor while autoMinorVersionUpgrade is on.*write only the major \("17"\)/,
  },
  {
    rule: "an upgrade source not below the target",
    args: loose({ engineVersion: "16", upgradeFromMajorVersion: 17 }),
    path: "upgradeFromMajorVersion",
    message: /17 is not below engineVersion's major 16.*remove it/,
  },
  {
    rule: "an upgrade source that is not a major",
    args: loose({ upgradeFromMajorVersion: "16" }),
    path: "upgradeFromMajorVersion",
    message: /"16" is not a PostgreSQL major version/,
  },
  {
    rule: "a deferred major upgrade",
    args: loose({ upgradeFromMajorVersion: 16, applyImmediately: false }),
    path: "applyImmediately",
    message: /false cannot be combined with upgradeFromMajorVersion 16/,
  },
  {
    rule: "an instance class that is not an RDS class",
    args: loose({ instanceClass: "m7g.large" }),
    path: "instanceClass",
    message: /"m7g\.large" is not an RDS instance class; use db\.<family>\.<size>/,
  },
  {
    rule: "an RDS-shaped class of unknown memory",
    args: loose({ instanceClass: "db.z9.large" }),
    path: "instanceClass",
    message: /"db\.z9\.large" is not in INSTANCE_CLASS_MEMORY_GIB.*give instanceMemoryGib/,
  },
  {
    rule: "a memory size that is not positive",
    args: loose({ instanceClass: "db.z9.large", instanceMemoryGib: 0 }),
    path: "instanceMemoryGib",
    message: /0 is not a memory size/,
  },
  {
    rule: "storage below 20 GiB",
    args: loose({ allocatedStorageGb: 10 }),
    path: "allocatedStorageGb",
    message: /10 is outside what RDS allows for gp3; use a whole number of GiB from 20 to 65536/,
  },
  {
    rule: "storage above 65536 GiB",
    args: loose({ allocatedStorageGb: 70000, maxAllocatedStorageGb: 65536 }),
    path: "allocatedStorageGb",
    message: /70000 is outside/,
  },
  {
    rule: "fractional storage",
    args: loose({ allocatedStorageGb: 20.5 }),
    path: "allocatedStorageGb",
    message: /20\.5 is outside/,
  },
  {
    rule: "storage too large to autoscale",
    args: loose({ allocatedStorageGb: 60000 }),
    path: "allocatedStorageGb",
    message: /leaves no room for storage autoscaling.*at most 59578/,
  },
  {
    rule: "an autoscaling ceiling below the allocated storage",
    args: loose({ allocatedStorageGb: 100, maxAllocatedStorageGb: 50 }),
    path: "maxAllocatedStorageGb",
    message: /50 is below allocatedStorageGb 100/,
  },
  {
    rule: "an autoscaling ceiling less than 10 % above",
    args: loose({ allocatedStorageGb: 100, maxAllocatedStorageGb: 105 }),
    path: "maxAllocatedStorageGb",
    message: /105 is less than 10 % above allocatedStorageGb 100.*at least 110/,
  },
  {
    rule: "an autoscaling ceiling above RDS's maximum",
    args: loose({ maxAllocatedStorageGb: 70000 }),
    path: "maxAllocatedStorageGb",
    message: /70000 is not a storage ceiling RDS allows/,
  },
  {
    rule: "retention above 35 days",
    args: loose({ backupRetentionDays: 36 }),
    path: "backupRetentionDays",
    message: /36 is outside what RDS allows; use a whole number of days from 0 to 35/,
  },
  {
    rule: "negative retention",
    args: loose({ profile: "development", backupRetentionDays: -1 }),
    path: "backupRetentionDays",
    message: /-1 is outside/,
  },
  {
    rule: "retention below 7 days in production",
    args: loose({ backupRetentionDays: 3 }),
    path: "backupRetentionDays",
    message: /3 is too short for production; keep at least 14 days/,
  },
  {
    rule: "a malformed backup window",
    args: loose({ backupWindow: "2am-3am" }),
    path: "backupWindow",
    message: /"2am-3am" is not a window RDS accepts; write it in UTC as "02:00-03:00"/,
  },
  {
    rule: "a backup window under 30 minutes",
    args: loose({ backupWindow: "02:00-02:15" }),
    path: "backupWindow",
    message: /lasts 15 minutes; RDS needs at least 30/,
  },
  {
    rule: "a malformed maintenance window",
    args: loose({ maintenanceWindow: "sunday 04:00" }),
    path: "maintenanceWindow",
    message: /is not a window RDS accepts; write it in UTC as "sun:04:00-sun:05:00"/,
  },
  {
    rule: "a maintenance window under 30 minutes",
    args: loose({ maintenanceWindow: "sun:04:00-sun:04:10" }),
    path: "maintenanceWindow",
    message: /lasts 10 minutes/,
  },
  {
    rule: "overlapping windows",
    args: loose({ backupWindow: "04:30-05:30", maintenanceWindow: "sun:04:00-sun:05:00" }),
    path: "maintenanceWindow",
    message: /"sun:04:00-sun:05:00" overlaps the daily backup window "04:30-05:30"/,
  },
  {
    rule: "a boolean given as a string",
    args: loose({ multiAz: "yes" }),
    path: "multiAz",
    message: /"yes" is not a boolean/,
  },
  {
    rule: "an Enhanced Monitoring interval RDS does not offer",
    args: loose({ monitoringIntervalSeconds: 20 }),
    path: "monitoringIntervalSeconds",
    message: /20 is not an Enhanced Monitoring interval; use one of 0, 1, 5, 10, 15, 30, 60/,
  },
  {
    rule: "a Performance Insights retention RDS does not offer",
    args: loose({ performanceInsightsRetentionDays: 30 }),
    path: "performanceInsightsRetentionDays",
    message: /30 is not a retention Performance Insights offers/,
  },
  {
    rule: "a parameter name that is not one",
    args: loose({ parameters: { "Work Mem": "4MB" } }),
    path: "parameters.Work Mem",
    message: /is not a PostgreSQL parameter name/,
  },
  {
    rule: "an empty parameter value",
    args: loose({ parameters: { work_mem: "" } }),
    path: "parameters.work_mem",
    message: /"" is not a parameter value/,
  },
  {
    rule: "TLS turned off",
    args: loose({ parameters: { "rds.force_ssl": "0" } }),
    path: "parameters.rds.force_ssl",
    message: /"0" would allow unencrypted connections; TLS stays forced/,
  },
  {
    rule: "max_connections as a formula",
    args: loose({ parameters: { max_connections: "{DBInstanceClassMemory/4000000}" } }),
    path: "parameters.max_connections",
    message: /is not a whole number; give max_connections as a number/,
  },
  {
    rule: "an unknown apply method",
    args: loose({ parameters: { work_mem: { value: "4MB", applyMethod: "later" } } }),
    path: "parameters.work_mem.applyMethod",
    message: /"later" is not an apply method/,
  },
  {
    rule: "an identifier RDS rejects",
    args: loose({ instanceIdentifier: "Orders--DB" }),
    path: "instanceIdentifier",
    message: /"Orders--DB" is not an RDS instance identifier/,
  },
  {
    rule: "a database name RDS rejects",
    args: loose({ databaseName: "1orders" }),
    path: "databaseName",
    message: /"1orders" is not a database name RDS accepts/,
  },
  {
    rule: "a reserved master user name",
    args: loose({ masterUsername: "rdsadmin" }),
    path: "masterUsername",
    message: /"rdsadmin" is not a master user name RDS accepts/,
  },
  {
    rule: "a percentage above 100",
    args: loose({ alarmThresholds: { cpuUtilizationPercent: 150 } }),
    path: "alarmThresholds.cpuUtilizationPercent",
    message: /150 is not a percentage/,
  },
  {
    rule: "a latency of zero",
    args: loose({ alarmThresholds: { readLatencyMs: 0 } }),
    path: "alarmThresholds.readLatencyMs",
    message: /0 is not a latency/,
  },
  {
    rule: "a transaction-ID ticket at the page threshold (the ticket must come first)",
    args: loose({ alarmThresholds: { maximumUsedTransactionIds: 1_500_000_000 } }),
    path: "alarmThresholds.maximumUsedTransactionIds",
    message: /1500000000 is not below 1500000000, where the wraparound page fires/,
  },
  {
    rule: "a production database without a page topic",
    args: loose({ pageTopicArn: undefined }),
    path: "pageTopicArn",
    message: /is required in production so a silent instance, a filling disk and failover/,
  },
  {
    rule: "a runbook base that is not https",
    args: loose({ runbookBaseUrl: "http://runbooks.example.com" }),
    path: "runbookBaseUrl",
    message: /is not an https URL/,
  },
  {
    rule: "an unknown threshold",
    args: loose({ alarmThresholds: { iopsPercent: 5 } }),
    path: "alarmThresholds.iopsPercent",
    message: /unknown key; allowed keys: cpuUtilizationPercent/,
  },
];

describe("validatePostgresArgs", () => {
  it("accepts valid production and development args", () => {
    expect(validatePostgresArgs(validArgs())).toEqual([]);
    expect(validatePostgresArgs(validArgs({ profile: "development", alertTopicArn: undefined }))).toEqual([]);
    // Just below the page threshold is a valid ticket threshold; development needs no page topic.
    expect(
      validatePostgresArgs(validArgs({ alarmThresholds: { maximumUsedTransactionIds: 1_499_999_999 } })),
    ).toEqual([]);
    expect(validatePostgresArgs(validArgs({ profile: "development", pageTopicArn: undefined }))).toEqual([]);
    expect(
      validatePostgresArgs(
        validArgs({
          engineVersion: "16.9",
          autoMinorVersionUpgrade: false,
          backupRetentionDays: 35,
          performanceInsightsRetentionDays: 731,
          monitoringIntervalSeconds: 15,
          parameters: { max_connections: { value: "400", applyMethod: "pending-reboot" } },
          instanceIdentifier: "orders-db",
          databaseName: "orders",
          masterUsername: "orders_admin",
        }),
      ),
    ).toEqual([]);
  });

  it.each(cases)("rejects $rule, naming $path", ({ args, path, message }) => {
    const found = issuesAt(args, path);
    expect(found, JSON.stringify(validatePostgresArgs(args))).toHaveLength(1);
    expect(found[0]!.message).toMatch(message);
  });

  it("allows short retention and no alarm topic in development only", () => {
    expect(
      issuesAt(validArgs({ profile: "development", backupRetentionDays: 1 }), "backupRetentionDays"),
    ).toEqual([]);
    expect(
      issuesAt(validArgs({ profile: "development", alertTopicArn: undefined }), "alertTopicArn"),
    ).toEqual([]);
  });

  it("skips values that are only known later", () => {
    const later = validArgs({
      vpcId: pulumi.output("not-known-yet"),
      subnetIds: pulumi.output(["x"]),
      allowedSecurityGroupIds: { "cluster-nodes": pulumi.output("later") },
      alertTopicArn: pulumi.output("later"),
    });
    expect(validatePostgresArgs(later)).toEqual([]);
  });

  it("reports every problem at once", () => {
    const issues = validatePostgresArgs(
      loose({
        instanceClass: "db.x9.huge",
        allocatedStorageGb: 5,
        backupRetentionDays: 99,
        allowedSecurityGroupIds: {},
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual([
      "allocatedStorageGb",
      "allowedSecurityGroupIds",
      "backupRetentionDays",
      "instanceClass",
    ]);
  });
});

describe("validatePostgresName", () => {
  it("accepts a lowercase name that leaves room for the instance identifier", () => {
    expect(validatePostgresName("orders-db")).toEqual([]);
    expect(validatePostgresName("a".repeat(46))).toEqual([]);
  });

  it("rejects a name RDS cannot use, naming it", () => {
    const [issue] = validatePostgresName("Orders_DB");
    expect(issue).toMatchObject({ path: "name" });
    expect(issue!.message).toMatch(/"Orders_DB" is not usable in RDS names/);
  });

  it("rejects a name too long for the derived identifier unless instanceIdentifier is set", () => {
    expect(validatePostgresName("a".repeat(47))[0]!.message).toMatch(/at most 46 or set instanceIdentifier/);
    expect(validatePostgresName("a".repeat(47), "orders")).toEqual([]);
  });
});

describe("the Postgres constructor", () => {
  it("throws one InfraValidationError listing every problem before creating anything", async () => {
    let error: unknown;
    const registered = await run(() => {
      try {
        new Postgres("orders", loose({ instanceClass: "db.x9.huge", backupRetentionDays: 2 }));
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('Postgres "orders": 2 problems');
    expect(message).toContain('instanceClass: "db.x9.huge" is not an RDS instance class');
    expect(message).toContain("backupRetentionDays: 2 is too short for production");
    expect(registered.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
  });
});
