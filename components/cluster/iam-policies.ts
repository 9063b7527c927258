import { serviceTrustPolicy } from "../core";

/**
 * IAM and EKS policy names and the policy documents the cluster's roles use, as plain data so tests
 * can parse and assert them.
 */

/** AWS managed IAM policies the cluster uses, as their path under `arn:<partition>:iam::aws:policy/`. */
export const MANAGED_POLICIES = {
  eksCluster: "AmazonEKSClusterPolicy",
  workerNode: "AmazonEKSWorkerNodePolicy",
  ecrReadOnly: "AmazonEC2ContainerRegistryReadOnly",
  ssmCore: "AmazonSSMManagedInstanceCore",
  cni: "AmazonEKS_CNI_Policy",
  ebsCsiDriver: "service-role/AmazonEBSCSIDriverPolicy",
} as const;
export type ManagedPolicyName = (typeof MANAGED_POLICIES)[keyof typeof MANAGED_POLICIES];

/**
 * What every node's role gets: join the cluster, pull images, be reachable by SSM Session Manager
 * (instead of SSH). The CNI policy is deliberately absent: the vpc-cni add-on gets it through IRSA.
 */
export const NODE_ROLE_POLICIES: readonly ManagedPolicyName[] = [
  MANAGED_POLICIES.workerNode,
  MANAGED_POLICIES.ecrReadOnly,
  MANAGED_POLICIES.ssmCore,
];

export function managedPolicyArn(partition: string, policy: ManagedPolicyName): string {
  return `arn:${partition}:iam::aws:policy/${policy}`;
}

/** A stable resource-name key for a policy: its name without the path. */
export function policyKey(policy: string): string {
  return policy.slice(policy.lastIndexOf("/") + 1);
}

/** The EKS access policy admin roles are associated with. */
export const CLUSTER_ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";

/**
 * The EKS access policy read-only roles are associated with: get, list and watch on every resource
 * of every API group, Secrets and custom resources included (EKS User Guide, "Review access policy
 * permissions"). The narrower `AmazonEKSViewPolicy` lists fixed API groups without Secrets, so a
 * refresh could read neither the Helm release (kept in Secrets) nor ServiceMonitors and
 * PrometheusRules.
 */
export const READ_ONLY_ACCESS_POLICY = "AmazonEKSAdminViewPolicy";

export function accessPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/** The control plane's role: EKS assumes it and tags the session with the cluster's identity. */
export const CLUSTER_ROLE_TRUST_POLICY = serviceTrustPolicy({
  service: "eks.amazonaws.com",
  actions: ["sts:AssumeRole", "sts:TagSession"],
});

/** The nodes' role: EC2 instances assume it through their instance profile. */
export const NODE_ROLE_TRUST_POLICY = serviceTrustPolicy({ service: "ec2.amazonaws.com" });

/**
 * What the control plane needs on the customer key to envelope-encrypt Kubernetes secrets. The key
 * keeps its default policy (the account's IAM decides), so the role is granted use explicitly.
 */
export function secretsKeyUsePolicy(keyArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnvelopeEncryptSecrets",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        Resource: keyArn,
      },
    ],
  });
}
