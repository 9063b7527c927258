import type { SubnetTier } from "./cidr-plan";

/**
 * The tags that tell Kubernetes where to put load balancers: the AWS Load Balancer Controller puts
 * Internet-facing ones in subnets tagged `kubernetes.io/role/elb` and internal ones in subnets tagged
 * `kubernetes.io/role/internal-elb`; `kubernetes.io/cluster/<name>` marks subnets a cluster may use.
 * Isolated subnets never get them: nothing from the cluster belongs there.
 */
export function subnetTags(tier: SubnetTier, clusterName?: string): Record<string, string> {
  const tags: Record<string, string> = { tier };
  if (tier === "isolated") return tags;
  tags[tier === "public" ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"] = "1";
  if (clusterName !== undefined) tags[`kubernetes.io/cluster/${clusterName}`] = "shared";
  return tags;
}
