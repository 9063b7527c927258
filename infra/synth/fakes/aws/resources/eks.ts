import { arn } from "../context";
import type { FakeResourceTable } from "./types";

/** A syntactically valid base64 PEM so kubeconfig builders and parsers have something real to read. */
function fakeCertificateAuthority(seed: string): string {
  const body = Buffer.from(seed.repeat(8))
    .toString("base64")
    .match(/.{1,64}/g)!
    .join("\n");
  return Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`).toString("base64");
}

export const EKS_RESOURCES: FakeResourceTable = {
  "aws:eks/cluster:Cluster": {
    autoName: "name",
    outputs: (r) => {
      const endpointId = r.hex(32).toUpperCase();
      const region = r.account.region.name;
      return {
        arn: arn(r.account, "eks", `cluster/${r.id}`),
        clusterId: `${r.hex(8, "cid")}-${r.hex(4, "c2")}-${r.hex(4, "c3")}-${r.hex(4, "c4")}-${r.hex(12, "c5")}`,
        endpoint: `https://${endpointId}.gr7.${region}.eks.${r.account.dnsSuffix}`,
        certificateAuthority: { data: fakeCertificateAuthority(r.hex(32, "ca")) },
        identities: [
          { oidcs: [{ issuer: `https://oidc.eks.${region}.${r.account.dnsSuffix}/id/${endpointId}` }] },
        ],
        platformVersion: "eks.10",
        status: "ACTIVE",
        version: r.inputs.version,
        vpcConfig: {
          ...(r.inputs.vpcConfig ?? {}),
          clusterSecurityGroupId: `sg-0${r.hex(16, "cluster-sg")}`,
          vpcId: `vpc-0${r.hex(16, "vpc")}`,
        },
      };
    },
  },
  "aws:eks/addon:Addon": {
    id: (r) => `${String(r.inputs.clusterName)}:${String(r.inputs.addonName)}`,
    outputs: (r) => ({
      arn: arn(
        r.account,
        "eks",
        `addon/${String(r.inputs.clusterName)}/${String(r.inputs.addonName)}/${r.hex(8, "a1")}-${r.hex(4, "a2")}-${r.hex(4, "a3")}-${r.hex(4, "a4")}-${r.hex(12, "a5")}`,
      ),
      // EKS installs its default version for the cluster when none is pinned; the fake reports a fixed one.
      addonVersion: r.inputs.addonVersion ?? "v1.0.0-eksbuild.1",
      createdAt: "2026-01-01T00:00:00Z",
      modifiedAt: "2026-01-01T00:00:00Z",
    }),
  },
};
