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
 * Full `job_workflow_ref` values: `<owner>/<name>/<path>@<ref>`, the workflow file whose job asks
 * for the token (for a reusable workflow, the called file), at a ref.
 */
export function githubWorkflowRefs(repository: string, workflows: readonly string[]): string[] {
  return workflows.map((workflow) => `${repository}/${workflow}`);
}

/** Which GitHub jobs a role trusts: every listed claim must match (values of one claim: any). */
export interface GithubTrust {
  readonly providerArn: string;
  /** Full subjects (`githubSubjects`). */
  readonly subjects: readonly string[];
  /** Full workflow refs (`githubWorkflowRefs`); none: any workflow of the subjects. */
  readonly workflowRefs?: readonly string[];
  /** The repository's numeric id: survives a rename, unlike the name in `sub`. */
  readonly repositoryId?: string;
}

const hasWildcard = (values: readonly string[]) => values.some((v) => /[*?]/.test(v));

/**
 * The trust policy of a role for GitHub Actions: only tokens GitHub's OIDC provider minted for STS,
 * for one of the subjects, from one of the workflows, of the repository with this id, may assume it.
 * STS evaluates GitHub's `job_workflow_ref` and `repository_id` claims as condition keys in trust
 * policies. Claims with wildcards need `StringLike`; exact ones use `StringEquals`, which cannot be
 * widened by accident. A claim missing from the token fails both operators, so the role stays shut.
 */
export function githubTrustPolicy(trust: GithubTrust): string {
  const equals: Record<string, string | string[]> = { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE };
  const like: Record<string, string[]> = {};
  const claim = (key: string, values: readonly string[]) => {
    if (hasWildcard(values)) like[`${GITHUB_OIDC_HOST}:${key}`] = [...values];
    else equals[`${GITHUB_OIDC_HOST}:${key}`] = [...values];
  };
  claim("sub", trust.subjects);
  if (trust.repositoryId !== undefined) equals[`${GITHUB_OIDC_HOST}:repository_id`] = trust.repositoryId;
  if (trust.workflowRefs?.length) claim("job_workflow_ref", trust.workflowRefs);
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: trust.providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: equals,
          ...(Object.keys(like).length > 0 && { StringLike: like }),
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
