import { serviceTrustPolicy } from "../core";

/**
 * The IAM role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs. The trust
 * policy names only the RDS monitoring service and, against the confused-deputy problem, only on
 * behalf of this account.
 */
export const ENHANCED_MONITORING_SERVICE = "monitoring.rds.amazonaws.com";

export function enhancedMonitoringTrustPolicy(accountId: string): string {
  return serviceTrustPolicy({ service: ENHANCED_MONITORING_SERVICE, sourceAccount: accountId });
}

/** The AWS managed policy with exactly the permissions Enhanced Monitoring needs. */
export function enhancedMonitoringPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}
