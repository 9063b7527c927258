/** GitHub Actions' OIDC issuer, as IAM names it in condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials requests. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** Full token subjects: `repo:<owner>/<name>:<suffix>`, so every subject stays inside the repository. */
export function githubSubjects(repository: string, suffixes: readonly string[]): string[] {
  return suffixes.map((suffix) => `repo:${repository}:${suffix}`);
}

/**
 * The trust policy of a role for GitHub Actions: only tokens GitHub's OIDC provider minted for STS
 * with one of the given subjects may assume it. Subjects with wildcards need `StringLike`; exact
 * ones use `StringEquals`, which cannot be widened by accident.
 */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]): string {
  const wildcard = subjects.some((s) => /[*?]/.test(s));
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
            ...(!wildcard && { [`${GITHUB_OIDC_HOST}:sub`]: [...subjects] }),
          },
          ...(wildcard && { StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: [...subjects] } }),
        },
      },
    ],
  });
}

/** An AWS-managed policy name (`ReadOnlyAccess`) as an ARN; full ARNs pass through. */
export function managedPolicyArn(policy: string, partition: string): string {
  return policy.startsWith("arn:") ? policy : `arn:${partition}:iam::aws:policy/${policy}`;
}

/** The stable key of a managed policy in child names: its last path segment. */
export function policyKey(policy: string): string {
  return policy.split("/").pop() ?? policy;
}
