import * as aws from "@pulumi/aws";
import { named } from "../core";
import type { NatStrategy } from "./args";
import type { SubnetTier } from "./cidr-plan";
import { planNatGateways } from "./nat-plan";
import type { NetworkScope } from "./scope";
import type { SubnetsByTier } from "./subnets";
import { zoneKey } from "./zones";

const ANYWHERE = "0.0.0.0/0";

export interface Routing {
  /** NAT gateways by the zone they stand in. */
  readonly natGateways: ReadonlyMap<string, aws.ec2.NatGateway>;
  /** One route table per zone for each of the private and isolated tiers. */
  readonly privateRouteTables: ReadonlyMap<string, aws.ec2.RouteTable>;
  readonly isolatedRouteTables: ReadonlyMap<string, aws.ec2.RouteTable>;
}

/**
 * The internet gateway and the public route table (when there is a public tier), the NAT gateways,
 * and a route table per zone for the private tier (default route via the NAT the strategy picks) and
 * the isolated tier (no default route at all).
 */
export function createRouting(
  scope: NetworkScope,
  subnets: SubnetsByTier,
  natStrategy: NatStrategy,
): Routing {
  const { name, parent, tags } = scope;
  const internetGateway =
    subnets.public.size > 0
      ? new aws.ec2.InternetGateway(
          `${name}-igw`,
          { vpcId: scope.vpcId, tags: named(tags, `${name}-igw`) },
          { parent },
        )
      : undefined;

  if (internetGateway) {
    const table = routeTable(scope, `${name}-public-rt`);
    new aws.ec2.Route(
      `${name}-public-internet`,
      { routeTableId: table.id, destinationCidrBlock: ANYWHERE, gatewayId: internetGateway.id },
      { parent },
    );
    associate(scope, "public", subnets.public, () => table);
  }

  const natGateways = new Map<string, aws.ec2.NatGateway>();
  const nat = planNatGateways(natStrategy, [...subnets.private.keys()]);
  for (const zone of nat.natZones) {
    const publicSubnet = subnets.public.get(zone);
    // validateNetworkArgs requires the public tier whenever NAT gateways are wanted.
    if (!publicSubnet || !internetGateway) continue;
    const natName = `${name}-nat-${zoneKey(zone)}`;
    const eip = new aws.ec2.Eip(
      `${natName}-eip`,
      { domain: "vpc", tags: named(tags, `${natName}-eip`) },
      { parent },
    );
    natGateways.set(
      zone,
      new aws.ec2.NatGateway(
        natName,
        {
          allocationId: eip.allocationId,
          subnetId: publicSubnet.id,
          connectivityType: "public",
          tags: named(tags, natName),
        },
        // A public NAT gateway only works once the VPC has its internet gateway.
        { parent, dependsOn: [internetGateway] },
      ),
    );
  }

  const privateRouteTables = new Map<string, aws.ec2.RouteTable>();
  for (const zone of subnets.private.keys()) {
    const tableName = `${name}-private-${zoneKey(zone)}`;
    const table = routeTable(scope, `${tableName}-rt`);
    privateRouteTables.set(zone, table);
    const via = nat.routeVia[zone];
    const gateway = via === undefined ? undefined : natGateways.get(via);
    if (gateway) {
      new aws.ec2.Route(
        `${tableName}-nat`,
        { routeTableId: table.id, destinationCidrBlock: ANYWHERE, natGatewayId: gateway.id },
        { parent },
      );
    }
  }
  associate(scope, "private", subnets.private, (zone) => privateRouteTables.get(zone));

  const isolatedRouteTables = new Map<string, aws.ec2.RouteTable>();
  for (const zone of subnets.isolated.keys()) {
    isolatedRouteTables.set(zone, routeTable(scope, `${name}-isolated-${zoneKey(zone)}-rt`));
  }
  associate(scope, "isolated", subnets.isolated, (zone) => isolatedRouteTables.get(zone));

  return { natGateways, privateRouteTables, isolatedRouteTables };
}

function routeTable(scope: NetworkScope, tableName: string): aws.ec2.RouteTable {
  return new aws.ec2.RouteTable(
    tableName,
    { vpcId: scope.vpcId, tags: named(scope.tags, tableName) },
    { parent: scope.parent },
  );
}

function associate(
  scope: NetworkScope,
  tier: SubnetTier,
  subnets: ReadonlyMap<string, aws.ec2.Subnet>,
  tableFor: (zone: string) => aws.ec2.RouteTable | undefined,
): void {
  for (const [zone, subnet] of subnets) {
    const table = tableFor(zone);
    if (!table) continue;
    new aws.ec2.RouteTableAssociation(
      `${scope.name}-${tier}-${zoneKey(zone)}-rta`,
      { subnetId: subnet.id, routeTableId: table.id },
      { parent: scope.parent },
    );
  }
}
