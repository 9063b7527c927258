/**
 * What every node of a cluster shares, whoever launches it (a managed node group's launch template
 * or Karpenter's EC2NodeClass): one definition, so the two kinds of node cannot drift apart.
 */

/**
 * IMDSv2 only, with a hop limit of 1: the token's response cannot cross the extra network hop into
 * a pod's network namespace, so no pod on the pod network can take the node role's credentials from
 * IMDS (EKS Best Practices Guide, "Restrict access to the instance profile assigned to the worker
 * node"). Pods get AWS credentials through IRSA or EKS Pod Identity, whose webhook and agent also
 * set the region, so SDKs need no IMDS. Host-network pods (vpc-cni, kube-proxy, the EBS CSI node
 * plugin) still reach IMDS as the node does. A team whose pod needs the node role must give it its
 * own role instead.
 */
export const IMDS_HOP_LIMIT = 1;

/** The root device of the EKS-optimized AL2023 AMIs. */
export const ROOT_DEVICE = "/dev/xvda";

/**
 * The taint of the system node group: only pods that tolerate `CriticalAddonsOnly` (Karpenter,
 * CoreDNS, the EBS CSI controller, metrics-server, DaemonSets) run there, so services land on the
 * nodes Karpenter sizes for them. The key is the one Karpenter's chart and the EKS add-ons tolerate.
 */
export const SYSTEM_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" } as const;

/** The label of the system node group's nodes. */
export const SYSTEM_NODE_LABELS = { "node.infra/role": "system" } as const;
