import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  parseDailyWindow,
  parseWeeklyWindow,
  rangesOverlap,
  windowsOverlap,
  type MinuteRange,
} from "../../../components/database/windows";

const daily = (w: string): MinuteRange => parseDailyWindow(w)!;
const weekly = (w: string): MinuteRange => parseWeeklyWindow(w)!;

describe("backup and maintenance windows", () => {
  it("parses a daily window into minutes after midnight and its length, wrapping midnight", () => {
    expect(parseDailyWindow("02:00-03:00")).toEqual({ start: 120, minutes: 60 });
    expect(parseDailyWindow("23:30-00:15")).toEqual({ start: 1410, minutes: 45 });
    for (const bad of ["2:00-3:00", "24:00-01:00", "02:60-03:00", "02:00", "Sun:02:00-Sun:03:00", ""]) {
      expect(parseDailyWindow(bad), bad).toBeUndefined();
    }
  });

  it("parses a weekly window from Monday 00:00, any day case, wrapping Sunday night", () => {
    expect(parseWeeklyWindow("mon:00:00-mon:00:30")).toEqual({ start: 0, minutes: 30 });
    expect(parseWeeklyWindow("Sun:04:00-Sun:05:00")).toEqual({
      start: 6 * MINUTES_PER_DAY + 240,
      minutes: 60,
    });
    expect(parseWeeklyWindow("sun:23:00-mon:01:00")).toEqual({
      start: 6 * MINUTES_PER_DAY + 1380,
      minutes: 120,
    });
    for (const bad of ["xyz:04:00-sun:05:00", "sun:4:00-sun:05:00", "sun:04:00-sun:25:00", "04:00-05:00"]) {
      expect(parseWeeklyWindow(bad), bad).toBeUndefined();
    }
  });

  it("finds the backup window inside maintenance on any day, and lets them touch", () => {
    expect(windowsOverlap(daily("02:00-03:00"), weekly("sun:04:00-sun:05:00"))).toBe(false);
    expect(windowsOverlap(daily("04:30-05:30"), weekly("sun:04:00-sun:05:00"))).toBe(true);
    expect(windowsOverlap(daily("03:00-04:00"), weekly("wed:03:59-wed:04:30"))).toBe(true);
    expect(windowsOverlap(daily("03:00-04:00"), weekly("wed:04:00-wed:04:30"))).toBe(false);
    expect(windowsOverlap(daily("23:45-00:30"), weekly("sun:23:00-mon:00:10"))).toBe(true);
    expect(windowsOverlap(daily("23:45-00:30"), weekly("tue:00:15-tue:01:00"))).toBe(true);
  });

  const range = (period: number) =>
    fc.record({
      start: fc.integer({ min: 0, max: period - 1 }),
      minutes: fc.integer({ min: 1, max: period - 1 }),
    });

  it("treats overlap as symmetric and shift-invariant", () => {
    fc.assert(
      fc.property(
        range(MINUTES_PER_WEEK),
        range(MINUTES_PER_WEEK),
        fc.integer({ min: 0, max: MINUTES_PER_WEEK }),
        (a, b, shift) => {
          const moved = (r: MinuteRange) => ({
            start: (r.start + shift) % MINUTES_PER_WEEK,
            minutes: r.minutes,
          });
          expect(rangesOverlap(a, b, MINUTES_PER_WEEK)).toBe(rangesOverlap(b, a, MINUTES_PER_WEEK));
          expect(rangesOverlap(moved(a), moved(b), MINUTES_PER_WEEK)).toBe(
            rangesOverlap(a, b, MINUTES_PER_WEEK),
          );
        },
      ),
    );
  });

  it("agrees with counting shared minutes one by one", () => {
    fc.assert(
      fc.property(range(MINUTES_PER_DAY), range(MINUTES_PER_WEEK), (backup, maintenance) => {
        const busy = new Set<number>();
        for (let i = 0; i < maintenance.minutes; i++) busy.add((maintenance.start + i) % MINUTES_PER_WEEK);
        let shared = false;
        for (let day = 0; day < 7 && !shared; day++) {
          for (let i = 0; i < backup.minutes && !shared; i++) {
            shared = busy.has((day * MINUTES_PER_DAY + backup.start + i) % MINUTES_PER_WEEK);
          }
        }
        expect(windowsOverlap(backup, maintenance)).toBe(shared);
      }),
      { numRuns: 200 },
    );
  });
});
