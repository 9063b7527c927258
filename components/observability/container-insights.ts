/**
 * Facts about the `amazon-cloudwatch-observability` EKS add-on (Container Insights with enhanced
 * observability), kept in one place for the resource code and its tests.
 */

export const CLOUDWATCH_OBSERVABILITY_ADDON = "amazon-cloudwatch-observability";

/** The service account the add-on's CloudWatch agent runs as; its IAM role trusts exactly this identity. */
export const CLOUDWATCH_AGENT_IDENTITY = {
  namespace: "amazon-cloudwatch",
  serviceAccount: "cloudwatch-agent",
};

/**
 * AWS managed policies the agent's role needs: CloudWatchAgentServerPolicy to put metrics and logs, and
 * AWSXrayWriteOnlyAccess because the add-on also turns on Application Signals, which sends traces to X-Ray.
 */
export const CLOUDWATCH_AGENT_POLICIES = ["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"] as const;

/** The log groups Container Insights writes to, by a stable key used in resource names. */
export const CONTAINER_INSIGHTS_LOG_STREAMS = ["application", "dataplane", "host", "performance"] as const;

export type ContainerInsightsLogStream = (typeof CONTAINER_INSIGHTS_LOG_STREAMS)[number];

/**
 * The name of a Container Insights log group. The agent would create these itself with unlimited
 * retention and no customer key; creating them first is what gives them retention and encryption.
 */
export function containerInsightsLogGroupName(
  clusterName: string,
  stream: ContainerInsightsLogStream,
): string {
  return `/aws/containerinsights/${clusterName}/${stream}`;
}

/** Every Container Insights log group of a cluster, as one pattern (for KMS encryption-context conditions). */
export function containerInsightsLogGroupPattern(clusterName: string): string {
  return `/aws/containerinsights/${clusterName}/*`;
}
