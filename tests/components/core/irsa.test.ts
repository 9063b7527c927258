import { describe, expect, it } from "vitest";
import { irsaTrustPolicy } from "../../../components/core";

describe("IRSA trust policy", () => {
  const policy = JSON.parse(
    irsaTrustPolicy({
      oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      namespace: "kube-system",
      serviceAccount: "aws-node",
    }),
  ) as { Statement: Record<string, unknown>[] };

  it("lets only that service account in that namespace assume the role, for STS", () => {
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: {
          Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:kube-system:aws-node",
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
          },
        },
      },
    ]);
  });

  it("uses exact matching, never wildcards", () => {
    expect(JSON.stringify(policy)).not.toMatch(/StringLike|\*/);
  });
});
