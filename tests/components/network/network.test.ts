import { beforeAll, describe, expect, it } from "vitest";
import { Network } from "../../../components/network";
import { parseJsonInput, run, valueOf, type Registered, type SynthResource } from "../../support/harness";
import { ResourceIds } from "./resource-ids";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  igw: "aws:ec2/internetGateway:InternetGateway",
  eip: "aws:ec2/eip:Eip",
  nat: "aws:ec2/natGateway:NatGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  endpointAssociation: "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

/** Types that take no tags in the AWS API. */
const UNTAGGABLE = new Set<string>([T.route, T.association, T.endpointAssociation, T.rolePolicy]);

interface Case {
  readonly name: string;
  readonly profile: "development" | "production";
  readonly zones: readonly string[];
  readonly cidrBlock: string;
  readonly expected: {
    readonly subnets: number;
    readonly nats: number;
    readonly routeTables: number;
    readonly retentionDays: number;
  };
}

const CASES: readonly Case[] = [
  {
    name: "dev",
    profile: "development",
    zones: ["eu-west-1a", "eu-west-1b"],
    cidrBlock: "10.10.0.0/16",
    expected: { subnets: 6, nats: 1, routeTables: 5, retentionDays: 7 },
  },
  {
    name: "prod",
    profile: "production",
    zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    cidrBlock: "10.20.0.0/16",
    expected: { subnets: 9, nats: 3, routeTables: 7, retentionDays: 90 },
  },
];

let registered: Registered;
const ids = new ResourceIds();
const networks = new Map<string, Network>();

beforeAll(async () => {
  registered = await run(() => {
    for (const c of CASES) {
      networks.set(
        c.name,
        new Network(
          c.name,
          {
            cidrBlock: c.cidrBlock,
            availabilityZones: [...c.zones],
            // Production is the default profile: leave it implicit to prove it.
            ...(c.profile === "development" ? { profile: c.profile } : {}),
            clusterName: `${c.name}-eks`,
            tags: { team: "platform", environment: c.name },
          },
          { transformations: [ids.transformation] },
        ),
      );
    }
  });
  await ids.resolve();
});

function children(c: Case, type?: string): SynthResource[] {
  const component = registered.one("infra:index:Network", c.name);
  return registered.childrenOf(component.urn).filter((r) => type === undefined || r.type === type);
}

function child(c: Case, type: string, name: string): SynthResource {
  const found = children(c, type).filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  return found[0]!;
}

const letter = (zone: string) => zone.slice(-1);

describe.each(CASES)("Network ($profile, $zones.length zones)", (c) => {
  it("is an infra:index:Network whose children all carry its name", () => {
    const component = registered.one("infra:index:Network", c.name);
    expect(component.urn).toBe(`urn:pulumi:test::infra::infra:index:Network::${c.name}`);
    const all = children(c);
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) expect(r.name.startsWith(`${c.name}-`)).toBe(true);
  });

  it("creates a VPC with DNS support and hostnames", () => {
    const vpc = child(c, T.vpc, `${c.name}-vpc`);
    expect(vpc.inputs).toMatchObject({
      cidrBlock: c.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
    expect((vpc.inputs.tags as Record<string, string>).Name).toBe(c.name);
  });

  it("creates one subnet per zone per tier, at the planned CIDRs, without public IPs", async () => {
    const subnets = children(c, T.subnet);
    expect(subnets).toHaveLength(c.expected.subnets);
    const plan = await valueOf(networks.get(c.name)!.plan);
    expect(plan.subnets).toHaveLength(c.expected.subnets);
    for (const planned of plan.subnets) {
      const subnet = child(c, T.subnet, `${c.name}-${planned.tier}-${letter(planned.availabilityZone)}`);
      expect(subnet.inputs).toMatchObject({
        cidrBlock: planned.cidrBlock,
        availabilityZone: planned.availabilityZone,
        mapPublicIpOnLaunch: false,
        vpcId: ids.idOf(child(c, T.vpc, `${c.name}-vpc`)),
      });
    }
  });

  it("tags subnets for load balancers and cluster discovery, and keeps isolated subnets out", () => {
    const tagsOf = (tier: string) =>
      children(c, T.subnet)
        .filter((s) => s.name.startsWith(`${c.name}-${tier}-`))
        .map((s) => s.inputs.tags as Record<string, string>);
    for (const tags of tagsOf("public")) {
      expect(tags).toMatchObject({
        "kubernetes.io/role/elb": "1",
        [`kubernetes.io/cluster/${c.name}-eks`]: "shared",
      });
    }
    for (const tags of tagsOf("private")) {
      expect(tags).toMatchObject({
        "kubernetes.io/role/internal-elb": "1",
        [`kubernetes.io/cluster/${c.name}-eks`]: "shared",
      });
    }
    for (const tags of tagsOf("isolated")) {
      expect(Object.keys(tags).filter((k) => k.startsWith("kubernetes.io/"))).toEqual([]);
    }
  });

  it(`creates ${c.expected.nats} NAT gateway(s), each with its own EIP in a public subnet`, () => {
    const nats = children(c, T.nat);
    expect(nats).toHaveLength(c.expected.nats);
    expect(children(c, T.eip)).toHaveLength(c.expected.nats);
    const igw = child(c, T.igw, `${c.name}-igw`);
    for (const nat of nats) {
      const eip = ids.resourceWithId(registered, nat.inputs.allocationId);
      expect(eip.type).toBe(T.eip);
      expect(eip.inputs.domain).toBe("vpc");
      const subnet = ids.resourceWithId(registered, nat.inputs.subnetId);
      expect(subnet.name).toMatch(new RegExp(`^${c.name}-public-`));
      expect(nat.name).toBe(`${c.name}-nat-${letter(subnet.inputs.availabilityZone as string)}`);
      expect(nat.inputs.connectivityType).toBe("public");
      expect(nat.options.dependsOn).toEqual([igw.urn]);
    }
  });

  it(`creates ${c.expected.routeTables} route tables: one public, one per zone for private and isolated`, () => {
    const tables = children(c, T.routeTable).map((t) => t.name);
    expect(tables).toHaveLength(c.expected.routeTables);
    expect(tables).toContain(`${c.name}-public-rt`);
    for (const zone of c.zones) {
      expect(tables).toContain(`${c.name}-private-${letter(zone)}-rt`);
      expect(tables).toContain(`${c.name}-isolated-${letter(zone)}-rt`);
    }
  });

  it("routes the public table to the internet gateway and associates every public subnet with it", () => {
    const table = child(c, T.routeTable, `${c.name}-public-rt`);
    const tableId = ids.idOf(table);
    const routes = children(c, T.route).filter((r) => r.inputs.routeTableId === tableId);
    expect(routes.map((r) => r.inputs)).toEqual([
      {
        routeTableId: tableId,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: ids.idOf(child(c, T.igw, `${c.name}-igw`)),
      },
    ]);
    const associated = children(c, T.association)
      .filter((a) => a.inputs.routeTableId === tableId)
      .map((a) => ids.resourceWithId(registered, a.inputs.subnetId).name);
    expect(associated.sort()).toEqual(c.zones.map((z) => `${c.name}-public-${letter(z)}`));
  });

  it("routes each zone's private subnet to the internet through a NAT gateway the strategy picks", () => {
    for (const zone of c.zones) {
      const subnet = child(c, T.subnet, `${c.name}-private-${letter(zone)}`);
      const association = children(c, T.association).find((a) => a.inputs.subnetId === ids.idOf(subnet));
      const table = ids.resourceWithId(registered, association?.inputs.routeTableId);
      const routes = children(c, T.route).filter((r) => r.inputs.routeTableId === ids.idOf(table));
      expect(routes).toHaveLength(1);
      expect(routes[0]!.inputs.destinationCidrBlock).toBe("0.0.0.0/0");
      const nat = ids.resourceWithId(registered, routes[0]!.inputs.natGatewayId);
      const natZone = ids.resourceWithId(registered, nat.inputs.subnetId).inputs.availabilityZone;
      // perAz: the NAT in the subnet's own zone; single: the one NAT, in the first zone.
      expect(natZone).toBe(c.profile === "production" ? zone : c.zones[0]);
    }
  });

  it("gives isolated subnets route tables without any route to 0.0.0.0/0", () => {
    for (const zone of c.zones) {
      const subnet = child(c, T.subnet, `${c.name}-isolated-${letter(zone)}`);
      const associations = children(c, T.association).filter((a) => a.inputs.subnetId === ids.idOf(subnet));
      expect(associations).toHaveLength(1);
      const table = ids.resourceWithId(registered, associations[0]!.inputs.routeTableId);
      expect(table.name).toBe(`${c.name}-isolated-${letter(zone)}-rt`);
      expect(table.inputs.routes).toBeUndefined();
      const routes = children(c, T.route).filter((r) => r.inputs.routeTableId === ids.idOf(table));
      expect(routes).toEqual([]);
    }
  });

  it("associates the S3 gateway endpoint with every private and isolated route table and no other", () => {
    const endpoint = child(c, T.endpoint, `${c.name}-s3`);
    expect(endpoint.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
    });
    const associated = children(c, T.endpointAssociation).map((a) => {
      expect(a.inputs.vpcEndpointId).toBe(ids.idOf(endpoint));
      return ids.resourceWithId(registered, a.inputs.routeTableId).name;
    });
    const expected = c.zones.flatMap((z) => [
      `${c.name}-private-${letter(z)}-rt`,
      `${c.name}-isolated-${letter(z)}-rt`,
    ]);
    expect(associated.sort()).toEqual(expected.sort());
  });

  it("creates no interface endpoints or endpoint security group unless asked", () => {
    expect(children(c, T.endpoint).map((e) => e.name)).toEqual([`${c.name}-s3`]);
    expect(children(c, T.securityGroup)).toEqual([]);
  });

  it("locks down the default security group: no ingress and no egress rules", () => {
    const group = child(c, T.defaultSg, `${c.name}-default-sg`);
    expect(group.inputs.ingress).toEqual([]);
    expect(group.inputs.egress).toEqual([]);
    expect(group.inputs.vpcId).toBe(ids.idOf(child(c, T.vpc, `${c.name}-vpc`)));
  });

  it(`keeps flow logs of all traffic for ${c.expected.retentionDays} days in CloudWatch Logs`, () => {
    const group = child(c, T.logGroup, `${c.name}-flow-logs`);
    expect(group.inputs.retentionInDays).toBe(c.expected.retentionDays);
    expect(group.inputs.namePrefix).toBe(`/vpc-flow-logs/${c.name}-`);
    // Without logsKmsKeyArn the group keeps CloudWatch Logs' own encryption.
    expect(group.inputs.kmsKeyId).toBeUndefined();
    const flowLog = child(c, T.flowLog, `${c.name}-flow-log`);
    expect(flowLog.inputs).toMatchObject({
      vpcId: ids.idOf(child(c, T.vpc, `${c.name}-vpc`)),
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
    });
    expect(flowLog.inputs.logDestination).toMatch(
      new RegExp(`^arn:aws:logs:eu-west-1:123456789012:log-group:/vpc-flow-logs/${c.name}-[0-9a-f]{26}$`),
    );
    expect(flowLog.inputs.iamRoleArn).toMatch(
      new RegExp(`^arn:aws:iam::123456789012:role/${c.name}-flow-logs-[0-9a-f]{7}$`),
    );
    expect(flowLog.options.dependsOn).toEqual([child(c, T.rolePolicy, `${c.name}-flow-logs-delivery`).urn]);
  });

  it("lets only VPC Flow Logs of this account assume the flow log role", () => {
    const trust = parseJsonInput(child(c, T.role, `${c.name}-flow-logs`), "assumeRolePolicy");
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" },
        },
      },
    ]);
  });

  it("scopes the flow log role's policy to its log group's ARN", () => {
    const logGroupArn = child(c, T.flowLog, `${c.name}-flow-log`).inputs.logDestination as string;
    const rolePolicy = child(c, T.rolePolicy, `${c.name}-flow-logs-delivery`);
    expect(rolePolicy.inputs.role).toBe(ids.idOf(child(c, T.role, `${c.name}-flow-logs`)));
    const policy = parseJsonInput(rolePolicy, "policy");
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteFlowLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ]);
  });

  it("tags every taggable resource with the component tags and the caller's, its own environment tag winning", () => {
    const taggable = children(c).filter((r) => !UNTAGGABLE.has(r.type));
    expect(taggable.length).toBeGreaterThan(15);
    for (const r of taggable) {
      // The caller passes environment: c.name; the component's own tag (the stack) wins.
      expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject({
        environment: "test",
        "managed-by": "pulumi",
        stack: "test",
        component: "network",
        team: "platform",
      });
    }
  });

  it("outputs the VPC, subnets, NAT gateways, route tables, zones, plan and flow log group", async () => {
    const network = networks.get(c.name)!;
    const idsOf = (type: string, names: string[]) => names.map((n) => ids.idOf(child(c, type, n)));
    const perZone = (tier: string) => c.zones.map((z) => `${c.name}-${tier}-${letter(z)}`);
    expect(await valueOf(network.vpcId)).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(await valueOf(network.vpcId)).toBe(ids.idOf(child(c, T.vpc, `${c.name}-vpc`)));
    expect(await valueOf(network.vpcCidr)).toBe(c.cidrBlock);
    expect(await valueOf(network.publicSubnetIds)).toEqual(idsOf(T.subnet, perZone("public")));
    expect(await valueOf(network.privateSubnetIds)).toEqual(idsOf(T.subnet, perZone("private")));
    expect(await valueOf(network.isolatedSubnetIds)).toEqual(idsOf(T.subnet, perZone("isolated")));
    for (const id of await valueOf(network.privateSubnetIds)) expect(id).toMatch(/^subnet-0[0-9a-f]{16}$/);

    const natZones = c.profile === "production" ? c.zones : c.zones.slice(0, 1);
    const natIds = idsOf(
      T.nat,
      natZones.map((z) => `${c.name}-nat-${letter(z)}`),
    );
    expect(await valueOf(network.natGatewayIds)).toEqual(natIds);
    for (const id of natIds) expect(id).toMatch(/^nat-0[0-9a-f]{16}$/);
    expect(await valueOf(network.natGatewayIdsByZone)).toEqual(
      Object.fromEntries(natZones.map((z, i) => [z, natIds[i]])),
    );

    expect(await valueOf(network.privateRouteTableIds)).toEqual(
      idsOf(
        T.routeTable,
        perZone("private").map((n) => `${n}-rt`),
      ),
    );
    expect(await valueOf(network.isolatedRouteTableIds)).toEqual(
      idsOf(
        T.routeTable,
        perZone("isolated").map((n) => `${n}-rt`),
      ),
    );
    expect(await valueOf(network.availabilityZones)).toEqual(c.zones);
    const plan = await valueOf(network.plan);
    expect(plan.vpcCidr).toBe(c.cidrBlock);
    expect(plan.availabilityZones).toEqual(c.zones);
    expect(plan.subnets.filter((s) => s.tier === "private").map((s) => s.prefixLength)).toEqual(
      c.zones.map(() => 19),
    );
    expect(await valueOf(network.flowLogGroupName)).toMatch(
      new RegExp(`^/vpc-flow-logs/${c.name}-[0-9a-f]{26}$`),
    );
  });
});

describe("fake ids", () => {
  it("look like AWS's", () => {
    const prod = CASES[1]!;
    const idOf = (type: string, name: string) => ids.idOf(child(prod, type, name));
    expect(idOf(T.igw, "prod-igw")).toMatch(/^igw-0[0-9a-f]{16}$/);
    expect(idOf(T.eip, "prod-nat-a-eip")).toMatch(/^eipalloc-0[0-9a-f]{16}$/);
    expect(idOf(T.routeTable, "prod-public-rt")).toMatch(/^rtb-0[0-9a-f]{16}$/);
    expect(idOf(T.endpoint, "prod-s3")).toMatch(/^vpce-0[0-9a-f]{16}$/);
    expect(idOf(T.flowLog, "prod-flow-log")).toMatch(/^fl-0[0-9a-f]{16}$/);
    expect(idOf(T.association, "prod-public-a-rta")).toMatch(/^rtbassoc-0[0-9a-f]{16}$/);
    expect(idOf(T.route, "prod-public-internet")).toMatch(/^r-rtb-0[0-9a-f]{16}\d+$/);
  });
});
