import type { ProfileDefaults } from "../core";
import type { NatStrategy } from "./args";

export interface NetworkDefaults {
  readonly natGateways: NatStrategy;
  /** Days CloudWatch keeps the VPC flow logs. */
  readonly flowLogRetentionDays: number;
}

/**
 * Per-profile defaults of the Network component. Development shares one NAT gateway (a zone outage
 * cuts the other zones' egress, which is acceptable there) and keeps flow logs a week; production
 * gives each zone its own NAT and keeps flow logs for 90 days of incident look-back.
 */
export const NETWORK_DEFAULTS: ProfileDefaults<NetworkDefaults> = {
  development: { natGateways: "single", flowLogRetentionDays: 7 },
  production: { natGateways: "perAz", flowLogRetentionDays: 90 },
};
