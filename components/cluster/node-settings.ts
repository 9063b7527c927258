/**
 * What every node of a cluster shares, whoever launches it (a managed node group's launch template
 * or Karpenter's EC2NodeClass): one definition, so the two kinds of node cannot drift apart.
 */

/**
 * IMDSv2 only, with a response hop limit of 2: containers on the pod network are one network hop
 * further from the instance metadata service than the node itself, and with a limit of 1 their
 * responses are dropped, so SDKs and agents that read the region or instance identity from IMDS hang.
 * Pods get AWS credentials through IRSA or EKS Pod Identity, and the node role holds only what a node
 * needs (no CNI policy), so what a pod can reach through IMDS is small.
 */
export const IMDS_HOP_LIMIT = 2;

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
