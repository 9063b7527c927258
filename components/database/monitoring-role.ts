/**
 * The IAM role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs. The trust
 * policy names only the RDS monitoring service and, against the confused-deputy problem, only on
 * behalf of this account.
 */
export const ENHANCED_MONITORING_SERVICE = "monitoring.rds.amazonaws.com";

export function enhancedMonitoringTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: ENHANCED_MONITORING_SERVICE },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}

/** The AWS managed policy with exactly the permissions Enhanced Monitoring needs. */
export function enhancedMonitoringPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}
