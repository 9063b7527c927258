import {
  logRetentionProblem,
  PLATFORM_LOG_RETENTION_DAYS,
  type CloudWatchLogRetentionDays,
  type Profile,
} from "../core";

/**
 * The retention a log group gets: the explicit value when given, else the profile's (development 7
 * days, production 90). Throws for a value CloudWatch would reject, so every component that creates
 * log groups gets the same answer.
 */
export function resolveLogRetentionDays(
  profile: Profile = "production",
  override?: number,
): CloudWatchLogRetentionDays {
  const days = override ?? PLATFORM_LOG_RETENTION_DAYS[profile];
  const problem = logRetentionProblem(days);
  if (problem !== undefined) throw new RangeError(problem);
  return days as CloudWatchLogRetentionDays;
}
