import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { named } from "../core";
import type { NetworkScope } from "./scope";
import { zoneKey } from "./zones";

const HTTPS = 443;

/** `com.amazonaws.<region>.<service>`: the name AWS gives a service's VPC endpoint. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * The S3 gateway endpoint, so private and isolated subnets reach S3 (ECR image layers, backups)
 * without NAT, associated with each of their route tables.
 */
export function createS3GatewayEndpoint(
  scope: NetworkScope,
  region: pulumi.Output<string>,
  routeTables: Readonly<Record<"private" | "isolated", ReadonlyMap<string, aws.ec2.RouteTable>>>,
): aws.ec2.VpcEndpoint {
  const { name, parent } = scope;
  const endpoint = new aws.ec2.VpcEndpoint(
    `${name}-s3`,
    {
      vpcId: scope.vpcId,
      serviceName: region.apply((r) => endpointServiceName(r, "s3")),
      vpcEndpointType: "Gateway",
      tags: named(scope.tags, `${name}-s3`),
    },
    { parent },
  );
  for (const [tier, tables] of Object.entries(routeTables)) {
    for (const [zone, table] of tables) {
      new aws.ec2.VpcEndpointRouteTableAssociation(
        `${name}-s3-${tier}-${zoneKey(zone)}`,
        { vpcEndpointId: endpoint.id, routeTableId: table.id },
        { parent },
      );
    }
  }
  return endpoint;
}

/**
 * Interface endpoints in the private subnets, with private DNS so the usual service hostnames resolve
 * to them, behind a security group that admits HTTPS from inside the VPC only.
 */
export function createInterfaceEndpoints(
  scope: NetworkScope,
  region: pulumi.Output<string>,
  vpcCidr: string,
  services: readonly string[],
  subnetIds: pulumi.Input<string>[],
): Map<string, aws.ec2.VpcEndpoint> {
  const { name, parent } = scope;
  const endpoints = new Map<string, aws.ec2.VpcEndpoint>();
  if (services.length === 0) return endpoints;
  const group = new aws.ec2.SecurityGroup(
    `${name}-endpoints`,
    {
      vpcId: scope.vpcId,
      description: "HTTPS from inside the VPC to its interface endpoints",
      tags: named(scope.tags, `${name}-endpoints`),
    },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-endpoints-https`,
    {
      securityGroupId: group.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: HTTPS,
      toPort: HTTPS,
      cidrIpv4: vpcCidr,
      tags: scope.tags,
    },
    { parent },
  );
  for (const service of services) {
    const endpointName = `${name}-endpoint-${service.replace(/\./g, "-")}`;
    endpoints.set(
      service,
      new aws.ec2.VpcEndpoint(
        endpointName,
        {
          vpcId: scope.vpcId,
          serviceName: region.apply((r) => endpointServiceName(r, service)),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds,
          securityGroupIds: [group.id],
          tags: named(scope.tags, endpointName),
        },
        { parent },
      ),
    );
  }
  return endpoints;
}
