/**
 * The trust policy of an IAM role for a Kubernetes service account (IRSA): only tokens the cluster's
 * OIDC issuer minted for exactly `namespace/serviceAccount`, for STS, may assume the role.
 */
export interface ServiceAccountIdentity {
  /** ARN of the cluster's `aws.iam.OpenIdConnectProvider`. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL, `https://oidc.eks.<region>.amazonaws.com/id/<ID>`. */
  readonly oidcIssuerUrl: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export function irsaTrustPolicy(identity: ServiceAccountIdentity): string {
  const issuer = identity.oidcIssuerUrl.replace(/^https:\/\//, "");
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: identity.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${identity.namespace}:${identity.serviceAccount}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  });
}
