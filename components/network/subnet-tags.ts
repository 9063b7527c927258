import { DISCOVERY_TAG as KARPENTER_DISCOVERY_TAG } from "../cluster/karpenter-policy";
import type { SubnetTier } from "./cidr-plan";

/**
 * The tags that tell Kubernetes where to put load balancers: the AWS Load Balancer Controller puts
 * Internet-facing ones in subnets tagged `kubernetes.io/role/elb` and internal ones in subnets tagged
 * `kubernetes.io/role/internal-elb`; `kubernetes.io/cluster/<name>` marks subnets a cluster may use.
 * Isolated subnets never get them: nothing from the cluster belongs there. Private subnets also get
 * `karpenter.sh/discovery: <cluster>`, by which Karpenter finds where to launch nodes.
 */
export function subnetTags(tier: SubnetTier, clusterName?: string): Record<string, string> {
  const tags: Record<string, string> = { tier };
  if (tier === "isolated") return tags;
  tags[tier === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"] = "1";
  if (clusterName === undefined) return tags;
  tags[`kubernetes.io/cluster/${clusterName}`] = "shared";
  // Karpenter launches nodes in the subnets carrying this tag: the private ones only.
  if (tier === "private") tags[KARPENTER_DISCOVERY_TAG] = clusterName;
  return tags;
}
