import { MANAGED_POLICIES, type ManagedPolicyName } from "./iam-policies";
import { SYSTEM_TAINT } from "./node-settings";
import {
  EKS_ADDON_NAMES,
  EKS_KUBERNETES_VERSIONS,
  type EksAddonName,
  type KubernetesVersion,
} from "./versions";

/**
 * When an add-on is created relative to the node groups. DaemonSet add-ons that a node needs to
 * become Ready (pod networking, service routing, pod identity) go first; add-ons that run as
 * Deployments go after, because a Deployment add-on created before any node stays DEGRADED until
 * EKS gives up on it (CoreDNS: 20 minutes), failing the first deploy.
 */
export type AddonPhase = "beforeNodeGroups" | "afterNodeGroups";

/** The Kubernetes service account an add-on's controller runs as, and the AWS policy it needs (IRSA). */
export interface AddonServiceAccount {
  /** Stable key of the IAM role (part of its resource name). */
  readonly roleKey: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly policy: ManagedPolicyName;
}

export interface AddonPlan {
  readonly name: EksAddonName;
  readonly version: string;
  readonly phase: AddonPhase;
  readonly serviceAccount?: AddonServiceAccount;
  /** The add-on's configuration (JSON, checked by EKS against the add-on's schema). */
  readonly configurationValues?: string;
}

/** The EKS add-on that runs cluster DNS: pods that resolve names through it wait for it. */
export const CLUSTER_DNS_ADDON = "coredns" satisfies EksAddonName;

/**
 * Lets an add-on's Deployment run on the system node group (tainted `CriticalAddonsOnly`): the
 * `tolerations` key of the add-on's configuration schema. CoreDNS must run there, before any
 * Karpenter node exists; metrics-server too, or the add-on stays DEGRADED until Karpenter runs.
 */
const SYSTEM_TOLERATION = JSON.stringify({ tolerations: [{ key: SYSTEM_TAINT.key, operator: "Exists" }] });

/**
 * Conflict resolution for both create and update: the add-on's configuration lives in code, so EKS
 * overwrites fields someone changed with kubectl (and, on create, the self-managed copies some
 * clusters start with) instead of keeping them as silent drift.
 */
export const ADDON_CONFLICT_RESOLUTION = "OVERWRITE";

const ADDON_PROFILES: Readonly<Record<EksAddonName, Omit<AddonPlan, "name" | "version">>> = {
  "vpc-cni": {
    phase: "beforeNodeGroups",
    // The CNI policy goes to the aws-node service account, not to every node's role.
    serviceAccount: {
      roleKey: "vpc-cni",
      namespace: "kube-system",
      serviceAccount: "aws-node",
      policy: MANAGED_POLICIES.cni,
    },
  },
  "kube-proxy": { phase: "beforeNodeGroups" },
  "eks-pod-identity-agent": { phase: "beforeNodeGroups" },
  coredns: { phase: "afterNodeGroups", configurationValues: SYSTEM_TOLERATION },
  "aws-ebs-csi-driver": {
    phase: "afterNodeGroups",
    serviceAccount: {
      roleKey: "ebs-csi-driver",
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      policy: MANAGED_POLICIES.ebsCsiDriver,
    },
  },
  "metrics-server": { phase: "afterNodeGroups", configurationValues: SYSTEM_TOLERATION },
};

/** Every add-on with its pinned build (an override wins over the version table), in install order. */
export function planAddons(
  version: KubernetesVersion,
  overrides: Readonly<Partial<Record<EksAddonName, string>>> = {},
): AddonPlan[] {
  const pinned = EKS_KUBERNETES_VERSIONS[version].addons;
  return EKS_ADDON_NAMES.map((name) => ({
    name,
    version: overrides[name] ?? pinned[name],
    ...ADDON_PROFILES[name],
  }));
}

/** When `name` is created relative to the node groups (see {@link AddonPhase}). */
export function addonPhase(name: EksAddonName): AddonPhase {
  return ADDON_PROFILES[name].phase;
}
