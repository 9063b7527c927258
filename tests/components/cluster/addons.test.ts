import { describe, expect, it } from "vitest";
import { ADDON_CONFLICT_RESOLUTION, planAddons } from "../../../components/cluster/addons";
import { EKS_KUBERNETES_VERSIONS, KUBERNETES_VERSIONS } from "../../../components/cluster/versions";

describe("planAddons", () => {
  const plan = planAddons("1.34");

  it("installs the six add-ons in first-deploy order", () => {
    expect(plan.map((a) => [a.name, a.phase])).toEqual([
      ["vpc-cni", "beforeNodeGroups"],
      ["kube-proxy", "beforeNodeGroups"],
      ["eks-pod-identity-agent", "beforeNodeGroups"],
      ["coredns", "afterNodeGroups"],
      ["aws-ebs-csi-driver", "afterNodeGroups"],
      ["metrics-server", "afterNodeGroups"],
    ]);
  });

  it("takes each version from the version table", () => {
    for (const version of KUBERNETES_VERSIONS) {
      for (const addon of planAddons(version)) {
        expect(addon.version).toBe(EKS_KUBERNETES_VERSIONS[version].addons[addon.name]);
      }
    }
  });

  it("lets an explicit build win over the table, for that add-on only", () => {
    const overridden = planAddons("1.34", { "vpc-cni": "v1.21.1-eksbuild.3" });
    expect(overridden.find((a) => a.name === "vpc-cni")?.version).toBe("v1.21.1-eksbuild.3");
    expect(overridden.find((a) => a.name === "coredns")?.version).toBe(
      EKS_KUBERNETES_VERSIONS["1.34"].addons.coredns,
    );
  });

  it("gives vpc-cni and the EBS CSI driver service account identities, and nothing else", () => {
    const identities = Object.fromEntries(plan.map((a) => [a.name, a.serviceAccount]));
    expect(identities["vpc-cni"]).toEqual({
      roleKey: "vpc-cni",
      namespace: "kube-system",
      serviceAccount: "aws-node",
      policy: "AmazonEKS_CNI_Policy",
    });
    expect(identities["aws-ebs-csi-driver"]).toEqual({
      roleKey: "ebs-csi-driver",
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      policy: "service-role/AmazonEBSCSIDriverPolicy",
    });
    for (const name of ["kube-proxy", "eks-pod-identity-agent", "coredns", "metrics-server"]) {
      expect(identities[name]).toBeUndefined();
    }
  });

  it("has the VPC CNI enforce NetworkPolicies, which it does not by default", () => {
    const cni = plan.find((a) => a.name === "vpc-cni")!;
    expect(JSON.parse(cni.configurationValues!)).toEqual({ enableNetworkPolicy: "true" });
    // The flag belongs to vpc-cni alone: no other add-on's schema has it.
    for (const addon of plan.filter((a) => a.name !== "vpc-cni")) {
      expect(addon.configurationValues ?? "", addon.name).not.toContain("enableNetworkPolicy");
    }
  });

  it("resolves conflicts by overwriting, so the code stays the source of truth", () => {
    expect(ADDON_CONFLICT_RESOLUTION).toBe("OVERWRITE");
  });
});
