import type * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { Cluster, EKS_KUBERNETES_VERSIONS } from "../../../components/cluster";
import { InfraValidationError } from "../../../components/core";
import { parseJsonInput, run, valueOf, type Registered } from "../../support/harness";
import { ACCOUNT, minimalArgs } from "./fixtures";

const OFFICE = "203.0.113.0/24";
const LOGS_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
const ADDON = "aws:eks/addon:Addon";

let registered: Registered;
let cluster: Cluster;
let appRole: aws.iam.Role;
let roleError: unknown;

beforeAll(async () => {
  registered = await run(() => {
    cluster = new Cluster(
      "dev",
      minimalArgs({
        profile: "development",
        clusterName: "platform-dev",
        version: "1.33",
        addonVersions: { coredns: "v1.12.4-eksbuild.9" },
        endpointPublicAccess: true,
        publicAccessCidrs: [OFFICE],
        adminRoleArns: [],
        clusterCreatorAdmin: true,
        logsKmsKeyArn: LOGS_KEY,
        nodeSessionManager: true,
        tags: { environment: "production", team: "platform" },
      }),
    );
    appRole = cluster.serviceAccountRole("orders", {
      namespace: "shop",
      serviceAccount: "orders-api",
      policyArns: { AmazonS3ReadOnlyAccess: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
    });
    try {
      cluster.serviceAccountRole("bad", { namespace: "Shop_NS", serviceAccount: "" });
    } catch (err) {
      roleError = err;
    }
    return cluster;
  });
});

describe("Cluster (development profile)", () => {
  it("uses the development defaults: shorter retention, key window, standard support, no deletion protection", () => {
    expect(registered.one("aws:cloudwatch/logGroup:LogGroup").inputs).toMatchObject({
      name: "/aws/eks/platform-dev/cluster",
      retentionInDays: 7,
    });
    expect(registered.one("aws:kms/key:Key").inputs).toMatchObject({
      deletionWindowInDays: 7,
      enableKeyRotation: true,
    });
    // Without deletion protection, development can destroy its secrets key with the cluster.
    expect(registered.one("aws:kms/key:Key").options.protect).toBeFalsy();
    const eks = registered.one("aws:eks/cluster:Cluster");
    expect(eks.inputs).toMatchObject({
      name: "platform-dev",
      upgradePolicy: { supportType: "STANDARD" },
      deletionProtection: false,
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
    });
    // No admin entries: the only access entry is that of Karpenter's nodes.
    expect(registered.ofType("aws:eks/accessEntry:AccessEntry").map((e) => e.inputs.type)).toEqual([
      "EC2_LINUX",
    ]);
  });

  it("gives nodes Session Manager channels when opted in, never AmazonSSMManagedInstanceCore", () => {
    const policy = registered.one("aws:iam/rolePolicy:RolePolicy", "dev-node-session-manager");
    const actions = parseJsonInput(policy, "policy").Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain("ssmmessages:CreateControlChannel");
    expect(actions.some((a: string) => a.startsWith("ssm:GetParameter"))).toBe(false);
    const attached = registered
      .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .map((a) => String(a.inputs.policyArn));
    expect(attached.filter((arn) => arn.includes("SSM"))).toEqual([]);
  });

  it("keeps its own environment tag over a caller's tag of the same key", () => {
    const tags = registered.one("aws:eks/cluster:Cluster").inputs.tags as Record<string, string>;
    expect(tags.environment).not.toBe("production");
    expect(tags.team).toBe("platform");
  });

  it("encrypts the control-plane log group with the logs key given", () => {
    expect(registered.one("aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId).toBe(LOGS_KEY);
  });

  it("serves a public endpoint only to the listed ranges, keeping the private one", () => {
    expect(registered.one("aws:eks/cluster:Cluster").inputs.vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: [OFFICE],
    });
  });

  it("creates the profile's default node group, still encrypted and IMDSv2-only", () => {
    const group = registered.one("aws:eks/nodeGroup:NodeGroup");
    expect(group.name).toBe("dev-general");
    expect(group.inputs).toMatchObject({
      clusterName: "platform-dev",
      version: "1.33",
      instanceTypes: ["t3.large", "t3a.large"],
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 2 },
      // The system group: services go to Karpenter's nodes.
      taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
    });
    const template = registered.one("aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.inputs.metadataOptions).toMatchObject({ httpTokens: "required" });
    expect(template.inputs.blockDeviceMappings).toEqual([
      {
        deviceName: "/dev/xvda",
        ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
      },
    ]);
  });

  it("pins the add-ons of the chosen version, with explicit overrides winning", () => {
    const pinned = EKS_KUBERNETES_VERSIONS["1.33"].addons;
    const versions = Object.fromEntries(
      registered.ofType(ADDON).map((a) => [a.inputs.addonName, a.inputs.addonVersion]),
    );
    expect(versions).toEqual({ ...pinned, coredns: "v1.12.4-eksbuild.9" });
  });

  it("creates service account roles for workloads, trusted only by that service account", async () => {
    const role = registered.one("aws:iam/role:Role", "dev-orders");
    const issuer = (await valueOf(cluster.oidcIssuerUrl)).replace("https://", "");
    expect(parseJsonInput(role, "assumeRolePolicy").Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: await valueOf(cluster.oidcProviderArn) },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${issuer}:sub`]: "system:serviceaccount:shop:orders-api",
          [`${issuer}:aud`]: "sts.amazonaws.com",
        },
      },
    });
    expect(role.parent).toBe(registered.one("infra:index:Cluster").urn);
    expect(
      registered.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "dev-orders-AmazonS3ReadOnlyAccess")
        .inputs.policyArn,
    ).toBe("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    expect(await valueOf(appRole.arn)).toMatch(
      new RegExp(`^arn:aws:iam::${ACCOUNT}:role/dev-orders-[0-9a-f]{7}$`),
    );
  });

  it("rejects a service account role for an invalid namespace or service account, creating nothing", () => {
    expect(InfraValidationError.isInstance(roleError)).toBe(true);
    const issues = (roleError as InfraValidationError).issues;
    expect(issues.map((i) => i.path)).toEqual(["namespace", "serviceAccount"]);
    expect(registered.ofType("aws:iam/role:Role").some((r) => r.name === "dev-bad")).toBe(false);
  });
});

describe("Cluster validation in the constructor", () => {
  it("throws one InfraValidationError listing every problem before creating anything", async () => {
    let error: unknown;
    const result = await run(() => {
      try {
        new Cluster(
          "broken",
          minimalArgs({
            version: "1.19",
            subnetAvailabilityZones: ["eu-west-1a"],
            subnetIds: ["subnet-1"],
            nodeGroups: [{ name: "general", instanceTypes: [], minSize: 3, maxSize: 1 }],
          }),
        );
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cluster "broken": 4 problems\n/);
    expect(message).toContain("  - version: ");
    expect(message).toContain("  - subnetAvailabilityZones: ");
    expect(message).toContain("  - nodeGroups[0].instanceTypes: ");
    expect(message).toContain("  - nodeGroups[0].minSize: ");
    expect(result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});
