import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type { ExplicitSubnet, SubnetTier } from "./cidr-plan";

export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
/** `none`: private subnets have no Internet egress; `single`: one NAT gateway shared by every zone; `perAz`: one per zone. */
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

export const FLOW_LOG_TRAFFIC_TYPES = ["ALL", "ACCEPT", "REJECT"] as const;
export type FlowLogTrafficType = (typeof FLOW_LOG_TRAFFIC_TYPES)[number];

export interface NetworkArgs {
  /** The VPC's IPv4 CIDR block, /16 to /28, e.g. "10.10.0.0/16"; must not overlap networks it will be peered with. Required. */
  cidrBlock: string;
  /** Zone names, in a stable order (append to add a zone: a zone's index fixes its subnets' ranges); resolve them with `selectAvailabilityZones`. Required. */
  availabilityZones: string[];
  /** Selects the defaults in `NETWORK_DEFAULTS`. @default "production" */
  profile?: Profile;
  /** Name of the EKS cluster that will use the network: tags its public and private subnets for discovery and requires two or more zones. @default none */
  clusterName?: string;
  /** Which subnet tiers to create in every zone. @default ["public", "private", "isolated"] */
  subnetTiers?: SubnetTier[];
  /** Prefix length (/16 to /28) of each tier's subnets. @default by VPC size: private VPC+3, public and isolated VPC+6, at most 28 (for a /16: 19, 22, 22) */
  subnetPrefixLengths?: Partial<Record<SubnetTier, number>>;
  /** Subnets whose CIDR block is given instead of planned, one per tier and zone at most. @default [] */
  explicitSubnets?: ExplicitSubnet[];
  /** NAT gateways for the private subnets' Internet egress: none, single or perAz. @default profile: development "single", production "perAz" */
  natGateways?: NatStrategy;
  /** Turns off VPC flow logs, losing the record of accepted and rejected traffic. @default false */
  disableFlowLogs?: boolean;
  /** Days CloudWatch keeps flow logs: one of the CloudWatch retention values (1, 3, 5, 7, 14, 30, 60, 90, ...). @default profile: development 7, production 90 (days) */
  flowLogRetentionDays?: number;
  /** ARN of the customer KMS key encrypting the flow-log group (a key ARN, not an alias; its policy must let CloudWatch Logs of the region use it, as `LogsKey`'s does). @default none: CloudWatch Logs' own encryption */
  logsKmsKeyArn?: pulumi.Input<string>;
  /** Which traffic the flow log records: ALL, ACCEPT or REJECT. @default "ALL" */
  flowLogTrafficType?: FlowLogTrafficType;
  /** AWS services to reach through interface endpoints in the private subnets, by short name ("ecr.api", "ecr.dkr", "sts", "logs"). @default [] */
  interfaceEndpoints?: string[];
  /** Extra tags on every taggable resource. @default {} */
  tags?: Record<string, string>;
}
