import { plainValue } from "../synth/model";
import { sidesAt, type ClassifiedChange, type ClassifiedProperty } from "./classify";
import { nameFromUrn, type ResourceState } from "./digest";
import type { NoiseContext, NoiseRule } from "./noise";
import { sameValue } from "./same-value";

/**
 * pulumi-aws#3837 (and pulumi/pulumi#16072): some AWS settings can be owned either inline, by a
 * list property of the parent resource, or by separate "sidecar" resources. When a stack uses the
 * sidecars, a refresh reads their entries back into the parent's list, and the parent shows a diff
 * nobody made. An entry is noise only when a sidecar of this very parent manages exactly that
 * entry; an entry no sidecar accounts for (a rule added by hand) stays drift.
 */
interface Ownership {
  readonly ownerType: string;
  /** The parent's list property the sidecars feed. */
  readonly property: string;
  readonly sidecarTypes: readonly string[];
  /** Whether the sidecar is attached to this parent. */
  belongsTo(sidecar: Record<string, unknown>, owner: ResourceState): boolean;
  /** Whether this entry of the parent's list is the one the sidecar manages. */
  covers(entry: Record<string, unknown> | string, sidecar: Record<string, unknown>): boolean;
}

function ownerIds(owner: ResourceState): unknown[] {
  const outputs = owner.outputs ?? {};
  return [owner.id, outputs.id, outputs.name, outputs.arn].filter((v) => v !== undefined && v !== "");
}

function refersTo(value: unknown, owner: ResourceState): boolean {
  return ownerIds(owner).includes(value);
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function sameProtocol(a: unknown, b: unknown): boolean {
  const norm = (p: unknown) => {
    const text = String(p).toLowerCase();
    return text === "all" || text === "-1" ? "-1" : text === "6" ? "tcp" : text === "17" ? "udp" : text;
  };
  return norm(a) === norm(b);
}

function coversRule(entry: Record<string, unknown>, rule: Record<string, unknown>): boolean {
  if (Number(entry.fromPort) !== Number(rule.fromPort) || Number(entry.toPort) !== Number(rule.toPort))
    return false;
  if (!sameProtocol(entry.protocol, rule.protocol ?? rule.ipProtocol)) return false;
  const sources = [
    ...asList(rule.cidrBlocks),
    ...asList(rule.cidrIpv4),
    ...asList(rule.ipv6CidrBlocks),
    ...asList(rule.cidrIpv6),
    ...asList(rule.sourceSecurityGroupId),
    ...asList(rule.referencedSecurityGroupId),
    ...asList(rule.prefixListIds),
    ...asList(rule.prefixListId),
  ];
  const entrySources = [
    ...asList(entry.cidrBlocks),
    ...asList(entry.ipv6CidrBlocks),
    ...asList(entry.securityGroups),
    ...asList(entry.prefixListIds),
  ];
  if (rule.self === true) return entry.self === true;
  return sources.length > 0 && sources.every((source) => entrySources.includes(source));
}

const OWNERSHIPS: readonly Ownership[] = [
  {
    ownerType: "aws:iam/role:Role",
    property: "managedPolicyArns",
    sidecarTypes: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    belongsTo: (sidecar, owner) => refersTo(sidecar.role, owner),
    covers: (entry, sidecar) => entry === sidecar.policyArn,
  },
  {
    ownerType: "aws:ec2/routeTable:RouteTable",
    property: "routes",
    sidecarTypes: ["aws:ec2/route:Route"],
    belongsTo: (sidecar, owner) => refersTo(sidecar.routeTableId, owner),
    covers: (entry, route) =>
      typeof entry === "object" &&
      ((!!route.destinationCidrBlock && entry.cidrBlock === route.destinationCidrBlock) ||
        (!!route.destinationIpv6CidrBlock && entry.ipv6CidrBlock === route.destinationIpv6CidrBlock) ||
        (!!route.destinationPrefixListId && entry.destinationPrefixListId === route.destinationPrefixListId)),
  },
  ...(["ingress", "egress"] as const).map((direction): Ownership => ({
    ownerType: "aws:ec2/securityGroup:SecurityGroup",
    property: direction,
    sidecarTypes: [
      "aws:ec2/securityGroupRule:SecurityGroupRule",
      direction === "ingress"
        ? "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
        : "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ],
    belongsTo: (sidecar, owner) =>
      refersTo(sidecar.securityGroupId, owner) && (sidecar.type === undefined || sidecar.type === direction),
    covers: (entry, rule) => typeof entry === "object" && coversRule(entry, rule),
  })),
];

/**
 * The list entries a property change touches: the entry at `list[i]` (either side), or for a
 * change of the whole list, the entries present on one side only.
 */
function touchedEntries(change: ClassifiedChange, property: ClassifiedProperty): unknown[] {
  const [top, index] = property.segments;
  if (typeof index === "number") {
    const sides = sidesAt(change.step, [top!, index], change.section, property.inputDiff);
    return [sides.old, sides.new].filter((entry) => entry !== undefined && entry !== null);
  }
  if (property.segments.length > 1) return [];
  const sides = sidesAt(change.step, [top!], change.section, property.inputDiff);
  const before = asList(sides.old);
  const after = asList(sides.new);
  return [
    ...before.filter((entry) => !after.some((other) => sameValue(entry, other))),
    ...after.filter((entry) => !before.some((other) => sameValue(entry, other))),
  ];
}

export const SIDECAR_OWNERSHIP: NoiseRule = {
  id: "sidecar-ownership",
  title:
    "an entry of a list (role `managedPolicyArns`, route table `routes`, security group `ingress`/`egress`) that a separate resource of the stack manages (pulumi-aws#3837)",
  sections: ["drift", "pending"],
  match(change: ClassifiedChange, property: ClassifiedProperty, context: NoiseContext) {
    const owner = change.step.oldState ?? change.step.newState;
    const ownership = OWNERSHIPS.find(
      (o) => o.ownerType === change.type && o.property === property.segments[0],
    );
    if (!owner || !ownership) return undefined;
    const sidecars = context.resources.filter(
      (r) => ownership.sidecarTypes.includes(r.type) && ownership.belongsTo(r.inputs ?? {}, owner),
    );
    const entries = touchedEntries(change, property).map(plainValue);
    if (sidecars.length === 0 || entries.length === 0) return undefined;
    const owners = new Set<string>();
    for (const entry of entries) {
      const sidecar = sidecars.find((s) =>
        ownership.covers(entry as Record<string, unknown> | string, s.inputs ?? {}),
      );
      if (!sidecar) return undefined;
      owners.add(`${sidecar.type} "${nameFromUrn(sidecar.urn)}"`);
    }
    return `managed by ${[...owners].sort().join(", ")}, which a refresh reads back into ${ownership.property} (pulumi-aws#3837)`;
  },
};
