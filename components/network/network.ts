import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, InfraValidationError, named, componentType, withLegacyType } from "../core";
import { NETWORK_ARGS, type NetworkArgs } from "./args";
import { planSubnets, type CidrPlan } from "./cidr-plan";
import { createInterfaceEndpoints, createS3GatewayEndpoint } from "./endpoints";
import { createFlowLog } from "./flow-logs";
import { createRouting } from "./routing";
import type { NetworkScope } from "./scope";
import { createSubnets } from "./subnets";

/**
 * A production VPC: public, private and isolated subnets in every zone from a stable CIDR plan,
 * NAT gateways per the chosen strategy, flow logs, an S3 gateway endpoint, optional interface
 * endpoints, and the default security group emptied.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: pulumi.Output<string>;
  /** In `availabilityZones` order; empty when the tier is not created. */
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly isolatedSubnetIds: pulumi.Output<string[]>;
  public readonly natGatewayIds: pulumi.Output<string[]>;
  /** NAT gateway id by the zone it stands in. */
  public readonly natGatewayIdsByZone: pulumi.Output<Record<string, string>>;
  /** One per zone, in zone order: where peering or transit gateway routes go. */
  public readonly privateRouteTableIds: pulumi.Output<string[]>;
  public readonly isolatedRouteTableIds: pulumi.Output<string[]>;
  public readonly availabilityZones: pulumi.Output<string[]>;
  /** Every subnet's tier, zone and CIDR block, as planned. */
  public readonly plan: pulumi.Output<CidrPlan>;
  /** The flow logs' CloudWatch log group; undefined when flow logs are disabled. */
  public readonly flowLogGroupName: pulumi.Output<string | undefined>;

  constructor(name: string, rawArgs: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = NETWORK_ARGS.parse(rawArgs, name, undefined);
    const planned = planSubnets(args);
    if (!planned.ok) throw new InfraValidationError(`Network "${name}"`, planned.issues);
    const plan = planned.plan;

    super(componentType("Network"), name, {}, withLegacyType("infra:network:Network", opts));
    const tags = componentTags("network", args.tags);

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: plan.vpcCidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: named(tags, name),
      },
      { parent: this },
    );
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      // No rules at all: nothing may silently fall back to the default group's allow-all-within.
      { vpcId: vpc.id, ingress: [], egress: [], tags: named(tags, `${name}-default-do-not-use`) },
      { parent: this },
    );
    const scope: NetworkScope = { name, parent: this, tags, vpcId: vpc.id };

    const subnets = createSubnets(scope, plan, args.clusterName);
    const routing = createRouting(scope, subnets, args.natGateways);

    const region = aws.getRegionOutput({}, { parent: this }).region;
    if (routing.privateRouteTables.size + routing.isolatedRouteTables.size > 0) {
      createS3GatewayEndpoint(scope, region, {
        private: routing.privateRouteTables,
        isolated: routing.isolatedRouteTables,
      });
    }
    createInterfaceEndpoints(
      scope,
      region,
      plan.vpcCidr,
      args.interfaceEndpoints,
      [...subnets.private.values()].map((s) => s.id),
    );

    const flowLogGroup = args.disableFlowLogs
      ? undefined
      : createFlowLog(scope, {
          retentionDays: args.flowLogRetentionDays,
          trafficType: args.flowLogTrafficType,
          aggregationIntervalSeconds: args.flowLogAggregationIntervalSeconds,
          kmsKeyArn: args.logsKmsKeyArn,
        });

    const ids = (resources: Iterable<pulumi.CustomResource>) => pulumi.all([...resources].map((r) => r.id));
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.publicSubnetIds = ids(subnets.public.values());
    this.privateSubnetIds = ids(subnets.private.values());
    this.isolatedSubnetIds = ids(subnets.isolated.values());
    this.natGatewayIds = ids(routing.natGateways.values());
    this.natGatewayIdsByZone = pulumi.all(
      Object.fromEntries([...routing.natGateways].map(([zone, gateway]) => [zone, gateway.id])),
    );
    this.privateRouteTableIds = ids(routing.privateRouteTables.values());
    this.isolatedRouteTableIds = ids(routing.isolatedRouteTables.values());
    this.availabilityZones = pulumi.output([...plan.availabilityZones]);
    this.plan = pulumi.output(plan);
    this.flowLogGroupName = flowLogGroup ? flowLogGroup.name : pulumi.output(undefined);

    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      natGatewayIds: this.natGatewayIds,
      natGatewayIdsByZone: this.natGatewayIdsByZone,
      privateRouteTableIds: this.privateRouteTableIds,
      isolatedRouteTableIds: this.isolatedRouteTableIds,
      availabilityZones: this.availabilityZones,
      plan: this.plan,
      flowLogGroupName: this.flowLogGroupName,
    });
  }
}
