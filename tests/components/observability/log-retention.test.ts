import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLOUDWATCH_LOG_RETENTION_DAYS,
  isCloudWatchLogRetention,
  logRetentionProblem,
  nearestCloudWatchLogRetention,
} from "../../../components/core";
import { resolveLogRetentionDays } from "../../../components/observability";

describe("log retention", () => {
  it("knows exactly the retention values CloudWatch Logs accepts", () => {
    expect([...CLOUDWATCH_LOG_RETENTION_DAYS]).toEqual([
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]);
  });

  it("keeps logs 7 days in development and 90 days in production, production by default", () => {
    expect(resolveLogRetentionDays("development")).toBe(7);
    expect(resolveLogRetentionDays("production")).toBe(90);
    expect(resolveLogRetentionDays()).toBe(90);
  });

  it("lets an explicit accepted value override the profile", () => {
    expect(resolveLogRetentionDays("development", 365)).toBe(365);
    expect(resolveLogRetentionDays("production", 14)).toBe(14);
  });

  it("refuses a retention CloudWatch would reject, suggesting the nearest accepted one", () => {
    expect(() => resolveLogRetentionDays("production", 31)).toThrow(RangeError);
    expect(() => resolveLogRetentionDays("production", 31)).toThrow(/31 days is not a retention.*use 30/);
    expect(logRetentionProblem(0)).toMatch(/use 1$/);
    expect(logRetentionProblem(10000)).toMatch(/use 3653$/);
    expect(logRetentionProblem(90)).toBeUndefined();
  });

  it("suggests the longer value on a tie", () => {
    expect(nearestCloudWatchLogRetention(2)).toBe(3);
    expect(nearestCloudWatchLogRetention(10)).toBe(7);
    expect(nearestCloudWatchLogRetention(11)).toBe(14);
  });

  it("always suggests an accepted value, and accepts exactly the listed ones", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 5000 }), (days) => {
        expect(isCloudWatchLogRetention(nearestCloudWatchLogRetention(days))).toBe(true);
        expect(logRetentionProblem(days) === undefined).toBe(
          (CLOUDWATCH_LOG_RETENTION_DAYS as readonly number[]).includes(days),
        );
      }),
    );
  });
});
