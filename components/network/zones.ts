import { show, type ValidationIssue } from "../core";

/** EKS places its control-plane network interfaces in at least two zones. */
export const MIN_ZONES_FOR_CLUSTER = 2;

export interface ZoneSelectionRequest {
  /** The region's zone names, in the order `aws.getAvailabilityZones({ state: "available" })` lists them. */
  readonly regionZones: readonly string[];
  /** How many zones the network spreads over. */
  readonly count: number;
  /** Whether an EKS cluster will use the network (it needs at least two zones). @default false */
  readonly forCluster?: boolean;
}

export interface ZoneSelection {
  /** The first `count` zones of the region, or none when there are issues. */
  readonly zones: readonly string[];
  /** Problems, at the path `availabilityZoneCount` (prefix it with the caller's own path). */
  readonly issues: readonly ValidationIssue[];
}

const PATH = "availabilityZoneCount";

/**
 * Picks the zones a network uses: the first `count` of the region's, in the region's order, so raising
 * `count` later appends zones and keeps every existing subnet where it is (see cidr-plan.ts).
 */
export function selectAvailabilityZones(request: ZoneSelectionRequest): ZoneSelection {
  const { regionZones, count, forCluster = false } = request;
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(count) || count < 1) {
    issues.push({
      path: PATH,
      message: `received ${show(count)}; expected a whole number of zones, 1 or more`,
    });
  } else {
    if (count > regionZones.length) {
      issues.push({
        path: PATH,
        message: `${count} zone${count === 1 ? "" : "s"} requested but the region has only ${regionZones.length} available (${regionZones.join(", ") || "none"}); lower ${PATH} to ${regionZones.length} or less`,
      });
    }
    if (forCluster && count < MIN_ZONES_FOR_CLUSTER) {
      issues.push({
        path: PATH,
        message: `${count} zone requested but an EKS cluster will use this network and needs subnets in at least ${MIN_ZONES_FOR_CLUSTER} zones; set ${PATH} to ${MIN_ZONES_FOR_CLUSTER} or more`,
      });
    }
  }
  return { zones: issues.length ? [] : regionZones.slice(0, count), issues };
}

const STANDARD_ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d+([a-z])$/;

/**
 * The short, stable key a zone's resources are named by: the letter of a standard zone
 * (`eu-west-1a` gives `a`), the full name of a Local or Wavelength Zone.
 */
export function zoneKey(zone: string): string {
  return STANDARD_ZONE.exec(zone)?.[1] ?? zone;
}
