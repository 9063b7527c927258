import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { run, valueOf } from "../../support/harness";

const CLUSTER = "platform";
const ROLE = "arn:aws:iam::123456789012:role/ops/platform-admin";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("the fake AWS for EKS and launch templates", () => {
  it("fills a node group's ARN and the Auto Scaling group it runs in", async () => {
    let group: aws.eks.NodeGroup | undefined;
    await run(() => {
      group = new aws.eks.NodeGroup("general", {
        clusterName: CLUSTER,
        nodeRoleArn: "arn:aws:iam::123456789012:role/node",
        subnetIds: ["subnet-1", "subnet-2"],
        version: "1.35",
        scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 3 },
      });
    });
    const [name, id, arn, resources, status, releaseVersion] = await Promise.all([
      valueOf(group!.nodeGroupName),
      valueOf(group!.id),
      valueOf(group!.arn),
      valueOf(group!.resources),
      valueOf(group!.status),
      valueOf(group!.releaseVersion),
    ]);
    expect(name).toMatch(/^general-[0-9a-f]{7}$/);
    expect(id).toBe(`${CLUSTER}:${name}`);
    expect(arn).toMatch(
      new RegExp(`^arn:aws:eks:eu-west-1:123456789012:nodegroup/${CLUSTER}/${name}/${UUID}$`),
    );
    const nodeGroupUuid = arn.split("/").pop();
    expect(resources).toEqual([
      { autoscalingGroups: [{ name: `eks-${name}-${nodeGroupUuid}` }], remoteAccessSecurityGroupId: "" },
    ]);
    expect(status).toBe("ACTIVE");
    expect(releaseVersion).toBe("1.35.0-20260101");
  });

  it("fills add-on, access entry and access policy association identifiers", async () => {
    let addon: aws.eks.Addon | undefined;
    let entry: aws.eks.AccessEntry | undefined;
    let association: aws.eks.AccessPolicyAssociation | undefined;
    await run(() => {
      addon = new aws.eks.Addon("coredns", {
        clusterName: CLUSTER,
        addonName: "coredns",
        addonVersion: "v1.13.2-eksbuild.1",
      });
      entry = new aws.eks.AccessEntry("admin", { clusterName: CLUSTER, principalArn: ROLE });
      association = new aws.eks.AccessPolicyAssociation("admin", {
        clusterName: CLUSTER,
        principalArn: ROLE,
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        accessScope: { type: "cluster" },
      });
    });
    expect(await valueOf(addon!.id)).toBe(`${CLUSTER}:coredns`);
    expect(await valueOf(addon!.arn)).toMatch(
      new RegExp(`^arn:aws:eks:eu-west-1:123456789012:addon/${CLUSTER}/coredns/${UUID}$`),
    );
    expect(await valueOf(addon!.addonVersion)).toBe("v1.13.2-eksbuild.1");
    expect(await valueOf(entry!.accessEntryArn)).toMatch(
      new RegExp(
        `^arn:aws:eks:eu-west-1:123456789012:access-entry/${CLUSTER}/role/123456789012/platform-admin/${UUID}$`,
      ),
    );
    expect(await valueOf(entry!.type)).toBe("STANDARD");
    expect(await valueOf(entry!.userName)).toBe(
      "arn:aws:sts::123456789012:assumed-role/platform-admin/{{SessionName}}",
    );
    expect(await valueOf(association!.id)).toBe(
      `${CLUSTER}#${ROLE}#arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
    );
    expect(await valueOf(association!.associatedAt)).toBe("2026-01-01T00:00:00Z");
  });

  it("refuses an access entry for something that is not an IAM principal", async () => {
    await expect(
      run(() => new aws.eks.AccessEntry("bad", { clusterName: CLUSTER, principalArn: "admin" })),
    ).rejects.toThrow("EKS access entries take an IAM role or user ARN");
  });

  it("gives launch templates an lt- id, an ARN and version 1", async () => {
    let template: aws.ec2.LaunchTemplate | undefined;
    await run(() => {
      template = new aws.ec2.LaunchTemplate("nodes", { metadataOptions: { httpTokens: "required" } });
    });
    const id = await valueOf(template!.id);
    expect(id).toMatch(/^lt-0[0-9a-f]{16}$/);
    expect(await valueOf(template!.arn)).toBe(`arn:aws:ec2:eu-west-1:123456789012:launch-template/${id}`);
    expect(await valueOf(template!.latestVersion)).toBe(1);
    expect(await valueOf(template!.name)).toMatch(/^nodes-[0-9a-f]{7}$/);
  });
});
