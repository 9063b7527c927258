/**
 * An IAM role ARN: `arn:<partition>:iam::<12-digit account>:role/<optional path/><name>`. Not an STS
 * `assumed-role` ARN, which names a session rather than the role an access entry is made for.
 */
const IAM_ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** The role's name (without its path) when `arn` is an IAM role ARN, else undefined. */
export function roleNameOf(arn: string): string | undefined {
  return IAM_ROLE_ARN.exec(arn)?.[1];
}

/** What a service role's trust policy allows: one AWS service, optionally only for one account's resources. */
export interface ServiceTrust {
  /** The service principal, e.g. `ec2.amazonaws.com`. */
  readonly service: string;
  /** @default ["sts:AssumeRole"] */
  readonly actions?: readonly string[];
  /** Only when the service acts for this account (`aws:SourceAccount`), against the confused deputy. */
  readonly sourceAccount?: string;
  /** Only for resources matching this ARN pattern (`aws:SourceArn`, `ArnLike`). */
  readonly sourceArnLike?: string;
}

/** The trust policy of a role that one AWS service assumes. */
export function serviceTrustPolicy(trust: ServiceTrust): string {
  const actions = trust.actions ?? ["sts:AssumeRole"];
  const condition: Record<string, Record<string, string>> = {};
  if (trust.sourceAccount !== undefined)
    condition.StringEquals = { "aws:SourceAccount": trust.sourceAccount };
  if (trust.sourceArnLike !== undefined) condition.ArnLike = { "aws:SourceArn": trust.sourceArnLike };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: trust.service },
        Action: actions.length === 1 ? actions[0] : [...actions],
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      },
    ],
  });
}
