import { describe, expect, it } from "vitest";
import { POSTGRES_ARGS, resolvePostgresSettings, type PostgresArgs } from "../../../components/database";
import { defaultMaxAllocatedStorageGb } from "../../../components/database/settings";
import { validArgs as rawArgs } from "./fixtures";

/** Args as the component resolves them before building its settings. */
const validArgs = (overrides: Partial<PostgresArgs> = {}) =>
  POSTGRES_ARGS.parse(rawArgs(overrides), "orders-db", undefined);

describe("resolved settings", () => {
  it("defaults to the production profile: multi-AZ, protected, 14 days of backups, monitored", () => {
    const settings = resolvePostgresSettings(validArgs());
    expect(settings).toMatchObject({
      profile: "production",
      instanceClass: "db.m7g.large",
      memoryGib: 8,
      maxConnections: 811,
      allocatedStorageGb: 100,
      maxAllocatedStorageGb: 400,
      multiAz: true,
      backupRetentionDays: 14,
      deletionProtection: true,
      skipFinalSnapshot: false,
      deleteAutomatedBackups: false,
      applyImmediately: false,
      monitoringIntervalSeconds: 60,
      parameterGroupFamily: "postgres17",
      allowMajorVersionUpgrade: false,
      autoMinorVersionUpgrade: true,
      masterUsername: "postgres",
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:04:00-sun:05:00",
    });
  });

  it("keeps development cheaper: single AZ, short backups, no final snapshot, no enhanced monitoring", () => {
    const settings = resolvePostgresSettings(validArgs({ profile: "development" }));
    expect(settings).toMatchObject({
      instanceClass: "db.t4g.micro",
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 40,
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
      applyImmediately: true,
      monitoringIntervalSeconds: 0,
    });
    expect(settings.backupRetentionDays).toBeGreaterThanOrEqual(1);
    expect(settings.backupRetentionDays).toBeLessThanOrEqual(7);
  });

  it("lets explicit args win over the profile", () => {
    const settings = resolvePostgresSettings(
      validArgs({
        instanceClass: "db.r7g.xlarge",
        multiAz: false,
        backupRetentionDays: 30,
        maxAllocatedStorageGb: 150,
        maintenanceWindow: "Sat:06:00-Sat:07:00",
        parameters: { max_connections: "300" },
        alarmThresholds: { cpuUtilizationPercent: 70, readLatencyMs: undefined },
      }),
    );
    expect(settings).toMatchObject({
      instanceClass: "db.r7g.xlarge",
      memoryGib: 32,
      maxConnections: 300,
      multiAz: false,
      backupRetentionDays: 30,
      maxAllocatedStorageGb: 150,
      maintenanceWindow: "sat:06:00-sat:07:00",
    });
    expect(settings.alarmThresholds.cpuUtilizationPercent).toBe(70);
    expect(settings.alarmThresholds.readLatencyMs).toBe(20);
  });

  it("takes the memory of an unlisted class from instanceMemoryGib", () => {
    expect(
      resolvePostgresSettings(validArgs({ instanceClass: "db.z9.large", instanceMemoryGib: 24 })).memoryGib,
    ).toBe(24);
  });

  it("allows a major upgrade and applies it immediately only when upgrading from a lower major", () => {
    const upgrading = resolvePostgresSettings(
      validArgs({ engineVersion: "17", upgradeFromMajorVersion: 16 }),
    );
    expect(upgrading).toMatchObject({ allowMajorVersionUpgrade: true, applyImmediately: true });
    const steady = resolvePostgresSettings(validArgs({ engineVersion: "17" }));
    expect(steady).toMatchObject({ allowMajorVersionUpgrade: false, applyImmediately: false });
  });

  it("caps the default autoscaling ceiling at RDS's maximum", () => {
    expect(defaultMaxAllocatedStorageGb(100, 4)).toBe(400);
    expect(defaultMaxAllocatedStorageGb(50000, 4)).toBe(65536);
  });

  it("keeps at least 14 days of backups by default in production", () => {
    expect(POSTGRES_ARGS.defaults("production").backupRetentionDays).toBeGreaterThanOrEqual(14);
  });
});
