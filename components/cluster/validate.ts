import * as pulumi from "@pulumi/pulumi";
import {
  checkKmsDeletionWindow,
  checkLogGroupSettings,
  checkProfile,
  IssueCollector,
  show,
  type ValidationIssue,
} from "../core";
import type { ClusterArgs, NodeGroupArgs } from "./args";
import { CLUSTER_DEFAULTS } from "./defaults";
import { acceptsUntoleratedPods, amiTypeFor, INSTANCE_TYPE_PATTERN } from "./node-groups";
import { roleNameOf } from "./principals";
import {
  ADDON_VERSION_PATTERN,
  EKS_ADDON_NAMES,
  isEksAddonName,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
} from "./versions";

/** EKS: `^[0-9A-Za-z][A-Za-z0-9\-_]*$`, 1-100 characters. */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const MAX_CLUSTER_NAME = 100;
/** EKS node group names share the cluster name's alphabet, at most 63 characters. */
const MAX_NODE_GROUP_NAME = 63;
/** IAM role names: at most 64 characters. */
const MAX_ROLE_NAME = 64;
/** Pulumi's auto-naming appends `-<7 hex>` to a logical name. */
const AUTO_NAME_SUFFIX = 8;
/** The longest key the component appends to its name for an IAM role (the EBS CSI driver's). */
const LONGEST_ROLE_KEY = "ebs-csi-driver";
const AVAILABILITY_ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d[a-z]$/;
const TAINT_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];
const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"];
const SUPPORT_TYPES = ["STANDARD", "EXTENDED"];
const MIN_ROOT_VOLUME_GIB = 20;
const MAX_ROOT_VOLUME_GIB = 16384;

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** A well-formed IPv4 CIDR whose address has no bits set beyond the prefix. */
function ipv4CidrProblem(cidr: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return "is not an IPv4 CIDR block such as 203.0.113.0/24";
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return "is not an IPv4 CIDR block such as 203.0.113.0/24";
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  if (address % hostBits !== 0) return `has host bits set beyond /${prefix}`;
  return undefined;
}

function validateSubnets(args: ClusterArgs, issues: IssueCollector): void {
  const zones = args.subnetAvailabilityZones;
  if (!Array.isArray(zones)) {
    issues.add("subnetAvailabilityZones", "is required: the availability zone of each subnet, in order");
    return;
  }
  zones.forEach((zone, i) => {
    issues.check(
      typeof zone === "string" && AVAILABILITY_ZONE.test(zone),
      `subnetAvailabilityZones[${i}]`,
      `${show(zone)} is not an availability zone name such as "eu-west-1a"`,
    );
  });
  if (zones.length < 2) {
    issues.add(
      "subnetAvailabilityZones",
      `has ${zones.length} subnet(s); EKS needs at least 2 private subnets in 2 availability zones`,
    );
  } else if (new Set(zones).size < 2) {
    issues.add(
      "subnetAvailabilityZones",
      `all ${zones.length} subnets are in ${show(zones[0])}; EKS needs subnets in at least 2 availability zones`,
    );
  }
  const ids = args.subnetIds;
  if (Array.isArray(ids) && !pulumi.Output.isInstance(ids) && ids.length !== zones.length) {
    issues.add(
      "subnetIds",
      `has ${ids.length} subnet(s) but subnetAvailabilityZones has ${zones.length}; give one zone per subnet, in the same order`,
    );
  }
}

function validateEndpoint(args: ClusterArgs, publicAccess: boolean, issues: IssueCollector): void {
  const cidrs = args.publicAccessCidrs ?? [];
  if (!publicAccess) {
    issues.check(
      cidrs.length === 0,
      "publicAccessCidrs",
      `${show(cidrs)} is set but the public endpoint is off; remove it or set endpointPublicAccess: true`,
    );
    return;
  }
  if (cidrs.length === 0) {
    issues.add(
      "publicAccessCidrs",
      "is empty but endpointPublicAccess is true; list the IPv4 ranges that may reach the API (e.g. your office or VPN egress /32s)",
    );
  }
  cidrs.forEach((cidr, i) => {
    const problem = ipv4CidrProblem(cidr);
    if (problem) {
      issues.add(`publicAccessCidrs[${i}]`, `${show(cidr)} ${problem}`);
    } else if (cidr.endsWith("/0")) {
      issues.add(
        `publicAccessCidrs[${i}]`,
        `${show(cidr)} opens the Kubernetes API to the whole Internet; list specific ranges, or keep the endpoint private`,
      );
    }
  });
}

/** Role ARNs of one access list; each role name once, and (EKS: one access entry per principal) in one list only. */
function validateAccessRoles(
  key: "adminRoleArns" | "readOnlyRoleArns",
  arns: readonly string[],
  seen: Map<string, string>,
  issues: IssueCollector,
): void {
  const names = new Map<string, number>();
  arns.forEach((arn, i) => {
    const roleName = typeof arn === "string" ? roleNameOf(arn) : undefined;
    if (roleName === undefined) {
      const hint =
        typeof arn === "string" && arn.includes(":assumed-role/")
          ? "; that is an STS session ARN, use the role's arn:aws:iam::<account>:role/<name>"
          : "";
      issues.add(
        `${key}[${i}]`,
        `${show(arn)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)${hint}`,
      );
      return;
    }
    const first = names.get(roleName);
    if (first !== undefined) {
      issues.add(
        `${key}[${i}]`,
        `role name ${show(roleName)} is already used by ${key}[${first}]; each role needs a distinct name`,
      );
      return;
    }
    names.set(roleName, i);
    const elsewhere = seen.get(arn);
    if (elsewhere !== undefined) {
      issues.add(
        `${key}[${i}]`,
        `${show(arn)} is already in ${elsewhere}; EKS gives a role one access entry, so list it once`,
      );
    } else {
      seen.set(arn, `${key}[${i}]`);
    }
  });
}

function validateAdmins(args: ClusterArgs, creatorAdmin: boolean, issues: IssueCollector): void {
  const arns = args.adminRoleArns ?? [];
  const seen = new Map<string, string>();
  validateAccessRoles("adminRoleArns", arns, seen, issues);
  validateAccessRoles("readOnlyRoleArns", args.readOnlyRoleArns ?? [], seen, issues);
  issues.check(
    arns.length > 0 || creatorAdmin,
    "adminRoleArns",
    "is empty and clusterCreatorAdmin is false, so nobody could use the cluster; list the admin (and deploying) roles",
  );
}

function validateNodeGroup(
  group: NodeGroupArgs,
  path: string,
  componentName: string,
  issues: IssueCollector,
): void {
  const groupName: unknown = group.name;
  if (typeof groupName !== "string" || !CLUSTER_NAME.test(groupName)) {
    issues.add(
      `${path}.name`,
      `${show(groupName)} is not a node group name: use letters, digits, "-" and "_", starting with a letter or digit`,
    );
  } else {
    const length = componentName.length + 1 + groupName.length + AUTO_NAME_SUFFIX;
    issues.check(
      length <= MAX_NODE_GROUP_NAME,
      `${path}.name`,
      `${show(groupName)} makes the EKS node group name "${componentName}-${groupName}-<7 hex>" ${length} characters; EKS allows ${MAX_NODE_GROUP_NAME}, so shorten it to at most ${MAX_NODE_GROUP_NAME - componentName.length - 1 - AUTO_NAME_SUFFIX}`,
    );
  }

  const types: unknown = group.instanceTypes;
  if (!Array.isArray(types) || types.length === 0) {
    issues.add(
      `${path}.instanceTypes`,
      `${show(types)} has no instance type; give at least one, e.g. ["m6i.large"]`,
    );
  } else {
    const wellFormed = types.every((type, j) =>
      issues.check(
        typeof type === "string" && INSTANCE_TYPE_PATTERN.test(type),
        `${path}.instanceTypes[${j}]`,
        `${show(type)} is not an EC2 instance type such as "m6i.large"`,
      ),
    );
    if (wellFormed && amiTypeFor(types as string[]) === undefined) {
      issues.add(
        `${path}.instanceTypes`,
        `${show(types)} mixes x86_64 and Graviton (arm64) types; a node group runs one AMI, so split them into two groups`,
      );
    }
  }

  if (group.capacityType !== undefined) {
    issues.check(
      CAPACITY_TYPES.includes(group.capacityType),
      `${path}.capacityType`,
      `${show(group.capacityType)} is not allowed; use "ON_DEMAND" or "SPOT"`,
    );
  }

  const { minSize, maxSize, desiredSize } = group;
  const minOk = issues.check(
    isInteger(minSize) && minSize >= 0,
    `${path}.minSize`,
    `${show(minSize)} is not a node count; use a whole number, 0 or more`,
  );
  const maxOk = issues.check(
    isInteger(maxSize) && maxSize >= 1,
    `${path}.maxSize`,
    `${show(maxSize)} is not allowed; a node group needs maxSize of at least 1 (a whole number)`,
  );
  if (minOk && maxOk) {
    issues.check(
      minSize <= maxSize,
      `${path}.minSize`,
      `${minSize} is greater than maxSize ${maxSize}; minSize must be at most maxSize`,
    );
  }
  if (desiredSize !== undefined) {
    const desiredOk = issues.check(
      isInteger(desiredSize) && desiredSize >= 0,
      `${path}.desiredSize`,
      `${show(desiredSize)} is not a node count; use a whole number, 0 or more`,
    );
    if (desiredOk && minOk && maxOk && minSize <= maxSize) {
      issues.check(
        desiredSize >= minSize && desiredSize <= maxSize,
        `${path}.desiredSize`,
        `${desiredSize} is outside minSize..maxSize (${minSize}..${maxSize}); pick a value in that range`,
      );
    }
  }

  if (group.maxUnavailable !== undefined) {
    issues.check(
      isInteger(group.maxUnavailable) && group.maxUnavailable >= 1 && group.maxUnavailable <= 100,
      `${path}.maxUnavailable`,
      `${show(group.maxUnavailable)} is not allowed; EKS takes 1 to 100 nodes at once during an update`,
    );
  }
  if (group.diskSizeGib !== undefined) {
    issues.check(
      isInteger(group.diskSizeGib) &&
        group.diskSizeGib >= MIN_ROOT_VOLUME_GIB &&
        group.diskSizeGib <= MAX_ROOT_VOLUME_GIB,
      `${path}.diskSizeGib`,
      `${show(group.diskSizeGib)} GiB is not allowed; the AL2023 AMI needs ${MIN_ROOT_VOLUME_GIB} to ${MAX_ROOT_VOLUME_GIB} GiB (a whole number)`,
    );
  }

  (group.taints ?? []).forEach((taint, k) => {
    issues.check(
      typeof taint.key === "string" && TAINT_KEY.test(taint.key),
      `${path}.taints[${k}].key`,
      `${show(taint.key)} is not a Kubernetes taint key such as "dedicated" or "example.com/gpu"`,
    );
    issues.check(
      TAINT_EFFECTS.includes(taint.effect),
      `${path}.taints[${k}].effect`,
      `${show(taint.effect)} is not allowed; use one of ${TAINT_EFFECTS.map((e) => `"${e}"`).join(", ")}`,
    );
  });
}

function validateNodeGroups(
  groups: readonly NodeGroupArgs[],
  production: boolean,
  componentName: string,
  issues: IssueCollector,
): void {
  if (groups.length === 0) {
    issues.add(
      "nodeGroups",
      "is empty; the cluster needs at least one node group to run CoreDNS and the add-ons",
    );
    return;
  }
  const seen = new Map<string, number>();
  groups.forEach((group, i) => {
    validateNodeGroup(group, `nodeGroups[${i}]`, componentName, issues);
    const first = seen.get(group.name);
    if (first === undefined) seen.set(group.name, i);
    else
      issues.add(
        `nodeGroups[${i}].name`,
        `${show(group.name)} is already used by nodeGroups[${first}]; node group names must be unique`,
      );
  });
  issues.check(
    groups.some(acceptsUntoleratedPods),
    "nodeGroups",
    "every node group has a NO_SCHEDULE or NO_EXECUTE taint, so CoreDNS and the add-ons could not run; leave at least one group untainted",
  );
  if (production) {
    issues.check(
      groups.some((g) => (g.capacityType ?? "ON_DEMAND") === "ON_DEMAND"),
      "nodeGroups",
      "every node group is SPOT; production needs at least one ON_DEMAND group so system pods survive Spot interruptions",
    );
  }
}

/**
 * Every problem with a cluster's arguments, each with its argument path. `componentName` is the
 * component's own name, which the names of its node groups and roles are derived from.
 */
export function validateClusterArgs(args: ClusterArgs, componentName: string): ValidationIssue[] {
  const issues = new IssueCollector();
  const profile = checkProfile(issues, args.profile);
  const defaults = CLUSTER_DEFAULTS[profile];

  const roleNameLength = componentName.length + 1 + LONGEST_ROLE_KEY.length + AUTO_NAME_SUFFIX;
  issues.check(
    roleNameLength <= MAX_ROLE_NAME,
    "name",
    `the component name ${show(componentName)} makes IAM role names like "${componentName}-${LONGEST_ROLE_KEY}-<7 hex>" ${roleNameLength} characters; IAM allows ${MAX_ROLE_NAME}, so use a component name of at most ${MAX_ROLE_NAME - 1 - LONGEST_ROLE_KEY.length - AUTO_NAME_SUFFIX} characters`,
  );

  const clusterName = args.clusterName ?? componentName;
  issues.check(
    CLUSTER_NAME.test(clusterName) && clusterName.length <= MAX_CLUSTER_NAME,
    "clusterName",
    `${show(clusterName)}${args.clusterName === undefined ? " (the component name)" : ""} is not an EKS cluster name: 1-${MAX_CLUSTER_NAME} letters, digits, "-" and "_", starting with a letter or digit`,
  );

  if (args.version !== undefined) {
    issues.check(
      isKubernetesVersion(args.version),
      "version",
      `${show(args.version)} is not a Kubernetes version this library supports on EKS; use one of ${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(", ")} (see components/cluster/versions.ts)`,
    );
  }
  for (const [addon, build] of Object.entries(args.addonVersions ?? {})) {
    if (!isEksAddonName(addon)) {
      issues.add(
        `addonVersions.${addon}`,
        `is not an add-on this cluster installs; use one of ${EKS_ADDON_NAMES.map((a) => `"${a}"`).join(", ")}`,
      );
      continue;
    }
    issues.check(
      typeof build === "string" && ADDON_VERSION_PATTERN.test(build),
      `addonVersions.${addon}`,
      `${show(build)} is not an EKS add-on build such as "v1.20.4-eksbuild.2"; list builds with aws eks describe-addon-versions --addon-name ${addon}`,
    );
  }

  validateSubnets(args, issues);
  validateEndpoint(args, args.endpointPublicAccess ?? defaults.endpointPublicAccess, issues);
  validateAdmins(args, args.clusterCreatorAdmin ?? defaults.clusterCreatorAdmin, issues);
  // Keys name the ingress rules (`<component>-api-from-<key>`): stable, resource-name safe.
  for (const key of Object.keys(args.apiClientSecurityGroupIds ?? {}))
    issues.check(
      /^[a-z0-9][a-z0-9-]{0,62}$/.test(key),
      `apiClientSecurityGroupIds.${key}`,
      `${show(key)} is not a usable key; use lower-case letters, digits and "-", e.g. "deploy-runner"`,
    );
  validateNodeGroups(args.nodeGroups ?? defaults.nodeGroups, profile === "production", componentName, issues);

  checkLogGroupSettings(
    issues,
    { retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKmsKeyArn },
    { retentionDays: "logRetentionDays", kmsKeyArn: "logsKmsKeyArn" },
  );
  checkKmsDeletionWindow(issues, "kmsKeyDeletionWindowDays", args.kmsKeyDeletionWindowDays);
  if (args.supportType !== undefined) {
    issues.check(
      SUPPORT_TYPES.includes(args.supportType),
      "supportType",
      `${show(args.supportType)} is not allowed; use "STANDARD" or "EXTENDED"`,
    );
  }
  return [...issues.issues];
}
