/**
 * The subnet CIDR planner: VPC CIDR + zones + tiers in, every subnet's CIDR out. Pure.
 *
 * ## Allocation scheme
 *
 * A subnet's range depends only on the VPC CIDR, its tier, its tier's prefix length and the index
 * of its zone in `availabilityZones`, never on which other tiers or zones exist:
 *
 * - The VPC is cut into eight equal blocks ("eighths").
 * - Each tier owns fixed eighths, used or not: `private` eighths 0-5 (three quarters of the VPC,
 *   for nodes and pods), `public` eighth 6, `isolated` eighth 7.
 * - Within its tier's span, the zone at index `i` gets the `i`-th block of the tier's prefix length,
 *   counted from the span's start.
 *
 * Adding a tier or appending a zone therefore only adds subnets; no existing subnet moves (a moved
 * CIDR replaces the subnet and everything in it). Reordering zones, or changing the VPC CIDR or a
 * tier's prefix length, moves subnets: those are layout changes.
 *
 * Default prefix lengths follow the VPC's size: private VPC+3 (one eighth per zone, room for six
 * zones), public and isolated VPC+6 (room for eight zones), never longer than /28. For a /16 that is
 * private /19, public /22, isolated /22.
 *
 * An explicit subnet (`explicitSubnets`) takes the place of the planned subnet of its tier and zone,
 * e.g. to adopt an existing network; it must lie inside the VPC and overlap no other subnet.
 */
import { show, type ValidationIssue } from "../core";
import { blockSize, contains, formatCidr, formatSpan, overlaps, parseCidr, type Ipv4Range } from "./ipv4";

export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
/** `public`: load balancers and NAT gateways; `private`: nodes and pods; `isolated`: databases, no Internet route. */
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** The prefix lengths AWS accepts for a VPC and for a subnet. */
export const MIN_PREFIX_LENGTH = 16;
export const MAX_PREFIX_LENGTH = 28;

/** Where each tier's subnets live, in eighths of the VPC, and its default prefix relative to the VPC's. */
export const TIER_LAYOUT: Readonly<
  Record<
    SubnetTier,
    { readonly firstEighth: number; readonly eighths: number; readonly prefixOffset: number }
  >
> = {
  private: { firstEighth: 0, eighths: 6, prefixOffset: 3 },
  public: { firstEighth: 6, eighths: 1, prefixOffset: 6 },
  isolated: { firstEighth: 7, eighths: 1, prefixOffset: 6 },
};

/** A subnet whose CIDR is given rather than planned. */
export interface ExplicitSubnet {
  readonly tier: SubnetTier;
  /** One of the zones in `availabilityZones`. */
  readonly availabilityZone: string;
  /** The subnet's IPv4 CIDR block, inside the VPC's. */
  readonly cidrBlock: string;
}

/** What the planner needs; the field names are the Network args' so issues name the arg path. */
export interface CidrPlanRequest {
  readonly cidrBlock: string;
  readonly availabilityZones: readonly string[];
  /** @default all of SUBNET_TIERS */
  readonly subnetTiers?: readonly SubnetTier[];
  readonly subnetPrefixLengths?: Readonly<Partial<Record<SubnetTier, number>>>;
  readonly explicitSubnets?: readonly ExplicitSubnet[];
}

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  /** The zone's index in `availabilityZones`: its slot within the tier's span. */
  readonly zoneIndex: number;
  readonly cidrBlock: string;
  readonly prefixLength: number;
  /** Addresses left for hosts: AWS reserves five in every subnet. */
  readonly usableAddresses: number;
  /** Given in `explicitSubnets` rather than planned. */
  readonly explicit: boolean;
}

export interface CidrPlan {
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  /** Every subnet, by tier (public, private, isolated) then by zone order. */
  readonly subnets: readonly PlannedSubnet[];
}

export type CidrPlanResult =
  | { readonly ok: true; readonly plan: CidrPlan }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const AWS_RESERVED_ADDRESSES_PER_SUBNET = 5;

/** The prefix length a tier's subnets get in a VPC of `vpcPrefixLength` unless overridden. */
export function defaultPrefixLength(tier: SubnetTier, vpcPrefixLength: number): number {
  return Math.min(vpcPrefixLength + TIER_LAYOUT[tier].prefixOffset, MAX_PREFIX_LENGTH);
}

/** The addresses a tier owns in the VPC, as `[start, end)`. */
export function tierSpan(tier: SubnetTier, vpc: Ipv4Range): { start: number; end: number } {
  const eighth = blockSize(vpc.prefixLength) / 8;
  const layout = TIER_LAYOUT[tier];
  const start = vpc.base + layout.firstEighth * eighth;
  return { start, end: start + layout.eighths * eighth };
}

/** How many subnets of `prefixLength` the tier's span holds: the most zones the tier can serve. */
export function tierCapacity(tier: SubnetTier, vpc: Ipv4Range, prefixLength: number): number {
  const span = tierSpan(tier, vpc);
  return Math.floor((span.end - span.start) / blockSize(prefixLength));
}

function isSubnetTier(value: unknown): value is SubnetTier {
  return (SUBNET_TIERS as readonly unknown[]).includes(value);
}

function isPrefixInRange(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_PREFIX_LENGTH && value <= MAX_PREFIX_LENGTH;
}

const PREFIX_RANGE = `/${MIN_PREFIX_LENGTH} to /${MAX_PREFIX_LENGTH}`;

interface Placed {
  readonly subnet: PlannedSubnet;
  readonly range: Ipv4Range;
  /** The arg path of an explicit subnet; undefined for planned ones. */
  readonly path?: string;
}

class Planner {
  private readonly issues: ValidationIssue[] = [];
  private readonly tiers: SubnetTier[] = [];
  private readonly zones: string[] = [];
  private vpc: Ipv4Range | undefined;

  constructor(private readonly request: CidrPlanRequest) {}

  run(): CidrPlanResult {
    this.checkVpc();
    this.checkZones();
    this.checkTiers();
    const prefixes = this.checkPrefixLengths();
    const explicit = this.checkExplicitSubnets();
    if (this.vpc && prefixes) {
      const placed = [...explicit.values(), ...this.placePlanned(this.vpc, prefixes, explicit)];
      this.checkOverlaps(placed);
      if (this.issues.length === 0) return { ok: true, plan: this.plan(this.vpc, placed) };
    }
    return { ok: false, issues: this.issues };
  }

  private add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  private checkVpc(): void {
    const { cidrBlock } = this.request;
    if (typeof cidrBlock !== "string") {
      this.add("cidrBlock", `expected an IPv4 CIDR block like "10.0.0.0/16", received ${show(cidrBlock)}`);
      return;
    }
    const parsed = parseCidr(cidrBlock);
    if (!parsed.ok) {
      this.add("cidrBlock", `${show(cidrBlock)} ${parsed.reason}`);
      return;
    }
    const { prefixLength } = parsed.range;
    if (prefixLength < MIN_PREFIX_LENGTH || prefixLength > MAX_PREFIX_LENGTH) {
      this.add(
        "cidrBlock",
        `${show(cidrBlock)} has the prefix /${prefixLength}; a VPC's prefix must be ${PREFIX_RANGE} (e.g. "10.0.0.0/16")`,
      );
      return;
    }
    this.vpc = parsed.range;
  }

  private checkZones(): void {
    const zones: unknown = this.request.availabilityZones;
    if (!Array.isArray(zones) || zones.length === 0) {
      this.add(
        "availabilityZones",
        `expected at least one zone name (e.g. ["eu-west-1a", "eu-west-1b"]), received ${show(zones)}; select them with selectAvailabilityZones`,
      );
      return;
    }
    const seen = new Map<string, number>();
    zones.forEach((zone: unknown, i) => {
      if (typeof zone !== "string" || zone.trim() === "") {
        this.add(`availabilityZones[${i}]`, `expected a zone name like "eu-west-1a", received ${show(zone)}`);
        return;
      }
      const first = seen.get(zone);
      if (first !== undefined) {
        this.add(
          `availabilityZones[${i}]`,
          `${show(zone)} is listed twice (also at index ${first}); list each zone once`,
        );
        return;
      }
      seen.set(zone, i);
      this.zones.push(zone);
    });
  }

  private checkTiers(): void {
    const tiers: unknown = this.request.subnetTiers ?? SUBNET_TIERS;
    if (!Array.isArray(tiers) || tiers.length === 0) {
      this.add(
        "subnetTiers",
        `expected one or more of ${SUBNET_TIERS.map((t) => show(t)).join(", ")}, received ${show(tiers)}`,
      );
      return;
    }
    tiers.forEach((tier: unknown, i) => {
      if (!isSubnetTier(tier)) {
        this.add(
          `subnetTiers[${i}]`,
          `${show(tier)} is not a subnet tier; use ${SUBNET_TIERS.map((t) => show(t)).join(", ")}`,
        );
      } else if (this.tiers.includes(tier)) {
        this.add(`subnetTiers[${i}]`, `${show(tier)} is listed twice; list each tier once`);
      } else {
        this.tiers.push(tier);
      }
    });
  }

  /** The prefix length of each tier, or undefined when the VPC is unusable or an override is invalid. */
  private checkPrefixLengths(): Record<SubnetTier, number> | undefined {
    const overrides: Readonly<Record<string, unknown>> = this.request.subnetPrefixLengths ?? {};
    let valid = true;
    for (const [tier, value] of Object.entries(overrides)) {
      const path = `subnetPrefixLengths.${tier}`;
      if (!isSubnetTier(tier)) {
        this.add(path, `${show(tier)} is not a subnet tier; use ${SUBNET_TIERS.join(", ")}`);
        valid = false;
      } else if (typeof value !== "number" || !isPrefixInRange(value)) {
        this.add(
          path,
          `received ${show(value)}; a subnet's prefix length is a whole number from ${MIN_PREFIX_LENGTH} to ${MAX_PREFIX_LENGTH}`,
        );
        valid = false;
      } else if (this.vpc && value < this.vpc.prefixLength) {
        this.add(
          path,
          `a /${value} subnet is larger than the VPC ${formatCidr(this.vpc)}; use /${this.vpc.prefixLength + TIER_LAYOUT[tier].prefixOffset} or longer`,
        );
        valid = false;
      }
    }
    const vpc = this.vpc;
    if (!vpc || !valid) return undefined;
    const prefixOf = (tier: SubnetTier): number => {
      const override = overrides[tier];
      return typeof override === "number" ? override : defaultPrefixLength(tier, vpc.prefixLength);
    };
    return { public: prefixOf("public"), private: prefixOf("private"), isolated: prefixOf("isolated") };
  }

  /** Valid explicit subnets, keyed by `tier/zone`; every problem with the others is recorded. */
  private checkExplicitSubnets(): Map<string, Placed> {
    const valid = new Map<string, Placed>();
    const given: unknown = this.request.explicitSubnets ?? [];
    if (!Array.isArray(given)) {
      this.add(
        "explicitSubnets",
        `expected a list of { tier, availabilityZone, cidrBlock }, received ${show(given)}`,
      );
      return valid;
    }
    const taken = new Map<string, number>();
    given.forEach((entry: Partial<ExplicitSubnet> | undefined, i) => {
      const path = `explicitSubnets[${i}]`;
      const tier = entry?.tier;
      const zone = entry?.availabilityZone;
      const cidrBlock = entry?.cidrBlock;
      let ok = true;
      if (!isSubnetTier(tier)) {
        this.add(`${path}.tier`, `${show(tier)} is not a subnet tier; use ${SUBNET_TIERS.join(", ")}`);
        ok = false;
      } else if (!this.tiers.includes(tier)) {
        this.add(
          `${path}.tier`,
          `the ${tier} tier is not in subnetTiers (${this.tiers.join(", ")}); add it there or drop this subnet`,
        );
        ok = false;
      }
      const zoneIndex = typeof zone === "string" ? this.zones.indexOf(zone) : -1;
      if (zoneIndex < 0) {
        this.add(
          `${path}.availabilityZone`,
          `${show(zone)} is not one of availabilityZones (${this.zones.join(", ") || "none"})`,
        );
        ok = false;
      }
      const range = this.checkExplicitCidr(`${path}.cidrBlock`, cidrBlock);
      if (!ok || !range || !isSubnetTier(tier) || typeof zone !== "string") return;
      const key = `${tier}/${zone}`;
      const first = taken.get(key);
      if (first !== undefined) {
        this.add(
          path,
          `a ${tier} subnet for ${zone} is already given at explicitSubnets[${first}]; give one per tier and zone`,
        );
        return;
      }
      taken.set(key, i);
      valid.set(key, {
        subnet: subnetRecord(tier, zone, zoneIndex, range, true),
        range,
        path: `${path}.cidrBlock`,
      });
    });
    return valid;
  }

  private checkExplicitCidr(path: string, cidrBlock: unknown): Ipv4Range | undefined {
    if (typeof cidrBlock !== "string") {
      this.add(path, `expected an IPv4 CIDR block like "10.0.0.0/20", received ${show(cidrBlock)}`);
      return undefined;
    }
    const parsed = parseCidr(cidrBlock);
    if (!parsed.ok) {
      this.add(path, `${show(cidrBlock)} ${parsed.reason}`);
      return undefined;
    }
    const { prefixLength } = parsed.range;
    if (!isPrefixInRange(prefixLength)) {
      this.add(
        path,
        `${show(cidrBlock)} has the prefix /${prefixLength}; a subnet's prefix must be ${PREFIX_RANGE}`,
      );
      return undefined;
    }
    if (this.vpc && !contains(this.vpc, parsed.range)) {
      this.add(
        path,
        `${show(cidrBlock)} lies outside the VPC ${formatCidr(this.vpc)}; pick a block inside it`,
      );
      return undefined;
    }
    return this.vpc ? parsed.range : undefined;
  }

  private placePlanned(
    vpc: Ipv4Range,
    prefixes: Record<SubnetTier, number>,
    explicit: ReadonlyMap<string, Placed>,
  ): Placed[] {
    const placed: Placed[] = [];
    for (const tier of this.tiers) {
      const prefixLength = prefixes[tier];
      const size = blockSize(prefixLength);
      const span = tierSpan(tier, vpc);
      const capacity = tierCapacity(tier, vpc, prefixLength);
      const homeless: string[] = [];
      this.zones.forEach((zone, zoneIndex) => {
        if (explicit.has(`${tier}/${zone}`)) return;
        if (zoneIndex >= capacity) {
          homeless.push(zone);
          return;
        }
        const range = { base: span.start + zoneIndex * size, prefixLength };
        placed.push({ subnet: subnetRecord(tier, zone, zoneIndex, range, false), range });
      });
      if (homeless.length > 0) {
        const overridden = this.request.subnetPrefixLengths?.[tier] !== undefined;
        this.add(
          overridden ? `subnetPrefixLengths.${tier}` : "availabilityZones",
          `not enough address space: the ${tier} span of ${formatCidr(vpc)} (${formatSpan(span.start, span.end)}) holds ${capacity} /${prefixLength} subnet(s), one per zone, so ${homeless.join(", ")} ${homeless.length === 1 ? "gets" : "get"} none; ` +
            `use fewer zones, a longer prefix in subnetPrefixLengths.${tier}, or a larger VPC`,
        );
      }
    }
    return placed;
  }

  private checkOverlaps(placed: readonly Placed[]): void {
    placed.forEach((a, i) => {
      for (const b of placed.slice(0, i)) {
        if (!overlaps(a.range, b.range)) continue;
        // Planned subnets never overlap one another, so at least one of the two is explicit.
        const [mine, other] = a.path ? [a, b] : [b, a];
        this.add(
          mine.path ?? "explicitSubnets",
          `${mine.subnet.cidrBlock} (${mine.subnet.tier}, ${mine.subnet.availabilityZone}) overlaps the ${other.subnet.explicit ? "explicit" : "planned"} ${other.subnet.tier} subnet ${other.subnet.cidrBlock} of ${other.subnet.availabilityZone}; ` +
            "pick a block that overlaps no other subnet, or give the other subnet explicitly too",
        );
      }
    });
  }

  private plan(vpc: Ipv4Range, placed: readonly Placed[]): CidrPlan {
    const tierOrder = (s: PlannedSubnet) => SUBNET_TIERS.indexOf(s.tier);
    return {
      vpcCidr: formatCidr(vpc),
      availabilityZones: [...this.zones],
      subnets: placed
        .map((p) => p.subnet)
        .sort((a, b) => tierOrder(a) - tierOrder(b) || a.zoneIndex - b.zoneIndex),
    };
  }
}

function subnetRecord(
  tier: SubnetTier,
  availabilityZone: string,
  zoneIndex: number,
  range: Ipv4Range,
  explicit: boolean,
): PlannedSubnet {
  return {
    tier,
    availabilityZone,
    zoneIndex,
    cidrBlock: formatCidr(range),
    prefixLength: range.prefixLength,
    usableAddresses: blockSize(range.prefixLength) - AWS_RESERVED_ADDRESSES_PER_SUBNET,
    explicit,
  };
}

/** Plans every subnet of the request, or reports every problem with it (each named by its arg path). */
export function planSubnets(request: CidrPlanRequest): CidrPlanResult {
  return new Planner(request).run();
}
