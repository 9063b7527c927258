import type { Profile } from "./profile";

/**
 * The retention periods CloudWatch Logs accepts (`PutRetentionPolicy`), in days. Any other value is
 * rejected by the API at deploy time, so components reject it at construction instead.
 */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export type CloudWatchLogRetentionDays = (typeof CLOUDWATCH_LOG_RETENTION_DAYS)[number];

/**
 * The platform's log policy, the default of every log group a component creates (flow logs, the
 * EKS control plane, Container Insights): a week in development, 90 days of incident look-back in
 * production.
 */
export const PLATFORM_LOG_RETENTION_DAYS = { development: 7, production: 90 } as const satisfies Record<
  Profile,
  CloudWatchLogRetentionDays
>;

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

/** A KMS key ARN (single- or multi-Region key); CloudWatch Logs accepts neither key ids nor aliases. */
export const KMS_KEY_ARN =
  /^arn:aws(?:-[a-z]+)*:kms:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
