import type { NatStrategy } from "./args";

export interface NatPlan {
  /** The zones that get a NAT gateway (in the public subnet of that zone). */
  readonly natZones: readonly string[];
  /** For each zone, the zone whose NAT gateway its private subnet routes 0.0.0.0/0 through. */
  readonly routeVia: Readonly<Record<string, string>>;
}

/**
 * Where NAT gateways go and which one each zone uses. `single` puts the one gateway in the first
 * zone, so switching to `perAz` later keeps it and adds the others. Pure.
 */
export function planNatGateways(strategy: NatStrategy, zones: readonly string[]): NatPlan {
  const first = zones[0];
  if (strategy === "none" || first === undefined) return { natZones: [], routeVia: {} };
  if (strategy === "single") {
    return { natZones: [first], routeVia: Object.fromEntries(zones.map((z) => [z, first])) };
  }
  return { natZones: [...zones], routeVia: Object.fromEntries(zones.map((z) => [z, z])) };
}
