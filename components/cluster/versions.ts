/**
 * The Kubernetes versions this library creates EKS clusters with, and the EKS add-on version pinned
 * for each. A version missing here is rejected by validation: nothing resolves "latest" at deploy
 * time, so a cluster changes only when this file (or the stack's config) changes.
 *
 * Where the values come from:
 * - versions and support dates: the "Understand the Kubernetes version lifecycle on EKS" page of the
 *   Amazon EKS User Guide (release calendar);
 * - add-on versions: the version tables of the EKS User Guide (vpc-cni, CoreDNS, kube-proxy) and,
 *   for every add-on, `aws eks describe-addon-versions --kubernetes-version <version>
 *   --addon-name <add-on> --query 'addons[].addonVersions[].addonVersion'`.
 *
 * How to update:
 * - a new EKS version: add its row once every add-on below has a build for it (the command above),
 *   then move the default in `defaults.ts` in a separate change after trying it in development;
 * - a new add-on build: change the row's value; stacks pick it up on their next deploy;
 * - a version whose extended support has ended: remove its row (EKS no longer creates it and
 *   upgrades existing clusters on its own).
 */

/** The EKS add-ons every cluster gets, in the order a first deploy installs them. */
export const EKS_ADDON_NAMES = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "aws-ebs-csi-driver",
  "metrics-server",
] as const;
export type EksAddonName = (typeof EKS_ADDON_NAMES)[number];

export interface EksVersionSupport {
  /** Last day of EKS standard support (ISO date). */
  readonly standardSupportEnds: string;
  /** Last day of EKS extended support (ISO date); the row is removed after it. */
  readonly extendedSupportEnds: string;
  /** The pinned add-on build for this Kubernetes version. */
  readonly addons: Readonly<Record<EksAddonName, string>>;
}

export const EKS_KUBERNETES_VERSIONS = {
  "1.35": {
    standardSupportEnds: "2027-03-27",
    extendedSupportEnds: "2028-03-27",
    addons: {
      "vpc-cni": "v1.21.1-eksbuild.3",
      "kube-proxy": "v1.35.0-eksbuild.2",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
      coredns: "v1.13.2-eksbuild.1",
      "aws-ebs-csi-driver": "v1.59.0-eksbuild.1",
      "metrics-server": "v0.8.0-eksbuild.2",
    },
  },
  "1.34": {
    standardSupportEnds: "2026-12-02",
    extendedSupportEnds: "2027-12-02",
    addons: {
      "vpc-cni": "v1.20.4-eksbuild.2",
      "kube-proxy": "v1.34.0-eksbuild.2",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
      coredns: "v1.12.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.59.0-eksbuild.1",
      "metrics-server": "v0.8.0-eksbuild.2",
    },
  },
  "1.33": {
    standardSupportEnds: "2026-07-29",
    extendedSupportEnds: "2027-07-29",
    addons: {
      "vpc-cni": "v1.20.3-eksbuild.1",
      "kube-proxy": "v1.33.3-eksbuild.10",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.2",
      coredns: "v1.12.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.50.1-eksbuild.1",
      "metrics-server": "v0.8.0-eksbuild.2",
    },
  },
  "1.32": {
    standardSupportEnds: "2026-03-23",
    extendedSupportEnds: "2027-03-23",
    addons: {
      "vpc-cni": "v1.20.3-eksbuild.1",
      "kube-proxy": "v1.32.6-eksbuild.12",
      "eks-pod-identity-agent": "v1.3.8-eksbuild.2",
      coredns: "v1.11.4-eksbuild.24",
      "aws-ebs-csi-driver": "v1.50.1-eksbuild.1",
      "metrics-server": "v0.8.0-eksbuild.2",
    },
  },
} as const satisfies Readonly<Record<string, EksVersionSupport>>;

export type KubernetesVersion = keyof typeof EKS_KUBERNETES_VERSIONS;

/**
 * The `amazon-cloudwatch-observability` build (Container Insights; installed by `Observability`,
 * not by `Cluster`) per Kubernetes version, pinned like the cluster's add-ons so EKS never picks
 * one at create time. Update it the same way (`aws eks describe-addon-versions --kubernetes-version
 * <version> --addon-name amazon-cloudwatch-observability`).
 */
export const CLOUDWATCH_OBSERVABILITY_ADDON_VERSIONS: Readonly<Record<KubernetesVersion, string>> = {
  "1.35": "v4.5.0-eksbuild.1",
  "1.34": "v4.5.0-eksbuild.1",
  "1.33": "v4.5.0-eksbuild.1",
  "1.32": "v4.5.0-eksbuild.1",
};

/** The supported versions, newest first. */
export const KUBERNETES_VERSIONS = Object.keys(EKS_KUBERNETES_VERSIONS) as KubernetesVersion[];

export function isKubernetesVersion(value: string): value is KubernetesVersion {
  return Object.prototype.hasOwnProperty.call(EKS_KUBERNETES_VERSIONS, value);
}

/** The shape of an EKS add-on build: `v<major>.<minor>.<patch>-eksbuild.<n>`. */
export const ADDON_VERSION_PATTERN = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

export function isEksAddonName(value: string): value is EksAddonName {
  return (EKS_ADDON_NAMES as readonly string[]).includes(value);
}
