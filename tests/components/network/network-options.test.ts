import { beforeAll, describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { Network } from "../../../components/network";
import { parseJsonInput, run, valueOf, type Registered, type SynthResource } from "../../support/harness";
import { ResourceIds } from "./resource-ids";

const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ENDPOINT_ASSOCIATION = "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation";

let registered: Registered;
const ids = new ResourceIds();
let edge: Network;
let single: Network;
let rejection: unknown;
const LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

beforeAll(async () => {
  registered = await run(() => {
    edge = new Network(
      "edge",
      {
        cidrBlock: "10.30.0.0/20",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        subnetTiers: ["private", "isolated"],
        natGateways: "none",
        interfaceEndpoints: ["ecr.api", "ecr.dkr", "sts", "logs"],
        disableFlowLogs: true,
        explicitSubnets: [{ tier: "isolated", availabilityZone: "eu-west-1b", cidrBlock: "10.30.15.0/24" }],
      },
      { transformations: [ids.transformation] },
    );
    single = new Network(
      "single",
      {
        cidrBlock: "10.40.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        natGateways: "single",
        flowLogRetentionDays: 30,
        flowLogTrafficType: "REJECT",
        flowLogAggregationIntervalSeconds: 60,
        logsKmsKeyArn: LOGS_KEY,
      },
      { transformations: [ids.transformation] },
    );
    try {
      new Network("bad", {
        cidrBlock: "10.0.0.0/8",
        availabilityZones: ["eu-west-1a"],
        clusterName: "prod",
        natGateways: "sometimes" as "single",
      });
    } catch (err) {
      rejection = err;
    }
  });
  await ids.resolve();
});

function childrenOf(name: string, type: string): SynthResource[] {
  const component = registered.one("infra:index:Network", name);
  return registered.childrenOf(component.urn).filter((r) => r.type === type);
}

describe("a network without public subnets or NAT, with interface endpoints", () => {
  it("creates no internet gateway, EIP, NAT gateway, public route table or route", () => {
    for (const type of [
      "aws:ec2/internetGateway:InternetGateway",
      "aws:ec2/eip:Eip",
      "aws:ec2/natGateway:NatGateway",
      ROUTE,
    ]) {
      expect(childrenOf("edge", type)).toEqual([]);
    }
    expect(
      childrenOf("edge", ROUTE_TABLE)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["edge-isolated-a-rt", "edge-isolated-b-rt", "edge-private-a-rt", "edge-private-b-rt"]);
    expect(
      childrenOf("edge", SUBNET)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["edge-isolated-a", "edge-isolated-b", "edge-private-a", "edge-private-b"]);
  });

  it("uses an explicit subnet's CIDR and plans the rest for a /20", () => {
    const cidrOf = (name: string) => registered.one(SUBNET, name).inputs.cidrBlock;
    expect(cidrOf("edge-private-a")).toBe("10.30.0.0/23");
    expect(cidrOf("edge-private-b")).toBe("10.30.2.0/23");
    expect(cidrOf("edge-isolated-a")).toBe("10.30.14.0/26");
    expect(cidrOf("edge-isolated-b")).toBe("10.30.15.0/24");
  });

  it("still associates the S3 gateway endpoint with every route table", () => {
    const tables = childrenOf("edge", ENDPOINT_ASSOCIATION).map(
      (a) => ids.resourceWithId(registered, a.inputs.routeTableId).name,
    );
    expect(tables.sort()).toEqual([
      "edge-isolated-a-rt",
      "edge-isolated-b-rt",
      "edge-private-a-rt",
      "edge-private-b-rt",
    ]);
  });

  it("admits HTTPS from the VPC CIDR only to the interface endpoints, and nothing else", () => {
    const group = registered.one(SECURITY_GROUP, "edge-endpoints");
    expect(group.inputs.ingress).toBeUndefined();
    expect(group.inputs.egress).toBeUndefined();
    const rules = childrenOf("edge", INGRESS);
    expect(rules.map((r) => r.inputs)).toEqual([
      {
        securityGroupId: ids.idOf(group),
        description: "HTTPS from the VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "10.30.0.0/20",
        tags: expect.objectContaining({ component: "network" }),
      },
    ]);
    expect(childrenOf("edge", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
  });

  it("creates each interface endpoint in the private subnets with private DNS", () => {
    const group = registered.one(SECURITY_GROUP, "edge-endpoints");
    const privateSubnets = ["edge-private-a", "edge-private-b"].map((n) =>
      ids.idOf(registered.one(SUBNET, n)),
    );
    for (const service of ["ecr.api", "ecr.dkr", "sts", "logs"]) {
      const endpoint = registered.one(ENDPOINT, `edge-endpoint-${service.replace(".", "-")}`);
      expect(endpoint.inputs).toMatchObject({
        serviceName: `com.amazonaws.eu-west-1.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: privateSubnets,
        securityGroupIds: [ids.idOf(group)],
      });
    }
  });

  it("creates no flow log when flow logs are disabled", () => {
    for (const type of ["aws:ec2/flowLog:FlowLog", "aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role"]) {
      expect(childrenOf("edge", type)).toEqual([]);
    }
  });

  it("tags no subnet for a cluster when none is named", () => {
    for (const subnet of childrenOf("edge", SUBNET)) {
      const keys = Object.keys(subnet.inputs.tags as Record<string, string>);
      expect(keys.filter((k) => k.startsWith("kubernetes.io/cluster/"))).toEqual([]);
    }
  });

  it("outputs empty lists for what it did not create", async () => {
    expect(await valueOf(edge.publicSubnetIds)).toEqual([]);
    expect(await valueOf(edge.natGatewayIds)).toEqual([]);
    expect(await valueOf(edge.natGatewayIdsByZone)).toEqual({});
    expect(await valueOf(edge.flowLogGroupName)).toBeUndefined();
    expect(await valueOf(edge.privateSubnetIds)).toHaveLength(2);
    expect(await valueOf(edge.isolatedSubnetIds)).toHaveLength(2);
    const plan = await valueOf(edge.plan);
    expect(plan.subnets.filter((s) => s.explicit).map((s) => s.cidrBlock)).toEqual(["10.30.15.0/24"]);
  });
});

describe("explicit overrides of the production defaults", () => {
  it("shares one NAT gateway when natGateways is single", async () => {
    expect(childrenOf("single", "aws:ec2/natGateway:NatGateway").map((n) => n.name)).toEqual([
      "single-nat-a",
    ]);
    const natId = ids.idOf(registered.one("aws:ec2/natGateway:NatGateway", "single-nat-a"));
    const routes = childrenOf("single", ROUTE).filter((r) => r.inputs.natGatewayId !== undefined);
    expect(routes.map((r) => r.inputs.natGatewayId)).toEqual([natId, natId, natId]);
    expect(await valueOf(single.natGatewayIdsByZone)).toEqual({ "eu-west-1a": natId });
  });

  it("keeps flow logs for the retention given and records the traffic type given", () => {
    expect(
      registered.one("aws:cloudwatch/logGroup:LogGroup", "single-flow-logs").inputs.retentionInDays,
    ).toBe(30);
    expect(registered.one("aws:ec2/flowLog:FlowLog", "single-flow-log").inputs.trafficType).toBe("REJECT");
  });

  it("aggregates flows over the interval given", () => {
    expect(registered.one("aws:ec2/flowLog:FlowLog", "single-flow-log").inputs.maxAggregationInterval).toBe(
      60,
    );
  });

  it("encrypts the flow-log group with the customer key given", () => {
    expect(registered.one("aws:cloudwatch/logGroup:LogGroup", "single-flow-logs").inputs.kmsKeyId).toBe(
      LOGS_KEY,
    );
  });
});

describe("invalid args", () => {
  it("throw one InfraValidationError listing every problem by arg path", () => {
    expect(InfraValidationError.isInstance(rejection)).toBe(true);
    const error = rejection as InfraValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(["cidrBlock", "availabilityZones", "natGateways"]);
    expect(error.message).toMatch(
      /^Network "bad": 3 problems\n {2}- cidrBlock: "10\.0\.0\.0\/8" has the prefix \/8/,
    );
  });

  it("must not register anything, not even the component", () => {
    expect(registered.resources.filter((r) => r.name === "bad" || r.name.startsWith("bad-"))).toEqual([]);
  });
});

describe("growing a network", () => {
  let before: Registered;
  let after: Registered;

  beforeAll(async () => {
    const settings = { config: { "aws:region": "us-east-1" } };
    before = await run(
      () =>
        new Network("net", {
          cidrBlock: "10.50.0.0/16",
          availabilityZones: ["us-east-1a", "us-east-1b"],
          natGateways: "single",
        }),
      settings,
    );
    after = await run(
      () =>
        new Network("net", {
          cidrBlock: "10.50.0.0/16",
          availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
          natGateways: "perAz",
          interfaceEndpoints: ["sts"],
        }),
      settings,
    );
  });

  it("keeps every existing resource's URN when a zone, NAT gateways and endpoints are added", () => {
    const kept = new Set(after.urns());
    expect(before.urns().filter((urn) => !kept.has(urn))).toEqual([]);
    expect(after.urns().length).toBeGreaterThan(before.urns().length);
  });

  it("keeps every existing subnet's CIDR block", () => {
    for (const subnet of before.ofType(SUBNET)) {
      expect(after.one(SUBNET, subnet.name).inputs.cidrBlock).toBe(subnet.inputs.cidrBlock);
    }
    expect(after.one(SUBNET, "net-private-c").inputs.cidrBlock).toBe("10.50.64.0/19");
  });

  it("names endpoint services and the flow log trust after the stack's region", () => {
    expect(after.one(ENDPOINT, "net-s3").inputs.serviceName).toBe("com.amazonaws.us-east-1.s3");
    expect(after.one(ENDPOINT, "net-endpoint-sts").inputs.serviceName).toBe("com.amazonaws.us-east-1.sts");
    const trust = parseJsonInput(after.one("aws:iam/role:Role", "net-flow-logs"), "assumeRolePolicy");
    expect(trust.Statement[0].Condition.ArnLike["aws:SourceArn"]).toBe(
      "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*",
    );
  });
});
