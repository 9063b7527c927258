/**
 * RDS's daily backup window (`hh24:mi-hh24:mi`) and weekly maintenance window
 * (`ddd:hh24:mi-ddd:hh24:mi`), both UTC, as minute ranges so they can be checked for length and
 * overlap. A window may wrap past midnight (`23:30-00:15`) or past Sunday (`sun:23:00-mon:01:00`).
 */
export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** RDS rejects a backup or maintenance window shorter than this. */
export const MINIMUM_WINDOW_MINUTES = 30;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A range on a circular clock: `start` minutes after the clock's zero, lasting `minutes`. */
export interface MinuteRange {
  readonly start: number;
  readonly minutes: number;
}

function clockMinutes(hours: string, minutes: string): number | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  return h <= 23 && m <= 59 ? h * 60 + m : undefined;
}

function span(start: number, end: number, period: number): number {
  return (((end - start) % period) + period) % period;
}

/** Parses a backup window such as `03:00-03:30`; minutes count from 00:00 UTC. */
export function parseDailyWindow(window: string): MinuteRange | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(window);
  if (!match) return undefined;
  const start = clockMinutes(match[1]!, match[2]!);
  const end = clockMinutes(match[3]!, match[4]!);
  if (start === undefined || end === undefined) return undefined;
  return { start, minutes: span(start, end, MINUTES_PER_DAY) };
}

function weekMinute(day: string, hours: string, minutes: string): number | undefined {
  const index = DAYS.indexOf(day.toLowerCase() as (typeof DAYS)[number]);
  const time = clockMinutes(hours, minutes);
  return index < 0 || time === undefined ? undefined : index * MINUTES_PER_DAY + time;
}

/** Parses a maintenance window such as `sun:04:00-sun:05:00`; minutes count from Monday 00:00 UTC. */
export function parseWeeklyWindow(window: string): MinuteRange | undefined {
  const match = /^([a-zA-Z]{3}):(\d{2}):(\d{2})-([a-zA-Z]{3}):(\d{2}):(\d{2})$/.exec(window);
  if (!match) return undefined;
  const start = weekMinute(match[1]!, match[2]!, match[3]!);
  const end = weekMinute(match[4]!, match[5]!, match[6]!);
  if (start === undefined || end === undefined) return undefined;
  return { start, minutes: span(start, end, MINUTES_PER_WEEK) };
}

/** Whether two half-open ranges on a clock of `period` minutes share a minute (touching is fine). */
export function rangesOverlap(a: MinuteRange, b: MinuteRange, period: number): boolean {
  if (a.minutes === 0 || b.minutes === 0) return false;
  return span(a.start, b.start, period) < a.minutes || span(b.start, a.start, period) < b.minutes;
}

/** Whether the daily backup window falls, on any day of the week, inside the weekly maintenance window. */
export function windowsOverlap(backup: MinuteRange, maintenance: MinuteRange): boolean {
  return DAYS.some((_, day) =>
    rangesOverlap(
      { start: day * MINUTES_PER_DAY + backup.start, minutes: backup.minutes },
      maintenance,
      MINUTES_PER_WEEK,
    ),
  );
}
