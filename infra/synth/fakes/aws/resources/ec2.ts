import { FakeCloudError } from "../../errors";
import { hexFor } from "../../ids";
import { arn, type FakeAccount } from "../context";
import type { FakeResource, FakeResourceTable } from "./types";

const ec2Id = (prefix: string) => (r: { hex(length: number): string }) => `${prefix}-0${r.hex(16)}`;
const ec2Arn = (kind: string) => (r: FakeResource) => ({
  arn: arn(r.account, "ec2", `${kind}/${r.id}`),
  ownerId: r.account.accountId,
});

/** First octets of ranges AWS announces for EC2 public addresses. */
const EC2_PUBLIC_FIRST_OCTETS = [3, 18, 34, 35, 52, 54];

/** The public address behind an Elastic IP allocation: the EIP and its NAT gateway agree on it. */
function publicIpFor(allocationId: string): string {
  const bytes = hexFor(`public-ip:${allocationId}`, 8)
    .match(/../g)!
    .map((pair) => parseInt(pair, 16));
  const first = EC2_PUBLIC_FIRST_OCTETS[bytes[0]! % EC2_PUBLIC_FIRST_OCTETS.length]!;
  return [first, bytes[1]!, bytes[2]!, Math.max(1, bytes[3]!)].join(".");
}

function publicDnsFor(ip: string, account: FakeAccount): string {
  const region = account.region.name;
  const domain = region === "us-east-1" ? "compute-1" : `${region}.compute`;
  return `ec2-${ip.replace(/\./g, "-")}.${domain}.${account.dnsSuffix}`;
}

/** A decimal suffix like the hash code the provider appends to composite ids. */
const hashCode = (r: { hex(length: number, salt?: string): string }) =>
  parseInt(r.hex(8, "hash"), 16) % 2 ** 31;

const ROUTE_TARGETS = [
  "carrierGatewayId",
  "coreNetworkArn",
  "egressOnlyGatewayId",
  "gatewayId",
  "localGatewayId",
  "natGatewayId",
  "networkInterfaceId",
  "transitGatewayId",
  "vpcEndpointId",
  "vpcPeeringConnectionId",
];
const ROUTE_DESTINATIONS = ["destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"];

function exactlyOne(r: FakeResource | Omit<FakeResource, "id">, keys: readonly string[], what: string): void {
  const set = keys.filter((key) => r.inputs[key] !== undefined);
  if (set.length !== 1) {
    throw new FakeCloudError(
      `${r.type.split(":").pop()} ${r.name}: needs exactly one ${what} (${keys.join(", ")}), got ${set.length ? set.join(", ") : "none"}`,
    );
  }
}

/** Computed outputs of a VPC endpoint; the service must be one of the account's region. */
function vpcEndpointOutputs(r: FakeResource): Record<string, unknown> {
  const region = r.account.region.name;
  const serviceName = String(r.inputs.serviceName);
  const prefix = `com.amazonaws.${region}.`;
  if (!serviceName.startsWith(prefix) || serviceName.length === prefix.length) {
    throw new FakeCloudError(
      `VpcEndpoint ${r.name}: service "${serviceName}" is not a service of ${region} (expected ${prefix}<service>)`,
    );
  }
  const service = serviceName.slice(prefix.length);
  const type = r.inputs.vpcEndpointType ?? "Gateway";
  const common = {
    ...ec2Arn("vpc-endpoint")(r),
    state: "available",
    requesterManaged: false,
    serviceRegion: region,
    vpcEndpointType: type,
    routeTableIds: r.inputs.routeTableIds ?? [],
    subnetIds: r.inputs.subnetIds ?? [],
    securityGroupIds: r.inputs.securityGroupIds ?? [],
  };
  if (type === "Gateway") {
    return {
      ...common,
      privateDnsEnabled: false,
      prefixListId: `pl-${r.hex(8, "prefix-list")}`,
      policy:
        r.inputs.policy ??
        JSON.stringify({
          Version: "2008-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
        }),
    };
  }
  const subnetIds = (r.inputs.subnetIds as string[] | undefined) ?? [];
  const regionalName = `${r.id}-${r.hex(8, "dns")}.${service}.${region}.vpce.${r.account.dnsSuffix}`;
  const hostedZoneId = `Z${r.hex(13, "zone").toUpperCase()}`;
  return {
    ...common,
    privateDnsEnabled: r.inputs.privateDnsEnabled ?? false,
    ipAddressType: r.inputs.ipAddressType ?? "ipv4",
    networkInterfaceIds: subnetIds.map((subnetId) => `eni-0${r.hex(16, subnetId)}`),
    dnsEntries: [{ dnsName: regionalName, hostedZoneId }],
  };
}

export const EC2_RESOURCES: FakeResourceTable = {
  "aws:ec2/vpc:Vpc": {
    id: ec2Id("vpc"),
    outputs: (r) => ({
      ...ec2Arn("vpc")(r),
      defaultSecurityGroupId: `sg-0${r.hex(16, "default-sg")}`,
      defaultRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
      mainRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
      defaultNetworkAclId: `acl-0${r.hex(16, "default-acl")}`,
      dhcpOptionsId: `dopt-0${r.hex(16, "dhcp")}`,
      instanceTenancy: r.inputs.instanceTenancy ?? "default",
    }),
  },
  "aws:ec2/subnet:Subnet": {
    id: ec2Id("subnet"),
    outputs: (r) => {
      const zone = r.account.region.zones.find((z) => z.name === r.inputs.availabilityZone);
      if (r.inputs.availabilityZone && !zone) {
        throw new FakeCloudError(
          `subnet ${r.name}: availability zone "${r.inputs.availabilityZone}" is not in ${r.account.region.name}`,
        );
      }
      return {
        ...ec2Arn("subnet")(r),
        availabilityZoneId: zone?.zoneId ?? r.account.region.zones[0]!.zoneId,
      };
    },
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    autoName: "name",
    id: ec2Id("sg"),
    outputs: ec2Arn("security-group"),
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    id: ec2Id("sg"),
    outputs: (r) => ({ ...ec2Arn("security-group")(r), name: "default" }),
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    autoName: "name",
    id: ec2Id("lt"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `launch-template/${r.id}`),
      defaultVersion: 1,
      latestVersion: 1,
    }),
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    id: ec2Id("sgr"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `security-group-rule/${r.id}`),
      securityGroupRuleId: r.id,
    }),
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    id: ec2Id("sgr"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `security-group-rule/${r.id}`),
      securityGroupRuleId: r.id,
    }),
  },
  "aws:ec2/internetGateway:InternetGateway": {
    id: ec2Id("igw"),
    outputs: ec2Arn("internet-gateway"),
  },
  "aws:ec2/eip:Eip": {
    id: ec2Id("eipalloc"),
    outputs: (r) => {
      const publicIp = publicIpFor(r.id);
      return {
        ...ec2Arn("elastic-ip")(r),
        allocationId: r.id,
        domain: r.inputs.domain ?? "vpc",
        publicIp,
        publicDns: publicDnsFor(publicIp, r.account),
        publicIpv4Pool: "amazon",
        networkBorderGroup: r.account.region.name,
      };
    },
  },
  "aws:ec2/natGateway:NatGateway": {
    id: ec2Id("nat"),
    outputs: (r) => {
      const regional = r.inputs.availabilityMode === "regional";
      const connectivity = r.inputs.connectivityType ?? "public";
      if (!regional && r.inputs.subnetId === undefined) {
        throw new FakeCloudError(`NatGateway ${r.name}: a zonal NAT gateway needs subnetId`);
      }
      if (!regional && connectivity === "public" && r.inputs.allocationId === undefined) {
        throw new FakeCloudError(
          `NatGateway ${r.name}: a public zonal NAT gateway needs allocationId (an EIP)`,
        );
      }
      return {
        availabilityMode: regional ? "regional" : "zonal",
        connectivityType: connectivity,
        networkInterfaceId: `eni-0${r.hex(16, "eni")}`,
        associationId: connectivity === "public" ? `eipassoc-0${r.hex(16, "assoc")}` : "",
        ...(connectivity === "public" && r.inputs.allocationId
          ? { publicIp: publicIpFor(String(r.inputs.allocationId)) }
          : {}),
      };
    },
  },
  "aws:ec2/routeTable:RouteTable": {
    id: ec2Id("rtb"),
    outputs: (r) => ({
      ...ec2Arn("route-table")(r),
      routes: r.inputs.routes ?? [],
      propagatingVgws: r.inputs.propagatingVgws ?? [],
    }),
  },
  "aws:ec2/route:Route": {
    id: (r) => {
      exactlyOne(r, ROUTE_DESTINATIONS, "destination");
      exactlyOne(r, ROUTE_TARGETS, "target");
      return `r-${r.inputs.routeTableId}${hashCode(r)}`;
    },
    outputs: () => ({ origin: "CreateRoute", state: "active" }),
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    id: (r) => {
      exactlyOne(r, ["subnetId", "gatewayId"], "subnetId or gatewayId");
      return `rtbassoc-0${r.hex(16)}`;
    },
  },
  "aws:ec2/flowLog:FlowLog": {
    id: ec2Id("fl"),
    outputs: (r) => {
      const destinationType = r.inputs.logDestinationType ?? "cloud-watch-logs";
      if (destinationType === "cloud-watch-logs" && r.inputs.iamRoleArn === undefined) {
        throw new FakeCloudError(`FlowLog ${r.name}: delivery to CloudWatch Logs needs iamRoleArn`);
      }
      return {
        arn: arn(r.account, "ec2", `vpc-flow-log/${r.id}`),
        logDestinationType: destinationType,
        maxAggregationInterval: r.inputs.maxAggregationInterval ?? 600,
        logFormat:
          r.inputs.logFormat ??
          "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
      };
    },
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": {
    id: ec2Id("vpce"),
    outputs: vpcEndpointOutputs,
  },
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation": {
    id: (r) => `a-${r.inputs.vpcEndpointId}${hashCode(r)}`,
  },
};
