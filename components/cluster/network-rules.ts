/**
 * The traffic a cluster with a dedicated node security group needs. Nodes get their own group
 * (attached through the launch template) rather than the EKS-created cluster security group, so
 * other components can allow "the cluster's nodes" (the database's 5432 ingress) without also
 * allowing the control plane, and so the rules are in code instead of implied by EKS. When a launch
 * template names security groups, EKS attaches nothing else to the nodes: every path between nodes
 * and control plane must be listed here.
 */

/** Which security group a rule belongs to, or refers to. */
export type ClusterSecurityGroup = "nodes" | "controlPlane";

export interface NetworkRule {
  /** Stable key: part of the rule's resource name. */
  readonly key: string;
  /** The group the rule is added to. */
  readonly group: ClusterSecurityGroup;
  readonly direction: "ingress" | "egress";
  /** The other end: one of the cluster's groups, or an IPv4 range. */
  readonly peer: ClusterSecurityGroup | { readonly cidrIpv4: string };
  /** `tcp`, `udp`, or `-1` for every protocol and port. */
  readonly protocol: "tcp" | "udp" | "-1";
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly description: string;
}

export const CLUSTER_NETWORK_RULES: readonly NetworkRule[] = [
  {
    key: "nodes-from-nodes",
    group: "nodes",
    direction: "ingress",
    peer: "nodes",
    protocol: "-1",
    description: "Node to node and pod to pod traffic, CoreDNS included",
  },
  {
    key: "nodes-from-control-plane-https",
    group: "nodes",
    direction: "ingress",
    peer: "controlPlane",
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "Control plane to admission webhooks and API extensions served on 443",
  },
  {
    key: "nodes-from-control-plane-ephemeral",
    group: "nodes",
    direction: "ingress",
    peer: "controlPlane",
    protocol: "tcp",
    fromPort: 1025,
    toPort: 65535,
    description: "Control plane to kubelets (10250) and to webhooks and metrics-server on unprivileged ports",
  },
  {
    key: "nodes-to-anywhere",
    group: "nodes",
    direction: "egress",
    peer: { cidrIpv4: "0.0.0.0/0" },
    protocol: "-1",
    description: "Nodes to the Kubernetes API, AWS APIs and image registries (through the NAT gateways)",
  },
  {
    key: "control-plane-from-nodes-https",
    group: "controlPlane",
    direction: "ingress",
    peer: "nodes",
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "Nodes and pods to the Kubernetes API",
  },
];
