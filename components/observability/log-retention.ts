import { logRetentionProblem, type CloudWatchLogRetentionDays, type Profile } from "../core";
import { OBSERVABILITY_DEFAULTS } from "./defaults";

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
