import type { ProfileDefaults } from "../core";
import type { NodeGroupArgs } from "./args";
import type { KubernetesVersion } from "./versions";

export interface ClusterDefaults {
  /** Pinned: changes only by a change to this file, never by what AWS calls latest. */
  readonly version: KubernetesVersion;
  readonly endpointPublicAccess: boolean;
  readonly clusterCreatorAdmin: boolean;
  readonly nodeGroups: readonly NodeGroupArgs[];
  /** Days CloudWatch keeps the control-plane logs: the platform's log policy (as observability's `resolveLogRetentionDays`). */
  readonly logRetentionDays: number;
  readonly kmsKeyDeletionWindowDays: number;
  readonly deletionProtection: boolean;
  readonly supportType: "STANDARD" | "EXTENDED";
  readonly nodeMaxUnavailable: number;
  readonly nodeDiskSizeGib: number;
}

/** Every default of the cluster component, per profile. Explicit args override them. */
export const CLUSTER_DEFAULTS: ProfileDefaults<ClusterDefaults> = {
  development: {
    version: "1.35",
    endpointPublicAccess: false,
    clusterCreatorAdmin: false,
    nodeGroups: [
      { name: "general", instanceTypes: ["t3.large", "t3a.large"], minSize: 1, desiredSize: 2, maxSize: 3 },
    ],
    logRetentionDays: 7,
    kmsKeyDeletionWindowDays: 7,
    deletionProtection: false,
    // Development follows EKS's upgrades rather than paying for extended support.
    supportType: "STANDARD",
    nodeMaxUnavailable: 1,
    nodeDiskSizeGib: 30,
  },
  production: {
    version: "1.35",
    endpointPublicAccess: false,
    clusterCreatorAdmin: false,
    nodeGroups: [
      { name: "general", instanceTypes: ["m6i.large", "m6a.large"], minSize: 3, desiredSize: 3, maxSize: 6 },
    ],
    logRetentionDays: 90,
    kmsKeyDeletionWindowDays: 30,
    deletionProtection: true,
    // Production is never upgraded behind the code's back; the pinned version is the one that runs.
    supportType: "EXTENDED",
    nodeMaxUnavailable: 1,
    nodeDiskSizeGib: 50,
  },
};
