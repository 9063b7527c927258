import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { run, valueOf } from "../../support/harness";

describe("the fake AWS networking types", () => {
  it("gives an EIP a public address and DNS name that its NAT gateway reports too", async () => {
    let eip: aws.ec2.Eip | undefined;
    let nat: aws.ec2.NatGateway | undefined;
    await run(() => {
      eip = new aws.ec2.Eip("eip", { domain: "vpc" });
      nat = new aws.ec2.NatGateway("nat", {
        allocationId: eip.allocationId,
        subnetId: "subnet-0123456789abcdef0",
      });
    });
    const [allocationId, publicIp, publicDns, natIp, eni, arn] = await Promise.all([
      valueOf(eip!.allocationId),
      valueOf(eip!.publicIp),
      valueOf(eip!.publicDns),
      valueOf(nat!.publicIp),
      valueOf(nat!.networkInterfaceId),
      valueOf(eip!.arn),
    ]);
    expect(allocationId).toMatch(/^eipalloc-0[0-9a-f]{16}$/);
    expect(publicIp).toMatch(/^(3|18|34|35|52|54)\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
    expect(publicDns).toBe(`ec2-${publicIp.replace(/\./g, "-")}.eu-west-1.compute.amazonaws.com`);
    expect(natIp).toBe(publicIp);
    expect(eni).toMatch(/^eni-0[0-9a-f]{16}$/);
    expect(arn).toBe(`arn:aws:ec2:eu-west-1:123456789012:elastic-ip/${allocationId}`);
    expect(await valueOf(nat!.id)).toMatch(/^nat-0[0-9a-f]{16}$/);
  });

  it("uses us-east-1's compute-1 domain for public DNS names", async () => {
    let eip: aws.ec2.Eip | undefined;
    await run(() => void (eip = new aws.ec2.Eip("eip", { domain: "vpc" })), {
      config: { "aws:region": "us-east-1" },
    });
    expect(await valueOf(eip!.publicDns)).toMatch(/^ec2-[\d-]+\.compute-1\.amazonaws\.com$/);
  });

  it("fills gateway and interface endpoint outputs", async () => {
    let gateway: aws.ec2.VpcEndpoint | undefined;
    let iface: aws.ec2.VpcEndpoint | undefined;
    await run(() => {
      gateway = new aws.ec2.VpcEndpoint("s3", { vpcId: "vpc-1", serviceName: "com.amazonaws.eu-west-1.s3" });
      iface = new aws.ec2.VpcEndpoint("sts", {
        vpcId: "vpc-1",
        serviceName: "com.amazonaws.eu-west-1.sts",
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: ["subnet-a", "subnet-b"],
      });
    });
    expect(await valueOf(gateway!.prefixListId)).toMatch(/^pl-[0-9a-f]{8}$/);
    expect(await valueOf(gateway!.vpcEndpointType)).toBe("Gateway");
    expect(JSON.parse(await valueOf(gateway!.policy)).Statement[0]).toMatchObject({
      Effect: "Allow",
      Action: "*",
    });
    const id = await valueOf(iface!.id);
    expect(id).toMatch(/^vpce-0[0-9a-f]{16}$/);
    expect(await valueOf(iface!.arn)).toBe(`arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/${id}`);
    expect(await valueOf(iface!.networkInterfaceIds)).toHaveLength(2);
    const dns = await valueOf(iface!.dnsEntries);
    expect(dns[0]!.dnsName).toMatch(
      new RegExp(`^${id}-[0-9a-f]{8}\\.sts\\.eu-west-1\\.vpce\\.amazonaws\\.com$`),
    );
  });

  it("gives routes, associations, flow logs and internet gateways AWS-shaped ids and ARNs", async () => {
    let route: aws.ec2.Route | undefined;
    let association: aws.ec2.VpcEndpointRouteTableAssociation | undefined;
    let flowLog: aws.ec2.FlowLog | undefined;
    let igw: aws.ec2.InternetGateway | undefined;
    await run(() => {
      route = new aws.ec2.Route("r", {
        routeTableId: "rtb-0123456789abcdef0",
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: "nat-0123456789abcdef0",
      });
      association = new aws.ec2.VpcEndpointRouteTableAssociation("a", {
        vpcEndpointId: "vpce-0123456789abcdef0",
        routeTableId: "rtb-0123456789abcdef0",
      });
      flowLog = new aws.ec2.FlowLog("fl", {
        vpcId: "vpc-1",
        trafficType: "ALL",
        logDestination: "arn:aws:logs:eu-west-1:123456789012:log-group:x",
        iamRoleArn: "arn:aws:iam::123456789012:role/x",
      });
      igw = new aws.ec2.InternetGateway("igw", { vpcId: "vpc-1" });
    });
    expect(await valueOf(route!.id)).toMatch(/^r-rtb-0123456789abcdef0\d+$/);
    expect(await valueOf(route!.state)).toBe("active");
    expect(await valueOf(association!.id)).toMatch(/^a-vpce-0123456789abcdef0\d+$/);
    const flowLogId = await valueOf(flowLog!.id);
    expect(flowLogId).toMatch(/^fl-0[0-9a-f]{16}$/);
    expect(await valueOf(flowLog!.arn)).toBe(`arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/${flowLogId}`);
    expect(await valueOf(flowLog!.maxAggregationInterval)).toBe(600);
    const igwId = await valueOf(igw!.id);
    expect(igwId).toMatch(/^igw-0[0-9a-f]{16}$/);
    expect(await valueOf(igw!.arn)).toBe(`arn:aws:ec2:eu-west-1:123456789012:internet-gateway/${igwId}`);
  });

  it.each([
    [
      "a zonal NAT gateway without a subnet",
      () => new aws.ec2.NatGateway("nat", { allocationId: "eipalloc-1" }),
      "NatGateway nat: a zonal NAT gateway needs subnetId",
    ],
    [
      "a public NAT gateway without an EIP",
      () => new aws.ec2.NatGateway("nat", { subnetId: "subnet-1" }),
      "needs allocationId",
    ],
    [
      "a route without a target",
      () => new aws.ec2.Route("r", { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0" }),
      "Route r: needs exactly one target",
    ],
    [
      "a route with two targets",
      () =>
        new aws.ec2.Route("r", {
          routeTableId: "rtb-1",
          destinationCidrBlock: "0.0.0.0/0",
          gatewayId: "igw-1",
          natGatewayId: "nat-1",
        }),
      "got gatewayId, natGatewayId",
    ],
    [
      "a flow log to CloudWatch without a role",
      () =>
        new aws.ec2.FlowLog("fl", {
          vpcId: "vpc-1",
          trafficType: "ALL",
          logDestination: "arn:aws:logs:eu-west-1:1:log-group:x",
        }),
      "FlowLog fl: delivery to CloudWatch Logs needs iamRoleArn",
    ],
    [
      "an endpoint for another region's service",
      () => new aws.ec2.VpcEndpoint("e", { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3" }),
      'VpcEndpoint e: service "com.amazonaws.us-east-1.s3" is not a service of eu-west-1',
    ],
  ])("fails loudly for %s", async (_what, program, message) => {
    await expect(run(program)).rejects.toThrow(message);
  });
});
