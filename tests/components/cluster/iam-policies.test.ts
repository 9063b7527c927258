import { describe, expect, it } from "vitest";
import {
  accessPolicyArn,
  clusterRoleTrustPolicy,
  MANAGED_POLICIES,
  managedPolicyArn,
  NODE_ROLE_POLICIES,
  NODE_ROLE_TRUST_POLICY,
  nodeSessionManagerPolicy,
  policyKey,
  secretsKeyUsePolicy,
} from "../../../components/cluster/iam-policies";

describe("cluster IAM policies", () => {
  it("lets only EKS, for this account's cluster of this name, assume the control-plane role", () => {
    const scope = { partition: "aws", region: "eu-west-1", accountId: "111122223333", clusterName: "dev" };
    expect(JSON.parse(clusterRoleTrustPolicy(scope))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:eks:eu-west-1:111122223333:cluster/dev" },
          },
        },
      ],
    });
  });

  it("lets only EC2 assume the node role", () => {
    expect(JSON.parse(NODE_ROLE_TRUST_POLICY).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("must not give nodes the CNI policy (vpc-cni gets it through IRSA) nor SSM's account-wide parameter reads", () => {
    expect(NODE_ROLE_POLICIES).toEqual(["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"]);
    expect(NODE_ROLE_POLICIES).not.toContain(MANAGED_POLICIES.cni);
    expect(NODE_ROLE_POLICIES).not.toContain("AmazonSSMManagedInstanceCore");
  });

  it("gives opted-in nodes Session Manager channels only, never Parameter Store", () => {
    const actions: string[] = JSON.parse(nodeSessionManagerPolicy()).Statement.flatMap(
      (s: { Action: string[] }) => s.Action,
    );
    expect(actions).toContain("ssmmessages:OpenDataChannel");
    expect(actions).toContain("ssm:UpdateInstanceInformation");
    expect(actions.filter((a) => a.startsWith("ssm:Get") || a.includes("*"))).toEqual([]);
  });

  it("builds managed and access policy ARNs for the partition", () => {
    expect(managedPolicyArn("aws", MANAGED_POLICIES.ebsCsiDriver)).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    );
    expect(managedPolicyArn("aws-cn", MANAGED_POLICIES.eksCluster)).toBe(
      "arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy",
    );
    expect(accessPolicyArn("aws", "AmazonEKSClusterAdminPolicy")).toBe(
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    );
    expect(policyKey(MANAGED_POLICIES.ebsCsiDriver)).toBe("AmazonEBSCSIDriverPolicy");
    expect(policyKey(MANAGED_POLICIES.cni)).toBe("AmazonEKS_CNI_Policy");
  });

  it("grants the control plane exactly the KMS calls envelope encryption needs, on one key", () => {
    const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/0000";
    expect(JSON.parse(secretsKeyUsePolicy(keyArn)).Statement).toEqual([
      {
        Sid: "EnvelopeEncryptSecrets",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        Resource: keyArn,
      },
    ]);
  });
});
