import { checkLogGroupSettings, checkProfile, IssueCollector, show, type ValidationIssue } from "../core";
import { FLOW_LOG_TRAFFIC_TYPES, NAT_STRATEGIES, type NetworkArgs } from "./args";
import { planSubnets, SUBNET_TIERS, type SubnetTier } from "./cidr-plan";
import { MIN_ZONES_FOR_CLUSTER, zoneKey } from "./zones";

const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const ENDPOINT_SERVICE = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Every problem with a Network's args, each named by its arg path. Pure. */
export function validateNetworkArgs(args: NetworkArgs): ValidationIssue[] {
  const issues = new IssueCollector();
  checkProfile(issues, args.profile);

  const planned = planSubnets(args);
  if (!planned.ok) issues.addAll(planned.issues);

  const zones = Array.isArray(args.availabilityZones) ? args.availabilityZones : [];
  checkZoneKeys(issues, zones);
  if (args.clusterName !== undefined) checkCluster(issues, args.clusterName, zones);

  const tiers: readonly SubnetTier[] = Array.isArray(args.subnetTiers) ? args.subnetTiers : SUBNET_TIERS;
  checkNat(issues, args, tiers);
  checkFlowLogs(issues, args);
  checkInterfaceEndpoints(issues, args.interfaceEndpoints, tiers);

  for (const key of Object.keys(args.tags ?? {})) {
    if (key.toLowerCase().startsWith("aws:")) {
      issues.add(
        `tags.${key}`,
        `${show(key)} starts with "aws:", which AWS reserves for its own tags; rename it`,
      );
    }
  }
  return [...issues.issues];
}

/** Resources are named by zone key, so two zones with the same letter (different regions) would collide. */
function checkZoneKeys(issues: IssueCollector, zones: readonly unknown[]): void {
  const byKey = new Map<string, string>();
  zones.forEach((zone, i) => {
    if (typeof zone !== "string") return;
    const other = byKey.get(zoneKey(zone));
    if (other !== undefined && other !== zone) {
      issues.add(
        `availabilityZones[${i}]`,
        `${show(zone)} and ${show(other)} are zones of different regions; use the zones of the one region the network is in`,
      );
    }
    byKey.set(zoneKey(zone), zone);
  });
}

function checkCluster(issues: IssueCollector, clusterName: string, zones: readonly unknown[]): void {
  issues.check(
    typeof clusterName === "string" && EKS_CLUSTER_NAME.test(clusterName),
    "clusterName",
    `${show(clusterName)} is not an EKS cluster name: 1-100 letters, digits, hyphens and underscores, starting with a letter or digit`,
  );
  issues.check(
    zones.length === 0 || zones.length >= MIN_ZONES_FOR_CLUSTER,
    "availabilityZones",
    `${zones.length} zone${zones.length === 1 ? "" : "s"} given but the cluster ${show(clusterName)} will use this network and EKS needs subnets in at least ${MIN_ZONES_FOR_CLUSTER} zones; add a zone`,
  );
}

function checkNat(issues: IssueCollector, args: NetworkArgs, tiers: readonly SubnetTier[]): void {
  const nat = args.natGateways;
  if (nat === undefined) return;
  if (!NAT_STRATEGIES.includes(nat)) {
    issues.add(
      "natGateways",
      `${show(nat)} is not allowed; use one of ${NAT_STRATEGIES.map((s) => show(s)).join(", ")}`,
    );
    return;
  }
  if (nat === "none") return;
  issues.check(
    tiers.includes("public"),
    "natGateways",
    `${show(nat)} needs the public tier (NAT gateways live in public subnets); add "public" to subnetTiers or set natGateways to "none"`,
  );
  issues.check(
    tiers.includes("private"),
    "natGateways",
    `${show(nat)} serves only the private tier, which subnetTiers leaves out; add "private" or set natGateways to "none"`,
  );
}

function checkFlowLogs(issues: IssueCollector, args: NetworkArgs): void {
  checkLogGroupSettings(
    issues,
    { retentionDays: args.flowLogRetentionDays, kmsKeyArn: args.logsKmsKeyArn },
    { retentionDays: "flowLogRetentionDays", kmsKeyArn: "logsKmsKeyArn" },
  );
  const traffic = args.flowLogTrafficType;
  if (traffic !== undefined) {
    issues.check(
      FLOW_LOG_TRAFFIC_TYPES.includes(traffic),
      "flowLogTrafficType",
      `${show(traffic)} is not allowed; use one of ${FLOW_LOG_TRAFFIC_TYPES.map((t) => show(t)).join(", ")}`,
    );
  }
}

function checkInterfaceEndpoints(
  issues: IssueCollector,
  services: readonly string[] | undefined,
  tiers: readonly SubnetTier[],
): void {
  if (services === undefined || services.length === 0) return;
  issues.check(
    tiers.includes("private"),
    "interfaceEndpoints",
    `interface endpoints live in the private subnets, which subnetTiers leaves out; add "private" or drop interfaceEndpoints`,
  );
  const seen = new Set<string>();
  services.forEach((service, i) => {
    const path = `interfaceEndpoints[${i}]`;
    if (typeof service !== "string" || !ENDPOINT_SERVICE.test(service)) {
      issues.add(path, `${show(service)} is not a service short name like "ecr.api", "sts" or "logs"`);
    } else if (service.startsWith("com.amazonaws.")) {
      issues.add(
        path,
        `${show(service)} is a full service name; give the short name after the region, e.g. "ecr.api"`,
      );
    } else if (service === "s3") {
      issues.add(path, `"s3" is already reached through the network's S3 gateway endpoint; remove it here`);
    } else if (seen.has(service)) {
      issues.add(path, `${show(service)} is listed twice; list each service once`);
    }
    seen.add(service);
  });
}
