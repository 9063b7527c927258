import { FakeCloudError } from "../../errors";
import { arn } from "../context";
import type { FakeResource, FakeResourceTable } from "./types";

/** EKS names sub-resources by a UUID in their ARN (node groups, add-ons, access entries). */
function uuid(r: Pick<FakeResource, "hex">, salt: string): string {
  const hex = r.hex(32, salt);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The `role/<path/>name` or `user/<name>` part and the account of an IAM principal ARN. */
function iamPrincipal(principalArn: unknown): { account: string; kind: string; name: string } {
  const match = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(String(principalArn));
  if (!match) {
    throw new FakeCloudError(
      `EKS access entries take an IAM role or user ARN; got ${JSON.stringify(principalArn)}`,
    );
  }
  return { account: match[1]!, kind: match[2]!, name: match[3]! };
}

const timestamp = "2026-01-01T00:00:00Z";

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
  "aws:eks/nodeGroup:NodeGroup": {
    autoName: "nodeGroupName",
    id: (r) => `${String(r.inputs.clusterName)}:${String(r.inputs.nodeGroupName)}`,
    outputs: (r) => {
      const clusterName = String(r.inputs.clusterName);
      const nodeGroupName = String(r.inputs.nodeGroupName);
      const nodeGroupId = uuid(r, "nodegroup");
      return {
        arn: arn(r.account, "eks", `nodegroup/${clusterName}/${nodeGroupName}/${nodeGroupId}`),
        amiType: r.inputs.amiType ?? "AL2023_x86_64_STANDARD",
        capacityType: r.inputs.capacityType ?? "ON_DEMAND",
        ...(r.inputs.version ? { releaseVersion: `${String(r.inputs.version)}.0-20260101` } : {}),
        resources: [
          {
            autoscalingGroups: [{ name: `eks-${nodeGroupName}-${nodeGroupId}` }],
            remoteAccessSecurityGroupId: "",
          },
        ],
        status: "ACTIVE",
        updateConfig: r.inputs.updateConfig ?? { maxUnavailable: 1 },
      };
    },
  },
  "aws:eks/addon:Addon": {
    id: (r) => `${String(r.inputs.clusterName)}:${String(r.inputs.addonName)}`,
    outputs: (r) => ({
      arn: arn(
        r.account,
        "eks",
        `addon/${String(r.inputs.clusterName)}/${String(r.inputs.addonName)}/${uuid(r, "addon")}`,
      ),
      // EKS installs its default version for the cluster when none is pinned; the fake reports a fixed one.
      addonVersion: r.inputs.addonVersion ?? "v1.0.0-eksbuild.1",
      createdAt: timestamp,
      modifiedAt: timestamp,
    }),
  },
  "aws:eks/accessEntry:AccessEntry": {
    id: (r) => `${String(r.inputs.clusterName)}:${String(r.inputs.principalArn)}`,
    outputs: (r) => {
      const principal = iamPrincipal(r.inputs.principalArn);
      const clusterName = String(r.inputs.clusterName);
      return {
        accessEntryArn: arn(
          r.account,
          "eks",
          `access-entry/${clusterName}/${principal.kind}/${principal.account}/${principal.name}/${uuid(r, "entry")}`,
        ),
        createdAt: timestamp,
        modifiedAt: timestamp,
        kubernetesGroups: r.inputs.kubernetesGroups ?? [],
        type: r.inputs.type ?? "STANDARD",
        userName:
          r.inputs.userName ??
          (principal.kind === "role"
            ? `arn:${r.account.partition}:sts::${principal.account}:assumed-role/${principal.name}/{{SessionName}}`
            : String(r.inputs.principalArn)),
      };
    },
  },
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": {
    id: (r) =>
      `${String(r.inputs.clusterName)}#${String(r.inputs.principalArn)}#${String(r.inputs.policyArn)}`,
    outputs: () => ({ associatedAt: timestamp, modifiedAt: timestamp }),
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    id: (r) => `${String(r.inputs.clusterName)},a-${r.hex(17)}`,
    outputs: (r) => ({
      associationId: `a-${r.hex(17)}`,
      associationArn: arn(
        r.account,
        "eks",
        `podidentityassociation/${String(r.inputs.clusterName)}/a-${r.hex(17)}`,
      ),
      externalId: uuid(r, "external"),
    }),
  },
};
