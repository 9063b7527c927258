/**
 * An IAM role ARN: `arn:<partition>:iam::<12-digit account>:role/<optional path/><name>`. Not an STS
 * `assumed-role` ARN, which names a session rather than the role an access entry is made for.
 */
const IAM_ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** The role's name (without its path) when `arn` is an IAM role ARN, else undefined. */
export function roleNameOf(arn: string): string | undefined {
  return IAM_ROLE_ARN.exec(arn)?.[1];
}
