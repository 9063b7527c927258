import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ALARM_THRESHOLDS,
  connectionsThreshold,
  freeStorageThresholdBytes,
  freeableMemoryThresholdBytes,
  latencyThresholdSeconds,
  planAlarms,
} from "../../../components/database";
import {
  hoursToFullExpression,
  isBurstableClass,
  MAX_ALARM_DESCRIPTION_LENGTH,
  NOT_FILLING_HOURS,
  POSTGRES_ALARM_KEYS,
  postgresAlarmKeys,
  TRANSACTION_ID_PAGE_THRESHOLD,
} from "../../../components/database/alarms";

const GIB = 1024 ** 3;

describe("alarm thresholds", () => {
  it("computes free storage as a share of the allocated GiB, in bytes", () => {
    expect(freeStorageThresholdBytes(100, 10)).toBe(10 * GIB);
    expect(freeStorageThresholdBytes(20, 10)).toBe(2 * GIB);
    expect(freeStorageThresholdBytes(25, 10)).toBe(Math.floor(2.5 * GIB));
  });

  it("computes freeable memory as a share of the class's GiB, in bytes", () => {
    expect(freeableMemoryThresholdBytes(8, 10)).toBe(858993459);
    expect(freeableMemoryThresholdBytes(1, 25)).toBe(GIB / 4);
  });

  it("computes connections as a share of the limit, at least one", () => {
    expect(connectionsThreshold(811, 80)).toBe(648);
    expect(connectionsThreshold(1, 10)).toBe(1);
  });

  it("converts latency milliseconds to the seconds CloudWatch reports", () => {
    expect(latencyThresholdSeconds(20)).toBe(0.02);
  });

  it("keeps every threshold below what it is a share of", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 65536 }), fc.integer({ min: 1, max: 100 }), (gb, percent) => {
        const bytes = freeStorageThresholdBytes(gb, percent);
        expect(bytes).toBeGreaterThan(0);
        expect(bytes).toBeLessThanOrEqual(gb * GIB);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 100 }), (limit, percent) => {
        const threshold = connectionsThreshold(limit, percent);
        expect(threshold).toBeGreaterThanOrEqual(1);
        expect(threshold).toBeLessThanOrEqual(limit);
      }),
    );
  });
});

describe("the alarm plan", () => {
  const alarms = planAlarms({
    databaseName: "orders",
    allocatedStorageGb: 100,
    maxAllocatedStorageGb: 400,
    instanceClass: "db.m7g.large",
    memoryGib: 8,
    maxConnections: 811,
    thresholds: DEFAULT_ALARM_THRESHOLDS,
    runbookBaseUrl: "https://runbooks.example.com/db/",
  });
  const byKey = Object.fromEntries(alarms.map((a) => [a.key, a]));

  it("has every alarm but CPU credits on a non-burstable class, with stable keys", () => {
    expect(alarms.map((a) => a.key)).toEqual(postgresAlarmKeys("db.m7g.large"));
    expect(alarms.map((a) => a.key)).toEqual(POSTGRES_ALARM_KEYS.filter((k) => k !== "cpu-credits-low"));
  });

  it("pages only for a silent instance, a filling disk and near wraparound; the rest are tickets", () => {
    expect(alarms.filter((a) => a.severity === "page").map((a) => a.key)).toEqual([
      "free-storage-low",
      "metrics-missing",
      "storage-hours-to-full",
      "transaction-ids-critical",
    ]);
    for (const alarm of alarms) expect(["page", "ticket"]).toContain(alarm.severity);
  });

  it("treats a silent instance as down, and silence elsewhere as no news", () => {
    expect(byKey["metrics-missing"]).toMatchObject({
      metricName: "CPUUtilization",
      statistic: "SampleCount",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "breaching",
      evaluationPeriods: 3,
    });
    const breaching = alarms.filter((a) => a.treatMissingData === "breaching").map((a) => a.key);
    expect(breaching).toEqual(["metrics-missing"]);
    // Classes with dedicated EBS bandwidth never report a byte balance: no data is not a problem.
    expect(byKey["ebs-byte-balance-low"]!.treatMissingData).toBe("notBreaching");
  });

  it("links every alarm to its runbook under the one base URL", () => {
    for (const alarm of alarms) {
      expect(alarm.description).toMatch(
        new RegExp(` Runbook: https://runbooks\\.example\\.com/db/${alarm.runbook}$`),
      );
      expect(alarm.runbook).toMatch(/^postgres-[a-z-]+$/);
    }
  });

  it("pages when free storage would run out within 6 hours at the last 15 minutes' rate", () => {
    const alarm = byKey["storage-hours-to-full"]!;
    expect(alarm).toMatchObject({
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 6,
      evaluationPeriods: 3,
    });
    expect(alarm.expression?.expression).toBe(hoursToFullExpression("m"));
    // Growing or flat free storage (autoscaling added space) maps to a year: never below the threshold.
    expect(hoursToFullExpression("m")).toBe("IF(RATE(m) < 0, m / (-RATE(m) * 3600), 8760)");
    expect(NOT_FILLING_HOURS).toBeGreaterThan(alarm.threshold);
  });

  it("tickets at 1 billion transaction IDs and pages at 1.5 billion, well before wraparound at 2^31", () => {
    expect(byKey["transaction-ids-high"]).toMatchObject({
      metricName: "MaximumUsedTransactionIDs",
      threshold: 1_000_000_000,
      severity: "ticket",
    });
    expect(byKey["transaction-ids-critical"]).toMatchObject({ threshold: 1_500_000_000, severity: "page" });
    expect(TRANSACTION_ID_PAGE_THRESHOLD).toBeLessThan(2 ** 31);
  });

  it("watches WAL, swap, the I/O queue and the EBS burst balance", () => {
    expect(byKey["replication-slot-disk-high"]).toMatchObject({
      metricName: "ReplicationSlotDiskUsage",
      threshold: 10 * GIB,
    });
    expect(byKey["transaction-logs-disk-high"]).toMatchObject({
      metricName: "TransactionLogsDiskUsage",
      threshold: 10 * GIB,
    });
    expect(byKey["swap-high"]).toMatchObject({ metricName: "SwapUsage", threshold: 256 * 1024 ** 2 });
    expect(byKey["disk-queue-depth-high"]).toMatchObject({ metricName: "DiskQueueDepth", threshold: 20 });
    expect(byKey["ebs-byte-balance-low"]).toMatchObject({
      metricName: "EBSByteBalance%",
      comparisonOperator: "LessThanThreshold",
      threshold: 20,
    });
  });

  it("alarms on CPU above 80 % on average for 15 minutes", () => {
    expect(byKey["cpu-high"]).toMatchObject({
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 80,
      periodSeconds: 300,
      evaluationPeriods: 3,
    });
  });

  it("alarms on free storage below 10 % of the allocated storage", () => {
    expect(byKey["free-storage-low"]).toMatchObject({
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 10 * GIB,
    });
  });

  it("alarms on low freeable memory, near the connection limit and on high read/write latency", () => {
    expect(byKey["freeable-memory-low"]).toMatchObject({
      metricName: "FreeableMemory",
      comparisonOperator: "LessThanThreshold",
      threshold: 858993459,
    });
    expect(byKey["connections-high"]).toMatchObject({
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 648,
    });
    expect(byKey["read-latency-high"]).toMatchObject({ metricName: "ReadLatency", threshold: 0.02 });
    expect(byKey["write-latency-high"]).toMatchObject({ metricName: "WriteLatency", threshold: 0.02 });
  });

  it("describes what to do, names the database, and fits CloudWatch's limit", () => {
    for (const alarm of alarms) {
      expect(alarm.description).toContain("PostgreSQL orders");
      expect(alarm.description.length).toBeLessThanOrEqual(MAX_ALARM_DESCRIPTION_LENGTH);
    }
    expect(byKey["free-storage-low"]!.description).toContain("raise maxAllocatedStorageGb");
    expect(byKey["connections-high"]!.description).toContain("811 max_connections");
    expect(byKey["cpu-high"]!.description).toMatch(/larger instanceClass/);
  });

  it("follows custom thresholds", () => {
    const custom = planAlarms({
      databaseName: "orders",
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 40,
      instanceClass: "db.t4g.micro",
      memoryGib: 1,
      maxConnections: 79,
      thresholds: {
        ...DEFAULT_ALARM_THRESHOLDS,
        cpuUtilizationPercent: 90,
        readLatencyMs: 5,
        storageHoursToFull: 12,
        cpuCreditBalance: 5,
      },
      runbookBaseUrl: "https://runbooks.example.com",
    });
    expect(custom.find((a) => a.key === "storage-hours-to-full")?.threshold).toBe(12);
    expect(custom.find((a) => a.key === "cpu-credits-low")).toMatchObject({
      metricName: "CPUCreditBalance",
      threshold: 5,
      severity: "ticket",
    });
    expect(custom.find((a) => a.key === "cpu-high")?.threshold).toBe(90);
    expect(custom.find((a) => a.key === "read-latency-high")?.threshold).toBe(0.005);
    expect(custom.find((a) => a.key === "connections-high")?.threshold).toBe(63);
  });
});

describe("burstable classes", () => {
  it("are the db.t classes, and only they get the CPU credit alarm", () => {
    expect(isBurstableClass("db.t3.micro")).toBe(true);
    expect(isBurstableClass("db.t4g.large")).toBe(true);
    // Near misses: a class whose family merely contains a t, and a non-RDS name.
    expect(isBurstableClass("db.m7g.large")).toBe(false);
    expect(isBurstableClass("db.x2g.large")).toBe(false);
    expect(isBurstableClass("t3.micro")).toBe(false);
    expect(postgresAlarmKeys("db.t4g.micro")).toContain("cpu-credits-low");
    expect(postgresAlarmKeys("db.r7g.large")).not.toContain("cpu-credits-low");
  });
});
