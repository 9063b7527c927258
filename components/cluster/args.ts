import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type { EksAddonName } from "./versions";

/** How EC2 capacity for a node group is bought. */
export type CapacityType = "ON_DEMAND" | "SPOT";

/** A Kubernetes taint effect, spelled as the EKS API spells it. */
export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

export interface NodeTaint {
  /** Taint key, e.g. `dedicated`. */
  readonly key: string;
  /** Taint value. @default none */
  readonly value?: string;
  /** What happens to pods that do not tolerate the taint. */
  readonly effect: TaintEffect;
}

/** One EKS managed node group (keys match `infra:cluster.nodeGroups[]`). */
export interface NodeGroupArgs {
  /**
   * Stable key of the group: part of its resource names and its EKS name (`<component>-<name>-<7 hex>`,
   * at most 63 characters). Letters, digits, `-` and `_`, starting with a letter or digit.
   */
  readonly name: string;
  /**
   * EC2 instance types, the first preferred (e.g. `["m6i.large", "m6a.large"]`). All of one CPU
   * architecture: x86_64 types get the AL2023 x86_64 AMI, Graviton types (`m7g`, `c7gn`, ...) the
   * AL2023 arm64 AMI.
   */
  readonly instanceTypes: readonly string[];
  /** `ON_DEMAND` or `SPOT`. @default "ON_DEMAND" */
  readonly capacityType?: CapacityType;
  /** Fewest nodes (count). */
  readonly minSize: number;
  /**
   * Nodes at creation (count). Later changes by an autoscaler are not drift: the component ignores
   * this value after the group exists. @default minSize
   */
  readonly desiredSize?: number;
  /** Most nodes (count), at least 1. */
  readonly maxSize: number;
  /** Kubernetes labels on every node of the group. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes taints on every node of the group. @default [] */
  readonly taints?: readonly NodeTaint[];
  /** Nodes replaced at once during a rolling update (count, 1-100). @default profile: 1 / 1 */
  readonly maxUnavailable?: number;
  /** Root volume size (GiB, 20-16384; gp3, encrypted). @default profile: 30 / 50 */
  readonly diskSizeGib?: number;
}

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

export interface ClusterArgs {
  /** `development` or `production`: selects the defaults in `defaults.ts`. @default "production" */
  readonly profile?: Profile;
  /**
   * EKS cluster name (1-100 characters: letters, digits, `-`, `_`). Fixed rather than generated, so
   * the control-plane log group `/aws/eks/<name>/cluster` can be created before the cluster.
   * @default the component's name
   */
  readonly clusterName?: string;
  /**
   * Kubernetes minor version, one of the versions in `versions.ts` (e.g. `"1.35"`).
   * @default profile: the version pinned in `defaults.ts`
   */
  readonly version?: string;
  /**
   * Add-on builds that replace the ones pinned for `version` in `versions.ts`, by add-on name
   * (`{ coredns: "v1.13.2-eksbuild.1" }`). @default {}
   */
  readonly addonVersions?: Readonly<Partial<Record<EksAddonName, string>>>;
  /** The VPC the cluster and its nodes live in. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets for the control-plane network interfaces and the nodes (the network's private subnets). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The availability zone of each subnet in `subnetIds`, in the same order (plain values, since the
   * ids are not known before deployment). EKS requires subnets in at least 2 zones.
   */
  readonly subnetAvailabilityZones: readonly string[];
  /**
   * Also serve the Kubernetes API on a public endpoint, reachable only from `publicAccessCidrs`.
   * The private endpoint is always on. Loosens: the API becomes reachable from the Internet.
   * @default profile: false / false
   */
  readonly endpointPublicAccess?: boolean;
  /**
   * IPv4 ranges allowed to reach the public endpoint (CIDR notation, never `0.0.0.0/0`). Required
   * when `endpointPublicAccess` is true, not allowed otherwise. @default []
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * IAM role ARNs that get cluster-admin through EKS access entries (`AmazonEKSClusterAdminPolicy`,
   * cluster scope). Each role's name must be unique in the list. @default []
   */
  readonly adminRoleArns?: readonly string[];
  /**
   * IAM role ARNs that may read every Kubernetes object, Secrets included, through EKS access entries
   * (`AmazonEKSAdminViewPolicy`, cluster scope): the pipeline's read-only role, so `preview` and
   * `refresh` can read what the stack manages. `AmazonEKSViewPolicy` would not do: it covers neither
   * Secrets (where Helm keeps its releases) nor custom resources (ServiceMonitor, PrometheusRule).
   * Not in `adminRoleArns` too. @default []
   */
  readonly readOnlyRoleArns?: readonly string[];
  /**
   * Security groups whose members may call the Kubernetes API on the private endpoint (HTTPS to the
   * cluster security group), keyed by a stable name: the in-VPC deploy runner's group
   * (`DeployRunner.securityGroupId`). @default {}
   */
  readonly apiClientSecurityGroupIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Give the identity that creates the cluster cluster-admin (AWS's own default). Loosens: whoever
   * ran the first `pulumi up` keeps admin until its access entry is removed. Without it, list the
   * deploying role in `adminRoleArns`. @default false
   */
  readonly clusterCreatorAdmin?: boolean;
  /** Managed node groups; at least one, and at least one whose nodes take untainted pods. @default profile: one "general" group */
  readonly nodeGroups?: readonly NodeGroupArgs[];
  /** Retention of the control-plane log group (days; a CloudWatch Logs retention value). @default profile: 7 / 90 */
  readonly logRetentionDays?: number;
  /**
   * ARN of the customer KMS key encrypting the control-plane log group (a key ARN, not an alias; its
   * policy must let CloudWatch Logs of the region use it, as `LogsKey`'s does).
   * @default none: CloudWatch Logs' own encryption
   */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Waiting period before the secrets KMS key is deleted (days, 7-30). @default profile: 7 / 30 */
  readonly kmsKeyDeletionWindowDays?: number;
  /** Refuse to delete the cluster until this is turned off. @default profile: false / true */
  readonly deletionProtection?: boolean;
  /**
   * What EKS does at the end of standard support: `STANDARD` upgrades the cluster on its own,
   * `EXTENDED` keeps the version (billed extra) until you upgrade. @default profile: "STANDARD" / "EXTENDED"
   */
  readonly supportType?: "STANDARD" | "EXTENDED";
  /** Extra tags on every taggable resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}
