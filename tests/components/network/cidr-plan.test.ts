import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultPrefixLength,
  planSubnets,
  SUBNET_TIERS,
  tierCapacity,
  type CidrPlan,
  type CidrPlanRequest,
  type CidrPlanResult,
  type SubnetTier,
} from "../../../components/network/cidr-plan";
import { blockSize, contains, formatCidr, overlaps, parseCidr } from "../../../components/network/ipv4";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

function planned(request: CidrPlanRequest): CidrPlan {
  const result = planSubnets(request);
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.plan;
}

function issuesOf(request: CidrPlanRequest) {
  const result = planSubnets(request);
  if (result.ok) throw new Error(`expected issues, got a plan: ${JSON.stringify(result.plan)}`);
  return result.issues;
}

/** The one issue at `path`; fails when there is none or several. */
function issueAt(request: CidrPlanRequest, path: string): string {
  const issues = issuesOf(request);
  const found = issues.filter((i) => i.path === path);
  if (found.length !== 1) throw new Error(`expected one issue at ${path}, got ${JSON.stringify(issues)}`);
  return found[0]!.message;
}

function cidrs(plan: CidrPlan, tier: SubnetTier): string[] {
  return plan.subnets.filter((s) => s.tier === tier).map((s) => s.cidrBlock);
}

function range(cidr: string) {
  const parsed = parseCidr(cidr);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.range;
}

describe("planSubnets: the layout", () => {
  it("gives a /16 private /19, public /22 and isolated /22 subnets in fixed spans", () => {
    const plan = planned({ cidrBlock: "10.0.0.0/16", availabilityZones: ZONES });
    expect(plan.vpcCidr).toBe("10.0.0.0/16");
    expect(plan.availabilityZones).toEqual(ZONES);
    expect(cidrs(plan, "private")).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    expect(cidrs(plan, "public")).toEqual(["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]);
    expect(cidrs(plan, "isolated")).toEqual(["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"]);
    expect(plan.subnets.map((s) => s.tier)).toEqual([
      ...Array(3).fill("public"),
      ...Array(3).fill("private"),
      ...Array(3).fill("isolated"),
    ]);
  });

  it("records zone, index, prefix, usable addresses and origin of each subnet", () => {
    const plan = planned({ cidrBlock: "10.0.0.0/16", availabilityZones: ZONES });
    expect(plan.subnets.find((s) => s.tier === "private" && s.availabilityZone === "eu-west-1b")).toEqual({
      tier: "private",
      availabilityZone: "eu-west-1b",
      zoneIndex: 1,
      cidrBlock: "10.0.32.0/19",
      prefixLength: 19,
      usableAddresses: 8192 - 5,
      explicit: false,
    });
  });

  it("scales default prefixes with the VPC and never goes past /28", () => {
    expect(SUBNET_TIERS.map((t) => defaultPrefixLength(t, 16))).toEqual([22, 19, 22]);
    expect(SUBNET_TIERS.map((t) => defaultPrefixLength(t, 20))).toEqual([26, 23, 26]);
    expect(SUBNET_TIERS.map((t) => defaultPrefixLength(t, 24))).toEqual([28, 27, 28]);
    expect(
      cidrs(planned({ cidrBlock: "172.16.8.0/24", availabilityZones: ZONES.slice(0, 2) }), "public"),
    ).toEqual(["172.16.8.192/28", "172.16.8.208/28"]);
  });

  it("holds six private and eight public or isolated zones at the default sizes", () => {
    const vpc = range("10.0.0.0/16");
    expect(tierCapacity("private", vpc, 19)).toBe(6);
    expect(tierCapacity("public", vpc, 22)).toBe(8);
    expect(tierCapacity("isolated", vpc, 22)).toBe(8);
    expect(tierCapacity("private", vpc, 18)).toBe(3);
    const six = ["a", "b", "c", "d", "e", "f"].map((l) => `us-east-1${l}`);
    expect(cidrs(planned({ cidrBlock: "10.0.0.0/16", availabilityZones: six }), "private").at(-1)).toBe(
      "10.0.160.0/19",
    );
  });

  it("honours per-tier prefix overrides", () => {
    const plan = planned({
      cidrBlock: "10.0.0.0/16",
      availabilityZones: ZONES,
      subnetPrefixLengths: { private: 18, isolated: 24 },
    });
    expect(cidrs(plan, "private")).toEqual(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]);
    expect(cidrs(plan, "isolated")).toEqual(["10.0.224.0/24", "10.0.225.0/24", "10.0.226.0/24"]);
    expect(cidrs(plan, "public")).toEqual(["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]);
  });

  it("plans only the tiers asked for, whatever their order", () => {
    const a = planned({
      cidrBlock: "10.0.0.0/16",
      availabilityZones: ZONES,
      subnetTiers: ["isolated", "private"],
    });
    const b = planned({
      cidrBlock: "10.0.0.0/16",
      availabilityZones: ZONES,
      subnetTiers: ["private", "isolated"],
    });
    expect(a).toEqual(b);
    expect(cidrs(a, "public")).toEqual([]);
    expect(cidrs(a, "isolated")).toEqual(["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"]);
  });

  it("puts an explicit subnet in place of the planned one and keeps the rest", () => {
    const plan = planned({
      cidrBlock: "10.0.0.0/16",
      availabilityZones: ZONES,
      explicitSubnets: [{ tier: "isolated", availabilityZone: "eu-west-1b", cidrBlock: "10.0.250.0/24" }],
    });
    expect(cidrs(plan, "isolated")).toEqual(["10.0.224.0/22", "10.0.250.0/24", "10.0.232.0/22"]);
    const explicit = plan.subnets.filter((s) => s.explicit);
    expect(explicit).toEqual([
      expect.objectContaining({
        tier: "isolated",
        availabilityZone: "eu-west-1b",
        zoneIndex: 1,
        prefixLength: 24,
      }),
    ]);
  });

  it("lets explicit subnets serve zones beyond a tier's capacity", () => {
    const zones = ["a", "b", "c", "d"].map((l) => `us-west-2${l}`);
    const plan = planned({
      cidrBlock: "10.0.0.0/16",
      availabilityZones: zones,
      subnetTiers: ["private"],
      subnetPrefixLengths: { private: 18 },
      explicitSubnets: [{ tier: "private", availabilityZone: "us-west-2d", cidrBlock: "10.0.192.0/19" }],
    });
    expect(cidrs(plan, "private")).toEqual(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/19"]);
  });
});

describe("planSubnets: errors name the argument", () => {
  const base: CidrPlanRequest = { cidrBlock: "10.0.0.0/16", availabilityZones: ZONES };

  it("rejects a VPC CIDR that is not IPv4", () => {
    expect(issueAt({ ...base, cidrBlock: "10.0.0/16" }, "cidrBlock")).toBe(
      '"10.0.0/16" is not an IPv4 CIDR block like 10.0.0.0/16',
    );
    expect(issueAt({ ...base, cidrBlock: "10.0.0.1/16" }, "cidrBlock")).toContain(
      "the block starts at 10.0.0.0/16",
    );
    expect(issueAt({ ...base, cidrBlock: undefined as unknown as string }, "cidrBlock")).toContain(
      "received undefined",
    );
  });

  it.each(["10.0.0.0/15", "10.0.0.0/8", "10.0.0.0/29"])("rejects the VPC prefix of %s", (cidrBlock) => {
    expect(issueAt({ ...base, cidrBlock }, "cidrBlock")).toMatch(
      /has the prefix \/\d+; a VPC's prefix must be \/16 to \/28/,
    );
  });

  it("rejects subnet prefixes outside /16-/28 and larger than the VPC", () => {
    expect(
      issueAt({ ...base, subnetPrefixLengths: { private: 29 } }, "subnetPrefixLengths.private"),
    ).toContain("received 29; a subnet's prefix length is a whole number from 16 to 28");
    expect(issueAt({ ...base, subnetPrefixLengths: { public: 15 } }, "subnetPrefixLengths.public")).toContain(
      "received 15",
    );
    expect(
      issueAt({ ...base, subnetPrefixLengths: { public: 22.5 } }, "subnetPrefixLengths.public"),
    ).toContain("received 22.5");
    expect(
      issueAt(
        { ...base, cidrBlock: "10.0.0.0/20", subnetPrefixLengths: { private: 19 } },
        "subnetPrefixLengths.private",
      ),
    ).toBe("a /19 subnet is larger than the VPC 10.0.0.0/20; use /23 or longer");
    const unknownTier = {
      ...base,
      subnetPrefixLengths: { privat: 20 } as Partial<Record<SubnetTier, number>>,
    };
    expect(issueAt(unknownTier, "subnetPrefixLengths.privat")).toContain('"privat" is not a subnet tier');
  });

  it("rejects a layout without the address space for every zone", () => {
    const seven = ["a", "b", "c", "d", "e", "f", "g"].map((l) => `xx-test-1${l}`);
    expect(issueAt({ ...base, availabilityZones: seven }, "availabilityZones")).toBe(
      "not enough address space: the private span of 10.0.0.0/16 (10.0.0.0-10.0.191.255) holds 6 /19 subnet(s), one per zone, so xx-test-1g gets none; " +
        "use fewer zones, a longer prefix in subnetPrefixLengths.private, or a larger VPC",
    );
    const tooBig = {
      ...base,
      availabilityZones: [...ZONES, "eu-west-1d"],
      subnetPrefixLengths: { private: 18 },
    };
    expect(issueAt(tooBig, "subnetPrefixLengths.private")).toContain(
      "holds 3 /18 subnet(s), one per zone, so eu-west-1d gets none",
    );
    const tiny = issuesOf({ ...base, cidrBlock: "10.0.0.0/26" });
    expect(tiny.map((i) => i.path)).toEqual(["availabilityZones", "availabilityZones"]);
    expect(tiny[0]!.message).toContain(
      "the public span of 10.0.0.0/26 (10.0.0.48-10.0.0.55) holds 0 /28 subnet(s), one per zone, so eu-west-1a, eu-west-1b, eu-west-1c get none",
    );
    expect(tiny[1]!.message).toContain("the isolated span of 10.0.0.0/26 (10.0.0.56-10.0.0.63)");
  });

  it("rejects explicit subnets outside the VPC, overlapping, or of the wrong size", () => {
    const outside = {
      ...base,
      explicitSubnets: [
        { tier: "private" as const, availabilityZone: "eu-west-1a", cidrBlock: "10.1.0.0/20" },
      ],
    };
    expect(issueAt(outside, "explicitSubnets[0].cidrBlock")).toBe(
      '"10.1.0.0/20" lies outside the VPC 10.0.0.0/16; pick a block inside it',
    );
    const overlapsPlanned = {
      ...base,
      explicitSubnets: [
        { tier: "isolated" as const, availabilityZone: "eu-west-1a", cidrBlock: "10.0.40.0/24" },
      ],
    };
    expect(issueAt(overlapsPlanned, "explicitSubnets[0].cidrBlock")).toBe(
      "10.0.40.0/24 (isolated, eu-west-1a) overlaps the planned private subnet 10.0.32.0/19 of eu-west-1b; " +
        "pick a block that overlaps no other subnet, or give the other subnet explicitly too",
    );
    const overlapsExplicit = {
      ...base,
      explicitSubnets: [
        { tier: "isolated" as const, availabilityZone: "eu-west-1a", cidrBlock: "10.0.240.0/24" },
        { tier: "isolated" as const, availabilityZone: "eu-west-1b", cidrBlock: "10.0.240.128/25" },
      ],
    };
    expect(issueAt(overlapsExplicit, "explicitSubnets[1].cidrBlock")).toContain(
      "overlaps the explicit isolated subnet 10.0.240.0/24 of eu-west-1a",
    );
    const tooSmall = {
      ...base,
      explicitSubnets: [
        { tier: "public" as const, availabilityZone: "eu-west-1a", cidrBlock: "10.0.250.0/29" },
      ],
    };
    expect(issueAt(tooSmall, "explicitSubnets[0].cidrBlock")).toContain(
      "has the prefix /29; a subnet's prefix must be /16 to /28",
    );
    const malformed = {
      ...base,
      explicitSubnets: [
        { tier: "public" as const, availabilityZone: "eu-west-1a", cidrBlock: "10.0.250.1/24" },
      ],
    };
    expect(issueAt(malformed, "explicitSubnets[0].cidrBlock")).toContain("has host bits set");
  });

  it("rejects explicit subnets for unknown zones, absent tiers and taken slots", () => {
    const request: CidrPlanRequest = {
      ...base,
      subnetTiers: ["private", "public"],
      explicitSubnets: [
        { tier: "private", availabilityZone: "eu-west-1z", cidrBlock: "10.0.0.0/20" },
        { tier: "isolated", availabilityZone: "eu-west-1a", cidrBlock: "10.0.224.0/24" },
        { tier: "publik" as SubnetTier, availabilityZone: "eu-west-1a", cidrBlock: "10.0.225.0/24" },
        { tier: "public", availabilityZone: "eu-west-1a", cidrBlock: "10.0.240.0/24" },
        { tier: "public", availabilityZone: "eu-west-1a", cidrBlock: "10.0.241.0/24" },
      ],
    };
    expect(issueAt(request, "explicitSubnets[0].availabilityZone")).toBe(
      '"eu-west-1z" is not one of availabilityZones (eu-west-1a, eu-west-1b, eu-west-1c)',
    );
    expect(issueAt(request, "explicitSubnets[1].tier")).toContain(
      "the isolated tier is not in subnetTiers (private, public)",
    );
    expect(issueAt(request, "explicitSubnets[2].tier")).toContain('"publik" is not a subnet tier');
    expect(issueAt(request, "explicitSubnets[4]")).toContain(
      "a public subnet for eu-west-1a is already given at explicitSubnets[3]",
    );
  });

  it("rejects missing, empty and repeated zones", () => {
    expect(issueAt({ ...base, availabilityZones: [] }, "availabilityZones")).toContain(
      "expected at least one zone name",
    );
    const repeated = { ...base, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1a", ""] };
    expect(issueAt(repeated, "availabilityZones[2]")).toBe(
      '"eu-west-1a" is listed twice (also at index 0); list each zone once',
    );
    expect(issueAt(repeated, "availabilityZones[3]")).toContain('received ""');
  });

  it("rejects unknown, repeated and empty tier lists", () => {
    const tiers = ["private", "dmz", "private"] as SubnetTier[];
    expect(issueAt({ ...base, subnetTiers: tiers }, "subnetTiers[1]")).toContain(
      '"dmz" is not a subnet tier',
    );
    expect(issueAt({ ...base, subnetTiers: tiers }, "subnetTiers[2]")).toContain('"private" is listed twice');
    expect(issueAt({ ...base, subnetTiers: [] }, "subnetTiers")).toContain("expected one or more of");
  });

  it("reports every problem at once", () => {
    const issues = issuesOf({
      cidrBlock: "10.0.0.0/12",
      availabilityZones: ["eu-west-1a", "eu-west-1a"],
      subnetTiers: ["private", "nope" as SubnetTier],
      subnetPrefixLengths: { public: 40 },
    });
    expect(issues.map((i) => i.path)).toEqual([
      "cidrBlock",
      "availabilityZones[1]",
      "subnetTiers[1]",
      "subnetPrefixLengths.public",
    ]);
  });
});

const tierSet = fc.shuffledSubarray([...SUBNET_TIERS], { minLength: 1 });
const zoneNames = (count: number) =>
  Array.from({ length: count }, (_, i) => `zz-test-1${String.fromCharCode(97 + i)}`);

/** A VPC block anywhere in IPv4 space with a prefix from /16 to /24. */
const vpcBlock = fc
  .record({ address: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 16, max: 24 }) })
  .map(({ address, prefix }) =>
    formatCidr({ base: address - (address % blockSize(prefix)), prefixLength: prefix }),
  );

/** Per-tier prefix overrides, each between the VPC's prefix and /28 (some too big on purpose). */
const prefixOverrides = fc.record(
  {
    public: fc.integer({ min: 0, max: 12 }),
    private: fc.integer({ min: 0, max: 12 }),
    isolated: fc.integer({ min: 0, max: 12 }),
  },
  { requiredKeys: [] },
);

const request = fc
  .record({
    cidrBlock: vpcBlock,
    zoneCount: fc.integer({ min: 1, max: 6 }),
    tiers: tierSet,
    offsets: prefixOverrides,
  })
  .map(({ cidrBlock, zoneCount, tiers, offsets }): CidrPlanRequest => {
    const vpcPrefix = range(cidrBlock).prefixLength;
    const subnetPrefixLengths = Object.fromEntries(
      Object.entries(offsets).map(([tier, offset]) => [tier, Math.min(vpcPrefix + offset, 28)]),
    );
    return { cidrBlock, availabilityZones: zoneNames(zoneCount), subnetTiers: tiers, subnetPrefixLengths };
  });

function assertSound(request: CidrPlanRequest, result: CidrPlanResult): void {
  if (!result.ok) return;
  const vpc = range(request.cidrBlock);
  const ranges = result.plan.subnets.map((s) => range(s.cidrBlock));
  ranges.forEach((r, i) => {
    expect(contains(vpc, r)).toBe(true);
    expect(r.base % blockSize(r.prefixLength)).toBe(0);
    expect(r.prefixLength).toBeGreaterThanOrEqual(16);
    expect(r.prefixLength).toBeLessThanOrEqual(28);
    for (const other of ranges.slice(0, i)) expect(overlaps(r, other)).toBe(false);
  });
  const tiers = request.subnetTiers ?? SUBNET_TIERS;
  expect(result.plan.subnets).toHaveLength(tiers.length * request.availabilityZones.length);
}

function cidrBySlot(plan: CidrPlan): Map<string, string> {
  return new Map(plan.subnets.map((s) => [`${s.tier}/${s.availabilityZone}`, s.cidrBlock]));
}

describe("planSubnets: properties", () => {
  it("never overlaps, stays inside the VPC and aligns every subnet to its prefix", () => {
    let plans = 0;
    fc.assert(
      fc.property(request, (req) => {
        const result = planSubnets(req);
        if (result.ok) plans++;
        assertSound(req, result);
      }),
      { numRuns: 300 },
    );
    expect(plans).toBeGreaterThan(100);
  });

  it("keeps explicit subnets verbatim and never lets them overlap another subnet", () => {
    const withExplicit = fc
      .record({
        req: request,
        pick: fc.nat(),
        address: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        extra: fc.integer({ min: 0, max: 12 }),
      })
      .map(({ req, pick, address, extra }) => {
        const vpc = range(req.cidrBlock);
        const prefixLength = Math.min(vpc.prefixLength + extra, 28);
        const offset = address % blockSize(vpc.prefixLength);
        const base = vpc.base + offset - (offset % blockSize(prefixLength));
        const tiers = req.subnetTiers ?? SUBNET_TIERS;
        const tier = tiers[pick % tiers.length]!;
        const zone = req.availabilityZones[pick % req.availabilityZones.length]!;
        const cidrBlock = formatCidr({ base, prefixLength });
        return { ...req, explicitSubnets: [{ tier, availabilityZone: zone, cidrBlock }] };
      });
    fc.assert(
      fc.property(withExplicit, (req) => {
        const result = planSubnets(req);
        assertSound(req, result);
        const explicit = req.explicitSubnets[0]!;
        if (result.ok) {
          const slot = result.plan.subnets.find(
            (s) => s.tier === explicit.tier && s.availabilityZone === explicit.availabilityZone,
          );
          expect(slot).toMatchObject({ cidrBlock: explicit.cidrBlock, explicit: true });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same plan for the same inputs", () => {
    fc.assert(
      fc.property(request, (req) => {
        expect(planSubnets(structuredClone(req))).toEqual(planSubnets(req));
      }),
    );
  });

  it("never moves an existing subnet when a zone is appended", () => {
    fc.assert(
      fc.property(request, (req) => {
        const before = planSubnets(req);
        fc.pre(before.ok);
        const after = planSubnets({ ...req, availabilityZones: zoneNames(req.availabilityZones.length + 1) });
        if (!before.ok || !after.ok) return;
        const moved = [...cidrBySlot(before.plan)].filter(
          ([slot, cidr]) => cidrBySlot(after.plan).get(slot) !== cidr,
        );
        expect(moved).toEqual([]);
        expect(after.plan.subnets.length).toBeGreaterThan(before.plan.subnets.length);
      }),
    );
  });

  it("never moves an existing subnet when a tier is added", () => {
    fc.assert(
      fc.property(request, (req) => {
        const tiers = req.subnetTiers ?? SUBNET_TIERS;
        const missing = SUBNET_TIERS.filter((t) => !tiers.includes(t));
        fc.pre(missing.length > 0);
        const before = planSubnets(req);
        fc.pre(before.ok);
        const after = planSubnets({ ...req, subnetTiers: [...tiers, missing[0]!] });
        if (!before.ok || !after.ok) return;
        const afterSlots = cidrBySlot(after.plan);
        for (const [slot, cidr] of cidrBySlot(before.plan)) expect(afterSlots.get(slot)).toBe(cidr);
      }),
    );
  });

  it("never moves another tier's subnets when one tier's prefix changes", () => {
    fc.assert(
      fc.property(
        request,
        fc.constantFrom(...SUBNET_TIERS),
        fc.integer({ min: 16, max: 28 }),
        (req, tier, prefix) => {
          const before = planSubnets(req);
          const after = planSubnets({
            ...req,
            subnetPrefixLengths: { ...req.subnetPrefixLengths, [tier]: prefix },
          });
          if (!before.ok || !after.ok) return;
          const others = (plan: CidrPlan) => plan.subnets.filter((s) => s.tier !== tier);
          expect(others(after.plan)).toEqual(others(before.plan));
        },
      ),
    );
  });

  it("keeps the three-zone /16 layout of the examples when growing to six zones", () => {
    const three = planned({ cidrBlock: "10.20.0.0/16", availabilityZones: ZONES });
    const six = planned({
      cidrBlock: "10.20.0.0/16",
      availabilityZones: [...ZONES, "eu-west-1d", "eu-west-1e", "eu-west-1f"],
    });
    expect(six.subnets.filter((s) => s.zoneIndex < 3)).toEqual(three.subnets);
  });
});
