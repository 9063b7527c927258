import type { ValidationIssue } from "../../components/core";

/**
 * The AWS account a stack deploys to, checked before anything is created.
 *
 * `aws:allowedAccountIds` is the AWS provider's own guard: with it set, the provider refuses to make
 * any call with credentials of another account, so a mistaken profile or role cannot touch the wrong
 * account. Every stack that deploys needs it. ARNs in the config (admin and read-only roles, the
 * GitHub connection) must live in an allowed account: a role of another account gets no cluster
 * access from an access entry here and usually means a copy-paste from another stack.
 */

/** AWS's documentation account: it appears in examples everywhere, and never belongs to anyone. */
export const PLACEHOLDER_ACCOUNT_ID = "123456789012";

export const ALLOWED_ACCOUNTS_KEY = "aws:allowedAccountIds";

const ACCOUNT_ID = /^\d{12}$/;
/** `arn:<partition>:<service>:<region>:<account>:<resource>`; global and AWS-owned ARNs have no account. */
const ARN = /^arn:aws[\w-]*:[^:]+:[^:]*:(\d{12}):/;

export interface ConfigArn {
  /** Config path, e.g. `infra:cluster.adminRoleArns[0]`. */
  readonly path: string;
  readonly arn: string;
  readonly accountId: string;
}

/** Every account-bound ARN in a config value, with its path. */
export function configArns(value: unknown, path: string): ConfigArn[] {
  if (typeof value === "string") {
    const account = ARN.exec(value)?.[1];
    return account ? [{ path, arn: value, accountId: account }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => configArns(item, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => configArns(inner, `${path}.${key}`));
  return [];
}

const SET_IT = `set it with \`pulumi config set --path '${ALLOWED_ACCOUNTS_KEY}[0]' <account id>\``;

export function checkAccounts(allowedAccountIds: unknown, arns: readonly ConfigArn[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const missing =
    allowedAccountIds === undefined || (Array.isArray(allowedAccountIds) && allowedAccountIds.length === 0);
  if (missing) {
    issues.push({
      path: ALLOWED_ACCOUNTS_KEY,
      message: `required: the AWS account(s) this stack deploys to; the AWS provider then refuses credentials of any other account; ${SET_IT}`,
    });
  } else if (!Array.isArray(allowedAccountIds)) {
    issues.push({
      path: ALLOWED_ACCOUNTS_KEY,
      message: `${JSON.stringify(allowedAccountIds)} is not a list of 12-digit account ids; ${SET_IT}`,
    });
  }
  const allowed = Array.isArray(allowedAccountIds) ? allowedAccountIds.map(String) : undefined;
  (allowed ?? []).forEach((id, i) => {
    const path = `${ALLOWED_ACCOUNTS_KEY}[${i}]`;
    if (!ACCOUNT_ID.test(id)) {
      issues.push({ path, message: `"${id}" is not an AWS account id (12 digits, quoted in YAML)` });
    } else if (id === PLACEHOLDER_ACCOUNT_ID) {
      issues.push({
        path,
        message: `"${id}" is AWS's documentation placeholder, not an account anyone deploys to; replace it (and the ARNs using it) with the account this stack deploys to`,
      });
    }
  });
  for (const { path, arn, accountId } of arns) {
    if (accountId === PLACEHOLDER_ACCOUNT_ID) {
      issues.push({
        path,
        message: `${JSON.stringify(arn)} names AWS's documentation placeholder account ${PLACEHOLDER_ACCOUNT_ID}; use the ARN in the account this stack deploys to`,
      });
    } else if (allowed && allowed.length > 0 && !allowed.includes(accountId)) {
      issues.push({
        path,
        message: `${JSON.stringify(arn)} is in account ${accountId}, not in ${ALLOWED_ACCOUNTS_KEY} (${allowed.join(", ")}); use the ARN in the stack's own account, or allow that account`,
      });
    }
  }
  return issues;
}
