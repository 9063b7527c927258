import { IssueCollector, show, type ValidationIssue } from "../core";
import type { ServiceAccountRoleArgs } from "./args";

/** A Kubernetes namespace: a DNS-1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAMESPACE = 63;
/** A Kubernetes service account name: a DNS-1123 subdomain. */
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_SERVICE_ACCOUNT = 253;
/** A resource-name key: letters, digits, `-` and `_`. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const POLICY_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::(?:aws|\d{12}):policy\/.+$/;
const MAX_ROLE_NAME = 64;
const AUTO_NAME_SUFFIX = 8;

/**
 * Every problem with a `serviceAccountRole(roleName, args)` call on the cluster component named
 * `componentName` (the role is `<componentName>-<roleName>-<7 hex>`).
 */
export function validateServiceAccountRoleArgs(
  roleName: string,
  args: ServiceAccountRoleArgs,
  componentName: string,
): ValidationIssue[] {
  const issues = new IssueCollector();
  if (
    issues.check(
      KEY.test(roleName),
      "name",
      `${show(roleName)} is not a role key: use letters, digits, "-" and "_"`,
    )
  ) {
    const length = componentName.length + 1 + roleName.length + AUTO_NAME_SUFFIX;
    issues.check(
      length <= MAX_ROLE_NAME,
      "name",
      `${show(roleName)} makes the IAM role name "${componentName}-${roleName}-<7 hex>" ${length} characters; IAM allows ${MAX_ROLE_NAME}`,
    );
  }
  issues.check(
    typeof args.namespace === "string" &&
      NAMESPACE.test(args.namespace) &&
      args.namespace.length <= MAX_NAMESPACE,
    "namespace",
    `${show(args.namespace)} is not a Kubernetes namespace (lower-case letters, digits and "-", at most ${MAX_NAMESPACE})`,
  );
  issues.check(
    typeof args.serviceAccount === "string" &&
      SERVICE_ACCOUNT.test(args.serviceAccount) &&
      args.serviceAccount.length <= MAX_SERVICE_ACCOUNT,
    "serviceAccount",
    `${show(args.serviceAccount)} is not a Kubernetes service account name (lower-case letters, digits, "-" and ".")`,
  );
  for (const [key, arn] of Object.entries(args.policyArns ?? {})) {
    issues.check(KEY.test(key), `policyArns.${key}`, `is not an attachment key: use the policy's name`);
    // An ARN still to be computed (a policy created in the same program) is checked by IAM instead.
    if (typeof arn === "string") {
      issues.check(
        POLICY_ARN.test(arn),
        `policyArns.${key}`,
        `${show(arn)} is not an IAM policy ARN (arn:aws:iam::<account or aws>:policy/<name>)`,
      );
    }
  }
  return [...issues.issues];
}
