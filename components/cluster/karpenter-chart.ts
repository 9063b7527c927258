import type { Profile } from "../core";

/**
 * The Karpenter chart, pinned: an upgrade is a reviewed code change. Its CRDs ship in the chart and
 * Helm installs them with the first release only (Karpenter's upgrade guide), so a version bump must
 * also apply the new CRDs (or move them to the `karpenter-crd` chart).
 */
export const KARPENTER_CHART = {
  chart: "oci://public.ecr.aws/karpenter/karpenter",
  version: "1.14.1",
  /**
   * The Kubernetes minor versions this Karpenter release supports. Source: Karpenter's compatibility
   * matrix (karpenter.sh, "Upgrading / Compatibility") as summarised by endoflife.date: 1.9 to 1.11
   * support 1.29-1.35; 1.14 (July 2026) supports at least those.
   */
  kubernetesVersions: ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"],
} as const;

/** Karpenter runs in kube-system, as its getting-started guide installs it. */
export const KARPENTER_NAMESPACE = "kube-system";
/** Fixed release and service-account names: Pod Identity binds the role to the account by name. */
export const KARPENTER_RELEASE = "karpenter";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";

/**
 * Controller replicas: one in development; two in production, on different nodes and zones (the
 * chart's anti-affinity and topology spread), so a node loss never stops scaling.
 */
export const KARPENTER_REPLICAS: Readonly<Record<Profile, number>> = { development: 1, production: 2 };

/**
 * Requests and limits of the controller; memory grows with the number of nodes and pods it tracks.
 * Karpenter's getting-started guide runs it with 1 CPU and 1 GiB (requests = limits).
 */
export const KARPENTER_RESOURCES = {
  requests: { cpu: "250m", memory: "512Mi" },
  limits: { cpu: "1", memory: "1Gi" },
} as const;

/**
 * The controller resolves names with the node's resolver (the VPC's), not cluster DNS: it calls only
 * AWS APIs and the Kubernetes API (by the service IP Kubernetes injects), and nothing calls it by a
 * service name, so it can start before CoreDNS runs and a first deploy installs it while the CoreDNS
 * add-on is still being created. Karpenter's chart shipped this as its default (2022-2024) for that
 * reason and went back to `ClusterFirst` only for service-mesh sidecars, which this platform does not
 * inject (aws/karpenter-provider-aws#2199, #5483).
 */
export const KARPENTER_DNS_POLICY = "Default";

export interface KarpenterValuesSettings {
  readonly profile: Profile;
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  readonly interruptionQueueName: string;
}

/**
 * Helm values for the chart. Everything else keeps the chart's default, notably the toleration of
 * `CriticalAddonsOnly` (it runs on the system node group) and the node affinity that keeps it off the
 * nodes it launches itself.
 */
export function karpenterValues(settings: KarpenterValuesSettings): Record<string, unknown> {
  return {
    replicas: KARPENTER_REPLICAS[settings.profile],
    serviceAccount: { name: KARPENTER_SERVICE_ACCOUNT },
    dnsPolicy: KARPENTER_DNS_POLICY,
    controller: { resources: KARPENTER_RESOURCES },
    settings: {
      clusterName: settings.clusterName,
      clusterEndpoint: settings.clusterEndpoint,
      interruptionQueue: settings.interruptionQueueName,
    },
  };
}
