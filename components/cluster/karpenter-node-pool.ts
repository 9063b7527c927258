import type { AutoscalingSettings } from "./autoscaling-args";
import { DISCOVERY_TAG } from "./karpenter-policy";
import { IMDS_HOP_LIMIT, ROOT_DEVICE } from "./node-settings";

/**
 * Karpenter's default EC2NodeClass and NodePool (`karpenter.k8s.aws/v1`, `karpenter.sh/v1`) as
 * plain objects: what the cluster creates, and what tests validate against the CRDs of the pinned
 * chart.
 */

/** Name of the default NodePool and EC2NodeClass. */
export const DEFAULT_NODE_POOL = "default";

/**
 * The AL2023 AMI family, always the newest release: Karpenter sees a new AMI as drift and replaces
 * nodes within the NodePool's disruption budget, so patches roll out without a code change.
 */
export const AMI_ALIAS = "al2023@latest";

/** The kinds of Karpenter's custom resources, with the API version this library writes. */
export const EC2_NODE_CLASS = { apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass" } as const;
export const NODE_POOL = { apiVersion: "karpenter.sh/v1", kind: "NodePool" } as const;

export interface NodeClassSettings {
  readonly clusterName: string;
  /** Name of the IAM role of the nodes; Karpenter creates and manages their instance profile. */
  readonly nodeRoleName: string;
  readonly rootVolumeGib: number;
  /** Tags on every instance, volume and network interface Karpenter launches. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: Record<string, unknown>;
}

/** Tags Karpenter sets itself on what it launches; a NodeClass may not set them (the CRD rejects them). */
const RESERVED_TAG_PREFIXES = ["kubernetes.io/cluster/", "karpenter.sh/", "karpenter.k8s.aws/", "eks:"];

/** The tags a NodeClass may carry: the component's, without those Karpenter reserves. */
export function nodeClassTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).filter(([key]) => !RESERVED_TAG_PREFIXES.some((prefix) => key.startsWith(prefix))),
  );
}

/**
 * The default EC2NodeClass: AL2023, the cluster's private subnets and node security group found by
 * their discovery tag, IMDSv2 only with the hop limit the managed node groups use, an encrypted gp3
 * root volume.
 */
export function ec2NodeClass(settings: NodeClassSettings): KubernetesObject {
  const discovery = [{ tags: { [DISCOVERY_TAG]: settings.clusterName } }];
  return {
    ...EC2_NODE_CLASS,
    metadata: { name: DEFAULT_NODE_POOL },
    spec: {
      role: settings.nodeRoleName,
      amiSelectorTerms: [{ alias: AMI_ALIAS }],
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: discovery,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpProtocolIPv6: "disabled",
        httpPutResponseHopLimit: IMDS_HOP_LIMIT,
        httpTokens: "required",
      },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE,
          rootVolume: true,
          ebs: {
            volumeSize: `${settings.rootVolumeGib}Gi`,
            volumeType: "gp3",
            encrypted: true,
            deleteOnTermination: true,
          },
        },
      ],
      tags: nodeClassTags(settings.tags),
    },
  };
}

/** A node count or share as a disruption budget takes it: `"10%"`. */
export function disruptionBudget(percent: number): string {
  return `${percent}%`;
}

/**
 * The default NodePool: the architectures, capacity types and instance categories from config,
 * bounded by CPU and memory limits, consolidating within a disruption budget and replacing nodes after
 * `expireAfterHours`.
 */
export function nodePool(settings: AutoscalingSettings): KubernetesObject {
  return {
    ...NODE_POOL,
    metadata: { name: DEFAULT_NODE_POOL },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: EC2_NODE_CLASS.kind, name: DEFAULT_NODE_POOL },
          requirements: [
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "kubernetes.io/arch", operator: "In", values: [...settings.architectures] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: [...settings.capacityTypes] },
            {
              key: "karpenter.k8s.aws/instance-category",
              operator: "In",
              values: [...settings.instanceCategories],
            },
            {
              key: "karpenter.k8s.aws/instance-generation",
              operator: "Gt",
              values: [String(settings.minInstanceGeneration - 1)],
            },
          ],
          expireAfter: `${settings.expireAfterHours}h`,
        },
      },
      limits: { cpu: String(settings.cpuLimit), memory: `${settings.memoryLimitGib}Gi` },
      disruption: {
        consolidationPolicy: settings.consolidationPolicy,
        consolidateAfter: settings.consolidateAfter,
        budgets: [{ nodes: disruptionBudget(settings.maxDisruptedNodesPercent) }],
      },
    },
  };
}
