import type { PolicyResource } from "../types";
import { resourceRule, when } from "./define";
import { isFalse, isTrue, list, record, strings, TYPES, text, type Plain } from "./values";

/** Nothing is reachable from the Internet that should not be. */

const OPEN_TO_ALL = new Set(["0.0.0.0/0", "::/0"]);
/** SSH, RDP and the database ports: never open to the Internet. */
export const ADMIN_PORTS = [22, 3389, 5432, 3306] as const;
/** The only ports a stack may open to the whole Internet (a public load balancer's). */
export const WEB_PORTS = [80, 443] as const;

interface PortRange {
  readonly from: number;
  readonly to: number;
  readonly cidrs: string[];
}

/** The ingress port ranges and sources of a security group or standalone rule; "-1" is every port. */
function ingressRanges({ type, inputs }: PolicyResource): PortRange[] {
  const rules: Plain[] =
    type === TYPES.securityGroup
      ? list(inputs.ingress).map(record)
      : type === TYPES.securityGroupRule
        ? inputs.type === "ingress"
          ? [inputs]
          : []
        : [inputs];
  return rules.map((rule) => {
    const all = rule.protocol === "-1" || rule.ipProtocol === "-1" || rule.protocol === "all";
    const from = all ? 0 : Number(rule.fromPort);
    const to = all ? 65535 : rule.toPort === undefined ? from : Number(rule.toPort);
    const cidrs = [rule.cidrBlocks, rule.ipv6CidrBlocks, rule.cidrIpv4, rule.cidrIpv6].flatMap(strings);
    return { from, to, cidrs };
  });
}

const INGRESS_TYPES = [TYPES.securityGroup, TYPES.securityGroupRule, TYPES.ingressRule];

export const noPublicAdminIngress = resourceRule({
  name: "no-public-admin-ingress",
  description: `No security group opens ports ${ADMIN_PORTS.join(", ")} to 0.0.0.0/0 or ::/0`,
  fix: "allow the port from a security group or a private CIDR; reach hosts through SSM Session Manager",
  types: INGRESS_TYPES,
  check: (resource) =>
    ingressRanges(resource).flatMap(({ from, to, cidrs }) => {
      const open = cidrs.find((c) => OPEN_TO_ALL.has(c));
      const port = ADMIN_PORTS.find((p) => p >= from && p <= to);
      return open !== undefined && port !== undefined ? [`opens port ${port} to ${open}`] : [];
    }),
});

export const noInternetIngress = resourceRule({
  name: "no-internet-ingress",
  description: `Security groups open only ports ${WEB_PORTS.join(" and ")} to the whole Internet`,
  fix: `limit the source to a security group or known CIDRs, or serve through a load balancer on ${WEB_PORTS.join("/")}`,
  types: INGRESS_TYPES,
  check: (resource) =>
    ingressRanges(resource).flatMap(({ from, to, cidrs }) => {
      const open = cidrs.find((c) => OPEN_TO_ALL.has(c));
      const webOnly = from === to && (WEB_PORTS as readonly number[]).includes(from);
      return open !== undefined && !webOnly
        ? [`opens ports ${from === to ? from : `${from}-${to}`} to ${open}`]
        : [];
    }),
});

export const rdsNotPublic = resourceRule({
  name: "rds-not-public",
  description: "RDS instances are not publicly accessible",
  fix: "set publiclyAccessible: false and place the instance in isolated subnets",
  types: [TYPES.rdsInstance],
  check: ({ inputs }) => when(isTrue(inputs.publiclyAccessible), "instance is publicly accessible"),
});

export const eksEndpointRestricted = resourceRule({
  name: "eks-endpoint-restricted",
  description:
    "An EKS API endpoint is private, or public only to listed CIDRs that are not the whole Internet",
  fix: "set vpcConfig.endpointPublicAccess: false, or publicAccessCidrs to your office or VPN ranges",
  types: [TYPES.eksCluster],
  check: ({ inputs }) => {
    const vpc = record(inputs.vpcConfig);
    // AWS's default is a public endpoint open to 0.0.0.0/0.
    if (isFalse(vpc.endpointPublicAccess)) return [];
    const cidrs = strings(vpc.publicAccessCidrs);
    if (cidrs.length === 0) return ["public API endpoint without publicAccessCidrs (open to 0.0.0.0/0)"];
    const open = cidrs.filter((c) => OPEN_TO_ALL.has(c));
    return open.length ? [`public API endpoint open to ${open.join(", ")}`] : [];
  },
});

export const subnetNoPublicIp = resourceRule({
  name: "subnet-no-auto-public-ip",
  description: "Subnets do not give instances a public IP on launch",
  fix: "set mapPublicIpOnLaunch: false; give a public IP only where a load balancer or NAT needs one",
  types: [TYPES.subnet],
  check: ({ inputs }) =>
    when(isTrue(inputs.mapPublicIpOnLaunch), "assigns a public IP to every instance launched in it"),
});

export const imdsv2Required = resourceRule({
  name: "imdsv2-required",
  description: "Instances and launch templates require IMDSv2 session tokens",
  fix: 'set metadataOptions: { httpTokens: "required" }',
  types: [TYPES.launchTemplate, TYPES.instance],
  check: ({ inputs }) => {
    const options = record(inputs.metadataOptions);
    if (options.httpEndpoint === "disabled") return [];
    return when(
      options.httpTokens !== "required",
      `IMDSv1 allowed (metadataOptions.httpTokens ${text(options.httpTokens)})`,
    );
  },
});

export const EXPOSURE_RULES = [
  noPublicAdminIngress,
  noInternetIngress,
  rdsNotPublic,
  eksEndpointRestricted,
  subnetNoPublicIp,
  imdsv2Required,
];
