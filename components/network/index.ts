export { Network } from "./network";
export { FLOW_LOG_TRAFFIC_TYPES, NAT_STRATEGIES, NETWORK_ARGS } from "./args";
export type { FlowLogTrafficType, NatStrategy, NetworkArgs, ResolvedNetworkArgs } from "./args";
export { validateNetworkArgs } from "./validate";
export {
  defaultPrefixLength,
  MAX_PREFIX_LENGTH,
  MIN_PREFIX_LENGTH,
  planSubnets,
  SUBNET_TIERS,
  TIER_LAYOUT,
  tierCapacity,
  tierSpan,
} from "./cidr-plan";
export type {
  CidrPlan,
  CidrPlanRequest,
  CidrPlanResult,
  ExplicitSubnet,
  PlannedSubnet,
  SubnetTier,
} from "./cidr-plan";
export { MIN_ZONES_FOR_CLUSTER, selectAvailabilityZones, zoneKey } from "./zones";
export type { ZoneSelection, ZoneSelectionRequest } from "./zones";
export { planNatGateways } from "./nat-plan";
export type { NatPlan } from "./nat-plan";
export { subnetTags } from "./subnet-tags";
export { flowLogDeliveryPolicy, flowLogTrustPolicy } from "./flow-log-policies";
export type { FlowLogOwner } from "./flow-log-policies";
