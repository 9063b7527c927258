import type { ResourceRule } from "../types";

const ADMIN_PORTS = [22, 3389, 5432, 3306];
const OPEN_TO_ALL = new Set(["0.0.0.0/0", "::/0"]);

interface IngressLike {
  protocol?: unknown;
  ipProtocol?: unknown;
  fromPort?: unknown;
  toPort?: unknown;
  cidrBlocks?: unknown;
  ipv6CidrBlocks?: unknown;
  cidrIpv4?: unknown;
  cidrIpv6?: unknown;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The first admin port a rule's port range covers; all ports when the protocol is "-1". */
function exposedAdminPort(rule: IngressLike): number | undefined {
  if (rule.protocol === "-1" || rule.ipProtocol === "-1") return ADMIN_PORTS[0];
  const from = Number(rule.fromPort);
  const to = rule.toPort === undefined ? from : Number(rule.toPort);
  return ADMIN_PORTS.find((port) => port >= from && port <= to);
}

function ingressRules(type: string, props: Record<string, unknown>): IngressLike[] {
  if (type === "aws:ec2/securityGroup:SecurityGroup")
    return Array.isArray(props.ingress) ? (props.ingress as IngressLike[]) : [];
  if (type === "aws:ec2/securityGroupRule:SecurityGroupRule") return props.type === "ingress" ? [props] : [];
  return [props];
}

/** Nothing opens SSH, RDP or a database port to the whole Internet. */
export const noPublicAdminIngress: ResourceRule = {
  name: "no-public-admin-ingress",
  description: `No security group opens ports ${ADMIN_PORTS.join(", ")} to 0.0.0.0/0 or ::/0`,
  enforcementLevel: "mandatory",
  appliesTo: (type) =>
    type === "aws:ec2/securityGroup:SecurityGroup" ||
    type === "aws:ec2/securityGroupRule:SecurityGroupRule" ||
    type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  check: (resource) => {
    const problems: string[] = [];
    for (const rule of ingressRules(resource.type, resource.props)) {
      const cidrs = [rule.cidrBlocks, rule.ipv6CidrBlocks, rule.cidrIpv4, rule.cidrIpv6].flatMap(strings);
      const open = cidrs.find((c) => OPEN_TO_ALL.has(c));
      const port = open === undefined ? undefined : exposedAdminPort(rule);
      if (open !== undefined && port !== undefined) problems.push(`opens port ${port} to ${open}`);
    }
    return problems;
  },
};
