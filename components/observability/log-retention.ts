import type { Profile } from "../core";
import { OBSERVABILITY_DEFAULTS } from "./defaults";

/**
 * The retention periods CloudWatch Logs accepts (`PutRetentionPolicy`), in days. Any other value is
 * rejected by the API at deploy time, so it is rejected here at construction instead.
 */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export type CloudWatchLogRetentionDays = (typeof CLOUDWATCH_LOG_RETENTION_DAYS)[number];

export function isCloudWatchLogRetention(days: number): days is CloudWatchLogRetentionDays {
  return (CLOUDWATCH_LOG_RETENTION_DAYS as readonly number[]).includes(days);
}

/** The accepted retention closest to `days` (the longer one on a tie), for "did you mean" hints. */
export function nearestCloudWatchLogRetention(days: number): CloudWatchLogRetentionDays {
  let best: CloudWatchLogRetentionDays = CLOUDWATCH_LOG_RETENTION_DAYS[0];
  for (const candidate of CLOUDWATCH_LOG_RETENTION_DAYS) {
    if (Math.abs(candidate - days) <= Math.abs(best - days)) best = candidate;
  }
  return best;
}

/** Why `days` is not a retention CloudWatch accepts, or `undefined` when it is. */
export function logRetentionProblem(days: number): string | undefined {
  if (isCloudWatchLogRetention(days)) return undefined;
  return (
    `${days} days is not a retention CloudWatch Logs accepts (allowed: ${CLOUDWATCH_LOG_RETENTION_DAYS.join(", ")}); ` +
    `use ${nearestCloudWatchLogRetention(days)}`
  );
}

/**
 * The retention a log group gets: the explicit value when given, else the profile's (development 7
 * days, production 90). Throws for a value CloudWatch would reject, so every component that creates
 * log groups gets the same answer.
 */
export function resolveLogRetentionDays(
  profile: Profile = "production",
  override?: number,
): CloudWatchLogRetentionDays {
  const days = override ?? OBSERVABILITY_DEFAULTS[profile].logRetentionDays;
  const problem = logRetentionProblem(days);
  if (problem !== undefined) throw new RangeError(problem);
  return days as CloudWatchLogRetentionDays;
}
