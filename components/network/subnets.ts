import * as aws from "@pulumi/aws";
import { named } from "../core";
import { SUBNET_TIERS, type CidrPlan, type SubnetTier } from "./cidr-plan";
import type { NetworkScope } from "./scope";
import { subnetTags } from "./subnet-tags";
import { zoneKey } from "./zones";

/** Each tier's subnets by zone name, in zone order. */
export type SubnetsByTier = Readonly<Record<SubnetTier, ReadonlyMap<string, aws.ec2.Subnet>>>;

/** One subnet per planned entry, named `<name>-<tier>-<zone letter>`. */
export function createSubnets(scope: NetworkScope, plan: CidrPlan, clusterName?: string): SubnetsByTier {
  const byTier = Object.fromEntries(
    SUBNET_TIERS.map((tier) => [tier, new Map<string, aws.ec2.Subnet>()]),
  ) as Record<SubnetTier, Map<string, aws.ec2.Subnet>>;
  for (const planned of plan.subnets) {
    const subnetName = `${scope.name}-${planned.tier}-${zoneKey(planned.availabilityZone)}`;
    const subnet = new aws.ec2.Subnet(
      subnetName,
      {
        vpcId: scope.vpcId,
        cidrBlock: planned.cidrBlock,
        availabilityZone: planned.availabilityZone,
        // Even public subnets hand out no public IPs: only load balancers and NAT gateways live there.
        mapPublicIpOnLaunch: false,
        tags: named({ ...scope.tags, ...subnetTags(planned.tier, clusterName) }, subnetName),
      },
      { parent: scope.parent },
    );
    byTier[planned.tier].set(planned.availabilityZone, subnet);
  }
  return byTier;
}
