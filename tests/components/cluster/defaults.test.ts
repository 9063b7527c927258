import { describe, expect, it } from "vitest";
import { CLUSTER_ARGS, validateClusterArgs } from "../../../components/cluster";
import { isKubernetesVersion } from "../../../components/cluster/versions";
import { PROFILES } from "../../../components/core";
import { resolveLogRetentionDays } from "../../../components/observability";
import { minimalArgs } from "./fixtures";

describe("cluster defaults", () => {
  it("pins a Kubernetes version from the version table in every profile", () => {
    for (const profile of PROFILES)
      expect(isKubernetesVersion(CLUSTER_ARGS.defaults(profile).version)).toBe(true);
  });

  it("passes validation in every profile", () => {
    for (const profile of PROFILES)
      expect(validateClusterArgs(minimalArgs({ profile }), "platform")).toEqual([]);
  });

  it("keeps the API private and the creator without implicit admin in every profile", () => {
    for (const profile of PROFILES) {
      expect(CLUSTER_ARGS.defaults(profile).endpointPublicAccess).toBe(false);
      expect(CLUSTER_ARGS.defaults(profile).clusterCreatorAdmin).toBe(false);
    }
  });

  it("keeps control-plane logs as long as the platform's log policy: 7 days in development, 90 in production", () => {
    expect(CLUSTER_ARGS.defaults("development").logRetentionDays).toBe(7);
    expect(CLUSTER_ARGS.defaults("production").logRetentionDays).toBe(90);
    for (const profile of PROFILES)
      expect(CLUSTER_ARGS.defaults(profile).logRetentionDays).toBe(resolveLogRetentionDays(profile));
  });

  it("makes production the safer profile", () => {
    const [development, production] = [
      CLUSTER_ARGS.defaults("development"),
      CLUSTER_ARGS.defaults("production"),
    ];
    expect(production.deletionProtection).toBe(true);
    expect(development.deletionProtection).toBe(false);
    expect(production.logRetentionDays).toBeGreaterThan(development.logRetentionDays);
    expect(production.kmsKeyDeletionWindowDays).toBe(30);
    expect(production.supportType).toBe("EXTENDED");
    expect(production.nodeGroups.every((g) => g.minSize >= 2)).toBe(true);
  });
});
