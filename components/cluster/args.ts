import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  byProfile,
  defineArgs,
  eachItem,
  input,
  isKnown,
  kmsDeletionWindowDays,
  kmsKeyAccess,
  kmsKeyArn,
  logRetentionDays,
  matching,
  PLATFORM_LOG_RETENTION_DAYS,
  profileField,
  show,
  tagsField,
  uniqueBy,
  wholeNumber,
  type ArgsOf,
  type Item,
  type Profile,
  type Rule,
  type ResolvedArgsOf,
} from "../core";
import { blockSize, parseCidr, unionSize, type Ipv4Range } from "../network/ipv4";
import { autoscalingSchema } from "./autoscaling-args";
import { KARPENTER_CHART } from "./karpenter-chart";
import { acceptsSystemPods, acceptsUntoleratedPods, amiTypeFor, INSTANCE_TYPE_PATTERN } from "./node-groups";
import { SYSTEM_NODE_LABELS, SYSTEM_TAINT } from "./node-settings";
import { roleNameOf } from "./principals";
import {
  ADDON_VERSION_PATTERN,
  EKS_ADDON_NAMES,
  isEksAddonName,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
} from "./versions";

export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const;
/** How EC2 capacity for a node group is bought. */
export type CapacityType = (typeof CAPACITY_TYPES)[number];

export const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"] as const;
/** A Kubernetes taint effect, spelled as the EKS API spells it. */
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export const SUPPORT_TYPES = ["STANDARD", "EXTENDED"] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

/** EKS: `^[0-9A-Za-z][A-Za-z0-9\-_]*$`, 1-100 characters. */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const MAX_CLUSTER_NAME = 100;
/** EKS node group names share the cluster name's alphabet, at most 63 characters. */
const MAX_NODE_GROUP_NAME = 63;
/** IAM role names: at most 64 characters. */
const MAX_ROLE_NAME = 64;
/** Pulumi's auto-naming appends `-<7 hex>` to a logical name. */
const AUTO_NAME_SUFFIX = 8;
/** The longest key the component appends to its name for an IAM role (Karpenter's controller). */
const LONGEST_ROLE_KEY = "karpenter-controller";
const AVAILABILITY_ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d[a-z]$/;
const TAINT_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const MIN_ROOT_VOLUME_GIB = 20;
/** No public-endpoint block may be wider than a /8 (16.7 million addresses), whatever the maximum. */
export const WIDEST_PUBLIC_ACCESS_PREFIX = 8;
/** The default cap on the addresses the public endpoint admits, all blocks together: one /16. */
const DEFAULT_PUBLIC_ACCESS_MAX_ADDRESSES = blockSize(16);

/** The parsed public-access blocks (malformed ones are reported by the field itself). */
function publicRanges(cidrs: readonly string[]): Ipv4Range[] {
  return cidrs.flatMap((cidr) => {
    const parsed = parseCidr(cidr);
    return parsed.ok ? [parsed.range] : [];
  });
}
const MAX_ROOT_VOLUME_GIB = 16384;

/** Why `cidr` is not a well-formed IPv4 CIDR whose address has no bits beyond the prefix, if it is not. */
function ipv4CidrProblem(cidr: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return "is not an IPv4 CIDR block such as 203.0.113.0/24";
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return "is not an IPv4 CIDR block such as 203.0.113.0/24";
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (address % 2 ** (32 - prefix) !== 0) return `has host bits set beyond /${prefix}`;
  return undefined;
}

/** An IAM role ARN an access entry can be made for (not an STS session). */
const iamRoleArn = z.string().refine((arn) => roleNameOf(arn) !== undefined, {
  error: (i) =>
    `${show(i.input)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)${
      typeof i.input === "string" && i.input.includes(":assumed-role/")
        ? "; that is an STS session ARN, use the role's arn:aws:iam::<account>:role/<name>"
        : ""
    }`,
});

const nodeCount = (min: number, message: (v: number) => string) =>
  wholeNumber(min, Number.MAX_SAFE_INTEGER, message);

function nodeGroupSchema(profile: Profile) {
  return z
    .strictObject({
      name: matching(
        CLUSTER_NAME,
        (v) =>
          `${show(v)} is not a node group name: use letters, digits, "-" and "_", starting with a letter or digit`,
      ).describe(
        "Stable key of the group: part of its resource names and its EKS name (`<component>-<name>-<7 hex>`, at most 63 characters); a rename replaces the group.",
      ),
      instanceTypes: z
        .array(
          matching(
            INSTANCE_TYPE_PATTERN,
            (v) => `${show(v)} is not an EC2 instance type such as "m6i.large"`,
          ),
        )
        .min(1, {
          error: (i) => `${show(i.input)} has no instance type; give at least one, e.g. ["m6i.large"]`,
        })
        .describe(
          "EC2 instance types, the first preferred, all of one CPU architecture (x86_64 or Graviton arm64).",
        ),
      capacityType: z
        .enum(CAPACITY_TYPES)
        .meta({ typeName: "CapacityType" })
        .default("ON_DEMAND")
        .describe("How capacity is bought."),
      minSize: nodeCount(0, (v) => `${show(v)} is not a node count; use a whole number, 0 or more`).describe(
        "Fewest nodes.",
      ),
      desiredSize: nodeCount(0, (v) => `${show(v)} is not a node count; use a whole number, 0 or more`)
        .optional()
        .describe(
          "Nodes at creation; an autoscaler owns the count afterwards (later changes are not drift). Default: minSize.",
        ),
      maxSize: nodeCount(
        1,
        (v) => `${show(v)} is not allowed; a node group needs maxSize of at least 1 (a whole number)`,
      ).describe("Most nodes."),
      labels: z.record(z.string(), z.string()).default({}).describe("Kubernetes labels on every node."),
      taints: z
        .array(
          z
            .strictObject({
              key: matching(
                TAINT_KEY,
                (v) => `${show(v)} is not a Kubernetes taint key such as "dedicated" or "example.com/gpu"`,
              ).describe("Taint key, e.g. `dedicated`."),
              value: z.string().optional().describe("Taint value."),
              effect: z
                .enum(TAINT_EFFECTS)
                .meta({ typeName: "TaintEffect" })
                .describe("What happens to pods that do not tolerate the taint."),
            })
            .meta({ typeName: "NodeTaint" }),
        )
        .default([])
        .describe("Kubernetes taints on every node."),
      maxUnavailable: wholeNumber(
        1,
        100,
        (v) => `${show(v)} is not allowed; EKS takes 1 to 100 nodes at once during an update`,
      )
        .default(1)
        .describe("Nodes replaced at once during a rolling update."),
      diskSizeGib: wholeNumber(
        MIN_ROOT_VOLUME_GIB,
        MAX_ROOT_VOLUME_GIB,
        (v) =>
          `${show(v)} GiB is not allowed; the AL2023 AMI needs ${MIN_ROOT_VOLUME_GIB} to ${MAX_ROOT_VOLUME_GIB} GiB (a whole number)`,
      )
        .default(byProfile(profile, { development: 30, production: 50 }))
        .describe("Root volume size in GiB (gp3, encrypted)."),
    })
    .meta({ typeName: "NodeGroup" });
}

/** Cluster's public outputs (its Kubernetes provider stays a TypeScript convenience, not an output). */
const CLUSTER_OUTPUTS = z.object({
  clusterName: z.string().describe("The EKS cluster name."),
  endpoint: z.string().describe("The Kubernetes API server URL."),
  certificateAuthority: z.string().describe("The cluster CA bundle (base64 PEM)."),
  oidcProviderArn: z.string().describe("ARN of the IAM OIDC provider IRSA roles trust."),
  oidcIssuerUrl: z.string().describe("The cluster's OIDC issuer URL."),
  nodeSecurityGroupId: z.string().describe("The security group of every node."),
  kubeconfig: z
    .string()
    .meta({ secret: true })
    .describe(
      "A kubeconfig that gets tokens from `aws eks get-token` (secret); build a Kubernetes provider from it.",
    ),
  nodeGroups: z
    .array(
      z
        .object({
          name: z.string().describe("The node group's key from the args."),
          autoscalingGroupName: z.string().describe("The EC2 Auto Scaling group EKS runs the nodes in."),
          maxSize: z.number().int().describe("Most nodes the group may have."),
        })
        .meta({ typeName: "NodeGroupSummary" }),
    )
    .describe("Each node group with its Auto Scaling group and maximum size."),
});

/** The account of a role ARN (`arn:aws:iam::<account>:role/...`). */
const accountOf = (arn: string) => arn.split(":")[4] ?? "";

/** A role given cluster access must belong to one of the allowed accounts, when they are given. */
function roleInAllowedAccount<A extends { readonly allowedAccountIds?: readonly string[] }>(): Rule<
  Item<string, A>,
  ClusterContext
> {
  return {
    path: "",
    when: ({ item, args }) =>
      args.allowedAccountIds !== undefined && !args.allowedAccountIds.includes(accountOf(item)),
    message: ({ item, args }) =>
      `${show(item)} is a role of account ${accountOf(item)}, not of allowedAccountIds (${(args.allowedAccountIds ?? []).join(", ")}); give cluster access only to roles of the stack's own account(s)`,
  };
}

/** What the rules know besides the args: the component's own name, which child names derive from. */
export interface ClusterContext {
  readonly componentName: string;
}

/** The one definition of the Cluster component's arguments. */
export const CLUSTER_ARGS = defineArgs({
  component: "Cluster",
  description:
    "An EKS cluster with managed node groups, IRSA, the core add-ons: private API endpoint, secrets encrypted with a customer KMS key, every control-plane log kept, access by EKS access entries only, an encrypted gp3 default StorageClass.",
  schema: (profile) =>
    z.strictObject({
      profile: profileField,
      clusterName: z
        .string()
        .optional()
        .describe(
          "EKS cluster name (1-100 letters, digits, `-`, `_`), fixed rather than generated so the control-plane log group can be created first. Default: the component's name.",
        ),
      version: z
        .string()
        .refine(isKubernetesVersion, {
          error: (i) =>
            `${show(i.input)} is not a Kubernetes version this library supports on EKS; use one of ${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(", ")} (see components/cluster/versions.ts)`,
        })
        .default(byProfile(profile, { development: "1.35", production: "1.35" }))
        .describe(
          "Kubernetes minor version, one EKS supports (see components/cluster/versions.ts); pinned, changed only here.",
        ),
      addonVersions: z
        .record(z.string(), z.string())
        .superRefine((builds, ctx) => {
          for (const [addon, build] of Object.entries(builds)) {
            if (!isEksAddonName(addon)) {
              ctx.addIssue({
                code: "custom",
                path: [addon],
                input: addon,
                message: `is not an add-on this cluster installs; use one of ${EKS_ADDON_NAMES.map((a) => `"${a}"`).join(", ")}`,
              });
            } else if (!ADDON_VERSION_PATTERN.test(build)) {
              ctx.addIssue({
                code: "custom",
                path: [addon],
                input: build,
                message: `${show(build)} is not an EKS add-on build such as "v1.20.4-eksbuild.2"; list builds with aws eks describe-addon-versions --addon-name ${addon}`,
              });
            }
          }
        })
        .default({})
        .describe(
          'Add-on builds that replace the ones pinned for `version` in versions.ts, by add-on name (`{ coredns: "v1.13.2-eksbuild.1" }`).',
        ),
      vpcId: input(z.string()).describe("The VPC the cluster and its nodes live in."),
      subnetIds: input(z.array(input(z.string()))).describe(
        "Private subnets for the control-plane network interfaces and the nodes (the network's private subnets).",
      ),
      subnetAvailabilityZones: z
        .array(
          matching(
            AVAILABILITY_ZONE,
            (v) => `${show(v)} is not an availability zone name such as "eu-west-1a"`,
          ),
        )
        .describe(
          "The availability zone of each subnet in `subnetIds`, in the same order (plain values: the ids are not known before deployment). EKS requires 2 zones or more.",
        ),
      endpointPublicAccess: z
        .boolean()
        .default(byProfile(profile, { development: false, production: false }))
        .describe(
          "Also serve the Kubernetes API on a public endpoint, reachable only from `publicAccessCidrs` (the private endpoint is always on). Loosens: the API becomes reachable from the Internet.",
        ),
      publicAccessCidrs: z
        .array(
          z.string().superRefine((cidr, ctx) => {
            const problem = ipv4CidrProblem(cidr);
            if (problem) ctx.addIssue({ code: "custom", input: cidr, message: `${show(cidr)} ${problem}` });
          }),
        )
        .default([])
        .describe(
          "IPv4 ranges allowed to reach the public endpoint (never `0.0.0.0/0`, no block wider than /8, together at most `publicAccessMaxAddresses`); required when `endpointPublicAccess` is true, not allowed otherwise.",
        ),
      publicAccessMaxAddresses: wholeNumber(
        1,
        blockSize(WIDEST_PUBLIC_ACCESS_PREFIX),
        (v) =>
          `${show(v)} is not allowed; use a whole number of addresses from 1 to ${blockSize(WIDEST_PUBLIC_ACCESS_PREFIX)} (a /${WIDEST_PUBLIC_ACCESS_PREFIX})`,
      )
        .default(DEFAULT_PUBLIC_ACCESS_MAX_ADDRESSES)
        .describe(
          "Most addresses `publicAccessCidrs` may admit together, overlaps counted once (65536, a /16, by default). Loosens when raised: more of the Internet reaches the API.",
        ),
      adminRoleArns: uniqueBy(
        z.array(iamRoleArn),
        (arn) => (typeof arn === "string" ? roleNameOf(arn) : undefined),
        (roleName, first) =>
          `role name ${show(roleName)} is already used by adminRoleArns[${first}]; each admin role needs a distinct name`,
      )
        .default([])
        .describe(
          "IAM role ARNs given cluster-admin through EKS access entries (cluster scope); include the deploying role. Role names must be distinct.",
        ),
      readOnlyRoleArns: uniqueBy(
        z.array(iamRoleArn),
        (arn) => (typeof arn === "string" ? roleNameOf(arn) : undefined),
        (roleName, first) =>
          `role name ${show(roleName)} is already used by readOnlyRoleArns[${first}]; each role needs a distinct name`,
      )
        .default([])
        .describe(
          "IAM role ARNs that may read every Kubernetes object, Secrets included (`AmazonEKSAdminViewPolicy`, cluster scope): the pipeline's read-only role, so preview and refresh can read what the stack manages. Not in `adminRoleArns` too.",
        ),
      allowedAccountIds: z
        .array(matching(/^\d{12}$/, (v) => `${show(v)} is not an AWS account id (12 digits, quoted in YAML)`))
        .optional()
        .describe(
          "The AWS accounts whose roles may get cluster access (the stack's `aws:allowedAccountIds`): every role in `adminRoleArns` and `readOnlyRoleArns` must be in one of them, so a role of a foreign account never becomes cluster-admin. Default: not checked.",
        ),
      apiClientSecurityGroupIds: z
        .record(z.string(), input(z.string()))
        .superRefine((groups, ctx) => {
          // Keys name the ingress rules (`<component>-api-from-<key>`): stable, resource-name safe.
          for (const key of Object.keys(groups)) {
            if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(key)) {
              ctx.addIssue({
                code: "custom",
                path: [key],
                input: key,
                message: `${show(key)} is not a usable key; use lower-case letters, digits and "-", e.g. "deploy-runner"`,
              });
            }
          }
        })
        .default({})
        .describe(
          "Security groups whose members may call the Kubernetes API on the private endpoint (HTTPS to the cluster security group), keyed by a stable name: the in-VPC deploy runner's group.",
        ),
      clusterCreatorAdmin: z
        .boolean()
        .default(false)
        .describe(
          "Give the identity that creates the cluster cluster-admin (AWS's own default). Loosens: whoever ran the first `pulumi up` keeps admin until its access entry is removed.",
        ),
      nodeSessionManager: z
        .boolean()
        .default(false)
        .describe(
          "Let SSM Session Manager open shells on the nodes: the node role gets only the Session Manager channel permissions (not AmazonSSMManagedInstanceCore, whose `ssm:GetParameter*` covers every parameter). Loosens: whoever may start sessions gets a root shell on a node.",
        ),
      nodeGroups: uniqueBy(
        z.array(nodeGroupSchema(profile)).min(1, {
          error: "is empty; the cluster needs at least one node group to run CoreDNS and the add-ons",
        }),
        (group) => (group as { name?: unknown } | undefined)?.name,
        (name, first) =>
          `${show(name)} is already used by nodeGroups[${first}]; node group names must be unique`,
        "name",
      )
        .prefault(
          byProfile(profile, {
            development: [
              {
                name: "general",
                instanceTypes: ["t3.large", "t3a.large"],
                minSize: 2,
                desiredSize: 2,
                maxSize: 2,
                labels: { ...SYSTEM_NODE_LABELS },
                taints: [{ ...SYSTEM_TAINT }],
              },
            ],
            production: [
              {
                name: "general",
                instanceTypes: ["m6i.large", "m6a.large"],
                minSize: 3,
                desiredSize: 3,
                maxSize: 3,
                labels: { ...SYSTEM_NODE_LABELS },
                taints: [{ ...SYSTEM_TAINT }],
              },
            ],
          }),
        )
        .describe(
          "Managed node groups: by default one small system group (tainted `CriticalAddonsOnly`) for Karpenter and the critical add-ons, while services run on Karpenter's nodes. At least one group must take CoreDNS; without autoscaling, one must take untainted pods. Replaces the profile's list.",
        ),
      logRetentionDays: logRetentionDays()
        .default(PLATFORM_LOG_RETENTION_DAYS[profile])
        .describe("Days CloudWatch keeps the control-plane logs (a CloudWatch Logs retention value)."),
      logsKmsKeyArn: kmsKeyArn()
        .optional()
        .describe(
          "ARN of the customer KMS key encrypting the control-plane log group (a key ARN, not an alias). Default: CloudWatch Logs' own encryption.",
        ),
      kmsKeyDeletionWindowDays: kmsDeletionWindowDays()
        .default(byProfile(profile, { development: 7, production: 30 }))
        .describe("Waiting period before the secrets KMS key is deleted, in days (7-30)."),
      deletionProtection: z
        .boolean()
        .default(byProfile(profile, { development: false, production: true }))
        .describe(
          "Refuse to delete the cluster until this is turned off (the secrets KMS key is protected by `kmsKeyAccess.protect`).",
        ),
      kmsKeyAccess: kmsKeyAccess(profile),
      supportType: z
        .enum(SUPPORT_TYPES)
        .meta({ typeName: "SupportType" })
        // Production is never upgraded behind the code's back; development follows EKS's upgrades.
        .default(byProfile(profile, { development: "STANDARD", production: "EXTENDED" }))
        .describe(
          "What EKS does at the end of standard support: `STANDARD` upgrades the cluster on its own, `EXTENDED` keeps the version (billed extra) until you upgrade.",
        ),
      autoscaling: autoscalingSchema(profile)
        .prefault({})
        .describe(
          "Node autoscaling with Karpenter: its default NodePool's limits, capacity types, architectures, instance categories and consolidation. Each field left out keeps its profile default.",
        ),
      tags: tagsField(),
    }),
  outputs: CLUSTER_OUTPUTS,
}).withRules<ClusterContext>([
  {
    path: "name",
    when: (_, { componentName }) =>
      componentName.length + 1 + LONGEST_ROLE_KEY.length + AUTO_NAME_SUFFIX > MAX_ROLE_NAME,
    message: (_, { componentName }) =>
      `the component name ${show(componentName)} makes IAM role names like "${componentName}-${LONGEST_ROLE_KEY}-<7 hex>" ${componentName.length + 1 + LONGEST_ROLE_KEY.length + AUTO_NAME_SUFFIX} characters; IAM allows ${MAX_ROLE_NAME}, so use a component name of at most ${MAX_ROLE_NAME - 1 - LONGEST_ROLE_KEY.length - AUTO_NAME_SUFFIX} characters`,
  },
  {
    path: "clusterName",
    when: (a, { componentName }) => {
      const name = a.clusterName ?? componentName;
      return !CLUSTER_NAME.test(name) || name.length > MAX_CLUSTER_NAME;
    },
    message: (a, { componentName }) =>
      `${show(a.clusterName ?? componentName)}${a.clusterName === undefined ? " (the component name)" : ""} is not an EKS cluster name: 1-${MAX_CLUSTER_NAME} letters, digits, "-" and "_", starting with a letter or digit`,
  },
  {
    path: "subnetAvailabilityZones",
    when: (a) => a.subnetAvailabilityZones.length < 2,
    message: (a) =>
      `has ${a.subnetAvailabilityZones.length} subnet(s); EKS needs at least 2 private subnets in 2 availability zones`,
  },
  {
    path: "subnetAvailabilityZones",
    when: (a) => a.subnetAvailabilityZones.length >= 2 && new Set(a.subnetAvailabilityZones).size < 2,
    message: (a) =>
      `all ${a.subnetAvailabilityZones.length} subnets are in ${show(a.subnetAvailabilityZones[0])}; EKS needs subnets in at least 2 availability zones`,
  },
  {
    path: "subnetIds",
    when: (a) => isKnown(a.subnetIds) && a.subnetIds.length !== a.subnetAvailabilityZones.length,
    message: (a) =>
      `has ${(a.subnetIds as unknown[]).length} subnet(s) but subnetAvailabilityZones has ${a.subnetAvailabilityZones.length}; give one zone per subnet, in the same order`,
  },
  {
    path: "publicAccessCidrs",
    when: (a) => !a.endpointPublicAccess && a.publicAccessCidrs.length > 0,
    message: (a) =>
      `${show(a.publicAccessCidrs)} is set but the public endpoint is off; remove it or set endpointPublicAccess: true`,
  },
  {
    path: "publicAccessCidrs",
    when: (a) => a.endpointPublicAccess && a.publicAccessCidrs.length === 0,
    message: () =>
      "is empty but endpointPublicAccess is true; list the IPv4 ranges that may reach the API (e.g. your office or VPN egress /32s)",
  },
  eachItem("publicAccessCidrs", (a) => a.publicAccessCidrs, [
    {
      path: "",
      when: ({ item, args }) => args.endpointPublicAccess && item.endsWith("/0"),
      message: ({ item }) =>
        `${show(item)} opens the Kubernetes API to the whole Internet; list specific ranges, or keep the endpoint private`,
    },
    {
      path: "",
      when: ({ item, args }) => {
        const parsed = parseCidr(item);
        return (
          args.endpointPublicAccess &&
          parsed.ok &&
          parsed.range.prefixLength > 0 &&
          parsed.range.prefixLength < WIDEST_PUBLIC_ACCESS_PREFIX
        );
      },
      message: ({ item }) =>
        `${show(item)} admits more than a /${WIDEST_PUBLIC_ACCESS_PREFIX} of the Internet to the Kubernetes API; list your egress ranges (a /${WIDEST_PUBLIC_ACCESS_PREFIX} or narrower)`,
    },
  ]),
  {
    path: "publicAccessCidrs",
    when: (a) =>
      a.endpointPublicAccess && unionSize(publicRanges(a.publicAccessCidrs)) > a.publicAccessMaxAddresses,
    message: (a) =>
      `${show(a.publicAccessCidrs)} admit ${unionSize(publicRanges(a.publicAccessCidrs))} addresses together, more than publicAccessMaxAddresses (${a.publicAccessMaxAddresses}); list narrower ranges, or raise publicAccessMaxAddresses deliberately`,
  },
  eachItem("adminRoleArns", (a) => a.adminRoleArns, [roleInAllowedAccount()]),
  eachItem("readOnlyRoleArns", (a) => a.readOnlyRoleArns, [roleInAllowedAccount()]),
  // The secrets key's administrators and break-glass role, like every role the cluster names.
  {
    check: ({ allowedAccountIds, kmsKeyAccess }) => {
      if (allowedAccountIds === undefined) return [];
      const roles = [
        ...kmsKeyAccess.administratorRoleArns.map((arn, i) => ({ arn, path: `administratorRoleArns[${i}]` })),
        ...(kmsKeyAccess.breakGlassRoleArn === undefined
          ? []
          : [{ arn: kmsKeyAccess.breakGlassRoleArn, path: "breakGlassRoleArn" }]),
      ];
      return roles
        .filter(({ arn }) => !allowedAccountIds.includes(accountOf(arn)))
        .map(({ arn, path }) => ({
          path: `kmsKeyAccess.${path}`,
          message: `${show(arn)} is a role of account ${accountOf(arn)}, not of allowedAccountIds (${allowedAccountIds.join(", ")}); the secrets key's administrators and break-glass role are roles of the stack's own account(s)`,
        }));
    },
  },
  eachItem("readOnlyRoleArns", (a) => a.readOnlyRoleArns, [
    {
      // EKS gives a principal one access entry.
      path: "",
      when: ({ item, args }) => args.adminRoleArns.includes(item),
      message: ({ item, args }) =>
        `${show(item)} is already in adminRoleArns[${args.adminRoleArns.indexOf(item)}]; EKS gives a role one access entry, so list it once`,
    },
  ]),
  {
    path: "adminRoleArns",
    when: (a) => a.adminRoleArns.length === 0 && !a.clusterCreatorAdmin,
    message: () =>
      "is empty and clusterCreatorAdmin is false, so nobody could use the cluster; list the admin (and deploying) roles",
  },
  eachItem("nodeGroups", (a) => a.nodeGroups, [
    {
      path: "name",
      when: ({ item }, { componentName }) =>
        componentName.length + 1 + item.name.length + AUTO_NAME_SUFFIX > MAX_NODE_GROUP_NAME,
      message: ({ item }, { componentName }) =>
        `${show(item.name)} makes the EKS node group name "${componentName}-${item.name}-<7 hex>" ${componentName.length + 1 + item.name.length + AUTO_NAME_SUFFIX} characters; EKS allows ${MAX_NODE_GROUP_NAME}, so shorten it to at most ${MAX_NODE_GROUP_NAME - componentName.length - 1 - AUTO_NAME_SUFFIX}`,
    },
    {
      path: "instanceTypes",
      when: ({ item }) => amiTypeFor(item.instanceTypes) === undefined,
      message: ({ item }) =>
        `${show(item.instanceTypes)} mixes x86_64 and Graviton (arm64) types; a node group runs one AMI, so split them into two groups`,
    },
    {
      path: "minSize",
      when: ({ item }) => item.minSize > item.maxSize,
      message: ({ item }) =>
        `${item.minSize} is greater than maxSize ${item.maxSize}; minSize must be at most maxSize`,
    },
    {
      path: "desiredSize",
      when: ({ item: g }) =>
        g.desiredSize !== undefined &&
        g.minSize <= g.maxSize &&
        (g.desiredSize < g.minSize || g.desiredSize > g.maxSize),
      message: ({ item: g }) =>
        `${g.desiredSize} is outside minSize..maxSize (${g.minSize}..${g.maxSize}); pick a value in that range`,
    },
  ]),
  {
    path: "nodeGroups",
    when: (a) => a.nodeGroups.length > 0 && !a.nodeGroups.some(acceptsSystemPods),
    message: () =>
      `every node group has a NO_SCHEDULE or NO_EXECUTE taint other than ${SYSTEM_TAINT.key}, so CoreDNS and the add-ons could not run; leave at least one group without such a taint`,
  },
  {
    path: "nodeGroups",
    when: (a) =>
      !a.autoscaling.enabled &&
      a.nodeGroups.some(acceptsSystemPods) &&
      !a.nodeGroups.some(acceptsUntoleratedPods),
    message: () =>
      "every node group is tainted and autoscaling is off, so services could not run anywhere; leave one group untainted or set autoscaling.enabled: true",
  },
  {
    path: "autoscaling.capacityTypes",
    when: (a) =>
      a.profile === "production" &&
      a.autoscaling.enabled &&
      !a.autoscaling.capacityTypes.includes("on-demand"),
    message: (a) =>
      `${show(a.autoscaling.capacityTypes)} has no "on-demand"; production keeps on-demand so services get nodes when EC2 reclaims Spot capacity (list ["spot", "on-demand"] to prefer Spot)`,
  },
  {
    path: "version",
    when: (a) =>
      a.autoscaling.enabled && !(KARPENTER_CHART.kubernetesVersions as readonly string[]).includes(a.version),
    message: (a) =>
      `${show(a.version)} is not supported by Karpenter ${KARPENTER_CHART.version} (supports ${KARPENTER_CHART.kubernetesVersions.join(", ")}); upgrade Karpenter in components/cluster/karpenter-chart.ts first, or set autoscaling.enabled: false`,
  },
  {
    path: "nodeGroups",
    when: (a) => a.profile === "production" && !a.nodeGroups.some((g) => g.capacityType === "ON_DEMAND"),
    message: () =>
      "every node group is SPOT; production needs at least one ON_DEMAND group so system pods survive Spot interruptions",
  },
]);

/** Cluster arguments as a caller writes them. */
export type ClusterArgs = ArgsOf<typeof CLUSTER_ARGS>;
/** Cluster arguments with every default filled in. */
export type ResolvedClusterArgs = ResolvedArgsOf<typeof CLUSTER_ARGS>;
/** One EKS managed node group (keys match `infra:cluster.nodeGroups[]`), as a caller writes it. */
export type NodeGroupArgs = NonNullable<ClusterArgs["nodeGroups"]>[number];
/** A node group with its defaults filled in. */
export type ResolvedNodeGroup = ResolvedClusterArgs["nodeGroups"][number];
export type NodeTaint = ResolvedNodeGroup["taints"][number];

/** The arguments of `serviceAccountRole`: which Kubernetes service account may assume the role. */
export interface ServiceAccountRoleArgs {
  /** Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /**
   * IAM policies to attach, keyed by a stable name for each attachment (the policy's name, e.g.
   * `{ AmazonS3ReadOnlyAccess: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }`). @default {}
   */
  readonly policyArns?: Readonly<Record<string, pulumi.Input<string>>>;
}
