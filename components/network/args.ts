import { z } from "zod";
import {
  byProfile,
  defineArgs,
  eachItem,
  kmsKeyArn,
  logRetentionDays,
  matching,
  PLATFORM_LOG_RETENTION_DAYS,
  profileField,
  show,
  tagsField,
  uniqueBy,
  type ArgsOf,
  type ResolvedArgsOf,
} from "../core";
import { planSubnets, SUBNET_TIERS } from "./cidr-plan";
import { MIN_ZONES_FOR_CLUSTER, zoneKey } from "./zones";

export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
/** `none`: private subnets have no Internet egress; `single`: one NAT gateway shared by every zone; `perAz`: one per zone. */
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

export const FLOW_LOG_TRAFFIC_TYPES = ["ALL", "ACCEPT", "REJECT"] as const;
export type FlowLogTrafficType = (typeof FLOW_LOG_TRAFFIC_TYPES)[number];

const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const ENDPOINT_SERVICE = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

const subnetTier = z.enum(SUBNET_TIERS).meta({ typeName: "SubnetTier" });
const prefixLength = z.number().int();

const endpointService = matching(
  ENDPOINT_SERVICE,
  (v) => `${show(v)} is not a service short name like "ecr.api", "sts" or "logs"`,
)
  .refine((v) => !v.startsWith("com.amazonaws."), {
    error: (i) =>
      `${show(i.input)} is a full service name; give the short name after the region, e.g. "ecr.api"`,
  })
  .refine((v) => v !== "s3", {
    error: () => `"s3" is already reached through the network's S3 gateway endpoint; remove it here`,
  });

/** The Network's public outputs. */
const NETWORK_OUTPUTS = z.object({
  vpcId: z.string(),
  vpcCidr: z.string(),
  publicSubnetIds: z
    .array(z.string())
    .describe("In `availabilityZones` order; empty when the tier is not created."),
  privateSubnetIds: z.array(z.string()),
  isolatedSubnetIds: z.array(z.string()),
  natGatewayIds: z.array(z.string()),
  natGatewayIdsByZone: z.record(z.string(), z.string()).describe("NAT gateway id by the zone it stands in."),
  privateRouteTableIds: z
    .array(z.string())
    .describe("One per zone, in zone order: where peering or transit gateway routes go."),
  isolatedRouteTableIds: z.array(z.string()),
  availabilityZones: z.array(z.string()),
  plan: z.unknown().describe("Every subnet's tier, zone and CIDR block, as planned."),
  flowLogGroupName: z
    .string()
    .optional()
    .describe("The flow logs' CloudWatch log group; absent when flow logs are disabled."),
});

/** The one definition of the Network component's arguments. */
export const NETWORK_ARGS = defineArgs({
  component: "Network",
  description:
    "A production VPC: public, private and isolated subnets in every zone from a stable CIDR plan, NAT gateways, flow logs, an S3 gateway endpoint, optional interface endpoints, the default security group emptied.",
  schema: (profile) =>
    z.strictObject({
      cidrBlock: z
        .string()
        .describe(
          'The VPC\'s IPv4 CIDR block, /16 to /28, e.g. "10.10.0.0/16"; must not overlap networks it will be peered with.',
        ),
      availabilityZones: z
        .array(z.string())
        .describe(
          "Zone names, in a stable order (append to add a zone: a zone's index fixes its subnets' ranges).",
        ),
      profile: profileField,
      clusterName: matching(
        EKS_CLUSTER_NAME,
        (v) =>
          `${show(v)} is not an EKS cluster name: 1-100 letters, digits, hyphens and underscores, starting with a letter or digit`,
      )
        .optional()
        .describe(
          "Name of the EKS cluster that will use the network: tags its public and private subnets for discovery and requires two or more zones.",
        ),
      subnetTiers: z
        .array(subnetTier)
        .default([...SUBNET_TIERS])
        .describe("Which subnet tiers to create in every zone."),
      subnetPrefixLengths: z
        .strictObject({
          public: prefixLength.optional().describe("Prefix length of the public subnets."),
          private: prefixLength.optional().describe("Prefix length of the private subnets."),
          isolated: prefixLength.optional().describe("Prefix length of the isolated subnets."),
        })
        .meta({ typeName: "SubnetPrefixLengths" })
        .optional()
        .describe(
          "Prefix length (/16 to /28) of each tier's subnets. Default by VPC size: private VPC+3, public and isolated VPC+6, at most 28 (for a /16: 19, 22, 22).",
        ),
      explicitSubnets: z
        .array(
          z
            .strictObject({
              tier: subnetTier.describe("The subnet's tier."),
              availabilityZone: z.string().describe("One of the zones in `availabilityZones`."),
              cidrBlock: z.string().describe("The subnet's IPv4 CIDR block, inside the VPC's."),
            })
            .meta({ typeName: "ExplicitSubnet" }),
        )
        .default([])
        .describe("Subnets whose CIDR block is given instead of planned, one per tier and zone at most."),
      natGateways: z
        .enum(NAT_STRATEGIES)
        .meta({ typeName: "NatStrategy" })
        .default(byProfile(profile, { development: "single", production: "perAz" }))
        .describe(
          "NAT gateways for the private subnets' Internet egress: none, one shared (a zone outage cuts the others' egress), or one per zone.",
        ),
      disableFlowLogs: z
        .boolean()
        .default(false)
        .describe("Turns off VPC flow logs, losing the record of accepted and rejected traffic."),
      flowLogRetentionDays: logRetentionDays()
        .default(PLATFORM_LOG_RETENTION_DAYS[profile])
        .describe(
          "Days CloudWatch keeps flow logs: one of the CloudWatch retention values (1, 3, 5, 7, 14, 30, 60, 90, ...).",
        ),
      logsKmsKeyArn: kmsKeyArn()
        .optional()
        .describe(
          "ARN of the customer KMS key encrypting the flow-log group (a key ARN, not an alias; its policy must let CloudWatch Logs of the region use it, as `LogsKey`'s does). Default: CloudWatch Logs' own encryption.",
        ),
      flowLogTrafficType: z
        .enum(FLOW_LOG_TRAFFIC_TYPES)
        .meta({ typeName: "FlowLogTrafficType" })
        .default("ALL")
        .describe("Which traffic the flow log records."),
      flowLogAggregationIntervalSeconds: z
        .union([z.literal(60), z.literal(600)], {
          error: (i) => `${show(i.input)} is not an interval flow logs offer; use 60 or 600 (seconds)`,
        })
        .default(600)
        .describe(
          "Longest time a flow is aggregated into one record, in seconds: 60 or 600 (AWS's default, fewer records).",
        ),
      interfaceEndpoints: uniqueBy(
        z.array(endpointService),
        (service) => service,
        (service) => `${show(service)} is listed twice; list each service once`,
      )
        .default([])
        .describe(
          'AWS services to reach through interface endpoints in the private subnets, by short name ("ecr.api", "ecr.dkr", "sts", "logs").',
        ),
      tags: tagsField(),
    }),
  outputs: NETWORK_OUTPUTS,
}).withRules([
  {
    check: (args) => {
      const planned = planSubnets(args);
      return planned.ok ? [] : planned.issues;
    },
  },
  // Resources are named by zone key, so two zones with the same letter (different regions) would collide.
  eachItem("availabilityZones", (a) => a.availabilityZones, [
    {
      path: "",
      when: ({ item, index, args }) => {
        const first = args.availabilityZones.findIndex((z) => zoneKey(z) === zoneKey(item));
        return first < index && args.availabilityZones[first] !== item;
      },
      message: ({ item, args }) =>
        `${show(item)} and ${show(args.availabilityZones.find((z) => zoneKey(z) === zoneKey(item)))} are zones of different regions; use the zones of the one region the network is in`,
    },
  ]),
  {
    path: "availabilityZones",
    when: (a) =>
      a.clusterName !== undefined &&
      a.availabilityZones.length > 0 &&
      a.availabilityZones.length < MIN_ZONES_FOR_CLUSTER,
    message: (a) =>
      `${a.availabilityZones.length} zone${a.availabilityZones.length === 1 ? "" : "s"} given but the cluster ${show(a.clusterName)} will use this network and EKS needs subnets in at least ${MIN_ZONES_FOR_CLUSTER} zones; add a zone`,
  },
  {
    path: "natGateways",
    when: (a) => a.natGateways !== "none" && !a.subnetTiers.includes("public"),
    message: (a) =>
      `${show(a.natGateways)} needs the public tier (NAT gateways live in public subnets); add "public" to subnetTiers or set natGateways to "none"`,
  },
  {
    path: "natGateways",
    when: (a) => a.natGateways !== "none" && !a.subnetTiers.includes("private"),
    message: (a) =>
      `${show(a.natGateways)} serves only the private tier, which subnetTiers leaves out; add "private" or set natGateways to "none"`,
  },
  {
    path: "interfaceEndpoints",
    when: (a) => a.interfaceEndpoints.length > 0 && !a.subnetTiers.includes("private"),
    message: () =>
      `interface endpoints live in the private subnets, which subnetTiers leaves out; add "private" or drop interfaceEndpoints`,
  },
]);

/** Network arguments as a caller writes them. */
export type NetworkArgs = ArgsOf<typeof NETWORK_ARGS>;
/** Network arguments with every default filled in. */
export type ResolvedNetworkArgs = ResolvedArgsOf<typeof NETWORK_ARGS>;
