import { serviceTrustPolicy, type KeyUse } from "../core";

/**
 * IAM and EKS policy names and the policy documents the cluster's roles use, as plain data so tests
 * can parse and assert them.
 */

/** AWS managed IAM policies the cluster uses, as their path under `arn:<partition>:iam::aws:policy/`. */
export const MANAGED_POLICIES = {
  eksCluster: "AmazonEKSClusterPolicy",
  workerNode: "AmazonEKSWorkerNodePolicy",
  ecrReadOnly: "AmazonEC2ContainerRegistryReadOnly",
  cni: "AmazonEKS_CNI_Policy",
  ebsCsiDriver: "service-role/AmazonEBSCSIDriverPolicy",
} as const;
export type ManagedPolicyName = (typeof MANAGED_POLICIES)[keyof typeof MANAGED_POLICIES];

/**
 * What every node's role gets: join the cluster and pull images. The CNI policy is deliberately
 * absent: the vpc-cni add-on gets it through IRSA. So is `AmazonSSMManagedInstanceCore`: it also
 * grants `ssm:GetParameter*` on every parameter of the account, which a pod that reached the node
 * role could read; Session Manager access is opt-in (`nodeSessionManager`) and scoped
 * (`nodeSessionManagerPolicy`).
 */
export const NODE_ROLE_POLICIES: readonly ManagedPolicyName[] = [
  MANAGED_POLICIES.workerNode,
  MANAGED_POLICIES.ecrReadOnly,
];

/**
 * What the SSM Agent on a node needs for Session Manager shells and nothing else (the Session
 * Manager User Guide's minimal instance-profile permissions): register the instance and open the
 * session channels. No Parameter Store, no Run Command documents, no S3. These actions take no
 * resource-level permissions, hence `*`.
 */
export function nodeSessionManagerPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SessionManagerChannels",
        Effect: "Allow",
        Action: [
          "ssm:UpdateInstanceInformation",
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ],
        Resource: "*",
      },
    ],
  });
}

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

/** Where a cluster lives, for the confused-deputy conditions of its control plane's role. */
export interface ClusterScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
}

/**
 * The control plane's role: EKS assumes it and tags the session with the cluster's identity, and
 * only for this account's cluster of this name (`aws:SourceAccount`, `aws:SourceArn`: EKS sets both
 * when it assumes a cluster role, EKS User Guide "Cross-service confused deputy prevention").
 */
export function clusterRoleTrustPolicy(scope: ClusterScope): string {
  return serviceTrustPolicy({
    service: "eks.amazonaws.com",
    actions: ["sts:AssumeRole", "sts:TagSession"],
    sourceAccount: scope.accountId,
    sourceArnLike: `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:cluster/${scope.clusterName}`,
  });
}

/**
 * The nodes' role: EC2 instances assume it through their instance profile. Its trust names no
 * source instance (managed node groups replace instances, whose ids are unknown in advance); what
 * the role can do is kept small instead (`NODE_ROLE_POLICIES`) and pods cannot reach it (IMDS hop
 * limit 1).
 */
export const NODE_ROLE_TRUST_POLICY = serviceTrustPolicy({ service: "ec2.amazonaws.com" });

/**
 * What the control plane needs on the customer key to envelope-encrypt Kubernetes secrets. The key
 * keeps its default policy (the account's IAM decides), so the role is granted use explicitly.
 */
/**
 * Who uses the secrets key: the cluster role, with which EKS's control plane envelope-encrypts
 * Secrets (it calls KMS with the role's own credentials, so the role is named, not the account);
 * and whoever creates or updates the cluster's encryption config, only to let EKS create its grant
 * (through EKS, for an AWS resource).
 */
export function secretsKeyUses(clusterRoleArn: string): KeyUse[] {
  return [
    {
      kind: "roles",
      sid: "ClusterRoleEncryptsSecrets",
      roleArns: [clusterRoleArn],
      actions: ["kms:Encrypt", "kms:Decrypt"],
    },
    {
      kind: "via-service",
      sid: "EksCreatesGrantForCluster",
      service: "eks",
      actions: ["kms:CreateGrant"],
      condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

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
