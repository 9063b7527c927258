import type { ValidationIssue } from "../components/core";
import { CONFIG_NAMESPACE, type EnvironmentConfig } from "./config";

/** The stack's customer KMS keys, as an operator knows them (docs/operators/keys.md). */
export const STACK_KEYS = "the EKS secrets key, the database key, the alert topics' key and the logs key";

const BREAK_GLASS = `${CONFIG_NAMESPACE}:keys.breakGlassRoleArn`;

/**
 * A production stack names its break-glass role: the deletion deny is on there, and without an
 * exempt role nobody could delete a key before changing its policy, in an emergency included.
 */
export function keysIssues(config: Pick<EnvironmentConfig, "profile" | "keys">): ValidationIssue[] {
  if (config.profile !== "production" || config.keys.breakGlassRoleArn !== undefined) return [];
  return [
    {
      path: BREAK_GLASS,
      message: `required in production: the one IAM role that may disable or schedule the deletion of ${STACK_KEYS} (every other principal is denied); set it with \`pulumi config set --path '${BREAK_GLASS}' arn:aws:iam::<account>:role/<name>\``,
    },
  ];
}
