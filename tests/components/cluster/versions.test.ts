import { describe, expect, it } from "vitest";
import {
  ADDON_VERSION_PATTERN,
  EKS_ADDON_NAMES,
  EKS_KUBERNETES_VERSIONS,
  isEksAddonName,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
} from "../../../components/cluster/versions";

describe("the EKS version table", () => {
  it("lists minor versions, newest first", () => {
    expect(KUBERNETES_VERSIONS).toEqual(["1.35", "1.34", "1.33", "1.32"]);
    for (const version of KUBERNETES_VERSIONS) expect(version).toMatch(/^1\.\d{2}$/);
  });

  it("pins an eksbuild version of every add-on for every Kubernetes version", () => {
    for (const version of KUBERNETES_VERSIONS) {
      const addons = EKS_KUBERNETES_VERSIONS[version].addons;
      expect(Object.keys(addons).sort()).toEqual([...EKS_ADDON_NAMES].sort());
      for (const build of Object.values(addons)) expect(build).toMatch(ADDON_VERSION_PATTERN);
    }
  });

  it("pins the kube-proxy build of the cluster's own minor version", () => {
    for (const version of KUBERNETES_VERSIONS) {
      expect(EKS_KUBERNETES_VERSIONS[version].addons["kube-proxy"]).toMatch(
        new RegExp(`^v${version.replace(".", "\\.")}\\.`),
      );
    }
  });

  it("keeps support dates ordered: standard support ends a year before extended support", () => {
    for (const version of KUBERNETES_VERSIONS) {
      const { standardSupportEnds, extendedSupportEnds } = EKS_KUBERNETES_VERSIONS[version];
      const standard = new Date(standardSupportEnds);
      const extended = new Date(extendedSupportEnds);
      expect(extended.getUTCFullYear() - standard.getUTCFullYear()).toBe(1);
      expect(extended.getUTCMonth()).toBe(standard.getUTCMonth());
    }
  });

  it("recognises its own versions and add-on names only", () => {
    expect(isKubernetesVersion("1.35")).toBe(true);
    expect(isKubernetesVersion("1.31")).toBe(false);
    expect(isKubernetesVersion("toString")).toBe(false);
    expect(isEksAddonName("coredns")).toBe(true);
    expect(isEksAddonName("aws-efs-csi-driver")).toBe(false);
  });

  it("matches only eksbuild add-on versions", () => {
    expect(ADDON_VERSION_PATTERN.test("v1.20.4-eksbuild.2")).toBe(true);
    for (const bad of ["1.20.4-eksbuild.2", "v1.20.4", "v1.20-eksbuild.1", "latest"]) {
      expect(ADDON_VERSION_PATTERN.test(bad)).toBe(false);
    }
  });
});
