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
import { MAX_ALARM_DESCRIPTION_LENGTH } from "../../../components/database/alarms";

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
  });
  const byKey = Object.fromEntries(alarms.map((a) => [a.key, a]));

  it("has the six alarms with stable keys", () => {
    expect(alarms.map((a) => a.key)).toEqual([
      "cpu-high",
      "free-storage-low",
      "freeable-memory-low",
      "connections-high",
      "read-latency-high",
      "write-latency-high",
    ]);
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
      thresholds: { ...DEFAULT_ALARM_THRESHOLDS, cpuUtilizationPercent: 90, readLatencyMs: 5 },
    });
    expect(custom.find((a) => a.key === "cpu-high")?.threshold).toBe(90);
    expect(custom.find((a) => a.key === "read-latency-high")?.threshold).toBe(0.005);
    expect(custom.find((a) => a.key === "connections-high")?.threshold).toBe(63);
  });
});
