import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { beforeAll, describe, expect, it } from "vitest";
import { Cluster, CONTROL_PLANE_LOG_TYPES, EKS_KUBERNETES_VERSIONS } from "../../../components/cluster";
import { evaluatePolicies } from "../../../policies/evaluate";
import {
  isSecret,
  parseJsonInput,
  run,
  SECRET_MASK,
  valueOf,
  type Registered,
  type SynthResource,
} from "../../support/harness";
import { ACCOUNT, ADMIN_ROLE, DEPLOYER_ROLE, minimalArgs, SUBNET_IDS } from "./fixtures";

const BREAK_GLASS_ROLE = `arn:aws:iam::${ACCOUNT}:role/infra-break-glass`;

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ADDON = "aws:eks/addon:Addon";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const PINNED = EKS_KUBERNETES_VERSIONS["1.35"].addons;

let registered: Registered;
let cluster: Cluster;

const named = (type: string, name: string) => registered.one(type, name);
/** Policy ARNs attached to a role, found by the role's auto-generated physical name. */
const policiesAttachedTo = (role: SynthResource) =>
  registered
    .ofType(ATTACHMENT)
    .filter((a) => new RegExp(`^${role.name}-[0-9a-f]{7}$`).test(String(a.inputs.role)))
    .map((a) => a.inputs.policyArn);

beforeAll(async () => {
  registered = await run(() => {
    cluster = new Cluster(
      "platform",
      minimalArgs({
        adminRoleArns: [ADMIN_ROLE, DEPLOYER_ROLE],
        kmsKeyAccess: { administratorRoleArns: [ADMIN_ROLE], breakGlassRoleArn: BREAK_GLASS_ROLE },
        nodeGroups: [
          {
            name: "general",
            instanceTypes: ["m6i.large", "m6a.large"],
            minSize: 3,
            desiredSize: 4,
            maxSize: 6,
            labels: { workload: "general" },
          },
          {
            name: "batch",
            instanceTypes: ["m7g.xlarge", "c7g.xlarge"],
            capacityType: "SPOT",
            minSize: 0,
            maxSize: 10,
            maxUnavailable: 2,
            diskSizeGib: 100,
            taints: [{ key: "dedicated", value: "batch", effect: "NO_SCHEDULE" }],
          },
        ],
        tags: { team: "platform" },
      }),
    );
    return cluster;
  });
});

describe("Cluster (production defaults)", () => {
  it("is one infra:index:Cluster whose children all carry its name", () => {
    const component = registered.one("infra:index:Cluster", "platform");
    const children = registered.childrenOf(component.urn);
    expect(children.length).toBeGreaterThan(30);
    for (const child of children) expect(child.name).toMatch(/^platform-/);
    const strays = registered.resources.filter(
      (r) => r.type.startsWith("aws:") && !r.urn.includes("infra:index:Cluster$"),
    );
    expect(strays).toEqual([]);
  });

  it("runs the pinned Kubernetes version on private subnets with a private endpoint only", () => {
    const eks = named("aws:eks/cluster:Cluster", "platform-eks");
    expect(eks.inputs.name).toBe("platform");
    expect(eks.inputs.version).toBe("1.35");
    expect(eks.inputs.vpcConfig).toEqual({
      subnetIds: SUBNET_IDS,
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(eks.inputs.bootstrapSelfManagedAddons).toBe(false);
    expect(eks.inputs.upgradePolicy).toEqual({ supportType: "EXTENDED" });
    expect(eks.inputs.deletionProtection).toBe(true);
  });

  it("envelope-encrypts secrets with a rotating customer KMS key the control plane may use", () => {
    const key = named("aws:kms/key:Key", "platform-secrets");
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBe(30);
    expect(key.options.protect).toBe(true);
    const alias = named("aws:kms/alias:Alias", "platform-secrets");
    expect(alias.inputs.name).toBe("alias/eks/platform-secrets");
    const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${String(alias.inputs.targetKeyId)}`;

    const eks = named("aws:eks/cluster:Cluster", "platform-eks");
    expect(eks.inputs.encryptionConfig).toEqual({ provider: { keyArn }, resources: ["secrets"] });

    const keyUse = parseJsonInput(
      named("aws:iam/rolePolicy:RolePolicy", "platform-cluster-secrets-key"),
      "policy",
    );
    expect(keyUse.Statement).toEqual([
      {
        Sid: "EnvelopeEncryptSecrets",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        Resource: keyArn,
      },
    ]);
  });

  it("gives the secrets key's cryptographic use to the cluster role alone, administration apart, deletion to the break-glass role", () => {
    type Statement = { Sid: string; Principal: unknown; Action: string[]; Condition?: unknown };
    const policy = parseJsonInput<{ Statement: Statement[] }>(
      named("aws:kms/key:Key", "platform-secrets"),
      "policy",
    );
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual([
      "AccountAdministersKey",
      "AdministratorsAdministerKey",
      "ClusterRoleEncryptsSecrets",
      "EksCreatesGrantForCluster",
      "OnlyBreakGlassDisablesOrDeletesKey",
    ]);
    expect(bySid.AdministratorsAdministerKey!.Principal).toEqual({ AWS: [ADMIN_ROLE] });
    expect(bySid.AdministratorsAdministerKey!.Action).not.toContain("kms:Decrypt");
    expect(bySid.ClusterRoleEncryptsSecrets).toMatchObject({
      Principal: {
        AWS: [expect.stringMatching(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/platform-cluster`))],
      },
      Action: ["kms:Encrypt", "kms:Decrypt"],
    });
    expect(bySid.OnlyBreakGlassDisablesOrDeletesKey!.Condition).toEqual({
      ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS_ROLE },
    });
  });

  it("sends all five control-plane log types to a log group created first, with a retention", () => {
    const eks = named("aws:eks/cluster:Cluster", "platform-eks");
    expect(eks.inputs.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    expect(CONTROL_PLANE_LOG_TYPES).toHaveLength(5);
    const logGroup = named("aws:cloudwatch/logGroup:LogGroup", "platform-control-plane");
    expect(logGroup.inputs.name).toBe("/aws/eks/platform/cluster");
    expect(logGroup.inputs.retentionInDays).toBe(90);
    // No logsKmsKeyArn: the group keeps CloudWatch Logs' own encryption.
    expect(logGroup.inputs.kmsKeyId).toBeUndefined();
    expect(eks.options.dependsOn).toEqual(
      expect.arrayContaining([
        logGroup.urn,
        named(ATTACHMENT, "platform-cluster-AmazonEKSClusterPolicy").urn,
        named("aws:iam/rolePolicy:RolePolicy", "platform-cluster-secrets-key").urn,
      ]),
    );
  });

  it("gives the control plane a role only EKS, for this cluster, assumes, with AmazonEKSClusterPolicy", () => {
    const role = named(ROLE, "platform-cluster");
    const trust = parseJsonInput(role, "assumeRolePolicy");
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/platform` },
        },
      },
    ]);
    expect(named(ATTACHMENT, "platform-cluster-AmazonEKSClusterPolicy").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    );
  });

  it("authenticates through access entries only, making each admin role cluster-admin", () => {
    const eks = named("aws:eks/cluster:Cluster", "platform-eks");
    expect(eks.inputs.accessConfig).toEqual({
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
    const entries = registered
      .ofType("aws:eks/accessEntry:AccessEntry")
      .filter((e) => e.inputs.type === "STANDARD");
    expect(entries.map((e) => [e.name, e.inputs.principalArn, e.inputs.type])).toEqual([
      ["platform-admin-platform-admin", ADMIN_ROLE, "STANDARD"],
      ["platform-admin-platform-deployer", DEPLOYER_ROLE, "STANDARD"],
    ]);
    const associations = registered.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    expect(associations.map((a) => [a.name, a.inputs.principalArn])).toEqual([
      ["platform-admin-platform-admin", ADMIN_ROLE],
      ["platform-admin-platform-deployer", DEPLOYER_ROLE],
    ]);
    for (const association of associations) {
      expect(association.inputs.policyArn).toBe(
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      );
      expect(association.inputs.accessScope).toEqual({ type: "cluster" });
      expect(association.inputs.clusterName).toBe("platform");
    }
    expect(registered.resources.some((r) => r.type.includes("ConfigMap"))).toBe(false);
  });

  it("registers the cluster's OIDC issuer as an IAM identity provider for STS", async () => {
    const oidc = named("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "platform-oidc");
    const issuer = await valueOf(cluster.oidcIssuerUrl);
    expect(oidc.inputs.url).toBe(issuer);
    expect(oidc.inputs.clientIdLists).toEqual(["sts.amazonaws.com"]);
  });

  it("gives nodes a role with the worker and registry policies, neither the CNI nor the SSM policy", () => {
    const role = named(ROLE, "platform-node");
    expect(parseJsonInput(role, "assumeRolePolicy").Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    const nodePolicies = registered
      .ofType(ATTACHMENT)
      .filter((a) => a.name.startsWith("platform-node-"))
      .map((a) => a.inputs.policyArn)
      .sort();
    expect(nodePolicies).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    ]);
    expect(nodePolicies.some((arn) => String(arn).includes("CNI"))).toBe(false);
    expect(registered.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.name)).not.toContain(
      "platform-node-session-manager",
    );
  });

  it("launches nodes with IMDSv2 required, hop limit 1 (pods cannot reach the node role) and an encrypted gp3 root volume", () => {
    for (const [group, size] of [
      ["general", 50],
      ["batch", 100],
    ] as const) {
      const template = named(LAUNCH_TEMPLATE, `platform-${group}`);
      expect(template.inputs.metadataOptions).toEqual({
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      });
      expect(template.inputs.blockDeviceMappings).toEqual([
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: size, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ]);
      expect(template.inputs.imageId).toBeUndefined();
      expect(
        (template.inputs.tagSpecifications as { resourceType: string }[]).map((t) => t.resourceType),
      ).toEqual(["instance", "volume", "network-interface"]);
    }
  });

  it("creates managed node groups from the args, leaving desired size to the autoscaler", () => {
    const general = named(NODE_GROUP, "platform-general");
    expect(general.inputs).toMatchObject({
      clusterName: "platform",
      version: "1.35",
      amiType: "AL2023_x86_64_STANDARD",
      instanceTypes: ["m6i.large", "m6a.large"],
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: 3, desiredSize: 4, maxSize: 6 },
      updateConfig: { maxUnavailable: 1 },
      labels: { workload: "general" },
      taints: [],
      subnetIds: SUBNET_IDS,
      launchTemplate: { version: "1" },
    });
    expect(String((general.inputs.launchTemplate as { id: string }).id)).toMatch(/^lt-0[0-9a-f]{16}$/);
    expect(general.inputs.nodeRoleArn).toMatch(
      new RegExp(`^arn:aws:iam::${ACCOUNT}:role/platform-node-[0-9a-f]{7}$`),
    );
    expect(general.options.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);

    const batch = named(NODE_GROUP, "platform-batch");
    expect(batch.inputs).toMatchObject({
      amiType: "AL2023_ARM_64_STANDARD",
      capacityType: "SPOT",
      scalingConfig: { minSize: 0, desiredSize: 0, maxSize: 10 },
      updateConfig: { maxUnavailable: 2 },
      taints: [{ key: "dedicated", value: "batch", effect: "NO_SCHEDULE" }],
    });
    expect(batch.options.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);
  });

  it("installs every add-on at its pinned version, overwriting conflicts deliberately", () => {
    const addons = registered.ofType(ADDON);
    expect(addons.map((a) => a.inputs.addonName).sort()).toEqual([
      "aws-ebs-csi-driver",
      "coredns",
      "eks-pod-identity-agent",
      "kube-proxy",
      "metrics-server",
      "vpc-cni",
    ]);
    for (const addon of addons) {
      const addonName = addon.inputs.addonName as keyof typeof PINNED;
      expect(addon.name).toBe(`platform-${addonName}`);
      expect(addon.inputs.addonVersion).toBe(PINNED[addonName]);
      expect(addon.inputs.clusterName).toBe("platform");
      expect(addon.inputs.resolveConflictsOnCreate).toBe("OVERWRITE");
      expect(addon.inputs.resolveConflictsOnUpdate).toBe("OVERWRITE");
    }
  });

  it("gives vpc-cni and the EBS CSI driver their own IRSA roles, and no other add-on a role", () => {
    const cniRole = named(ROLE, "platform-vpc-cni");
    const ebsRole = named(ROLE, "platform-ebs-csi-driver");
    const roleArn = (role: SynthResource) =>
      new RegExp(`^arn:aws:iam::${ACCOUNT}:role/${role.name}-[0-9a-f]{7}$`);
    expect(named(ADDON, "platform-vpc-cni").inputs.serviceAccountRoleArn).toMatch(roleArn(cniRole));
    expect(named(ADDON, "platform-aws-ebs-csi-driver").inputs.serviceAccountRoleArn).toMatch(
      roleArn(ebsRole),
    );
    for (const other of ["kube-proxy", "eks-pod-identity-agent", "coredns", "metrics-server"]) {
      expect(named(ADDON, `platform-${other}`).inputs.serviceAccountRoleArn).toBeUndefined();
    }
    expect(named(ATTACHMENT, "platform-vpc-cni-AmazonEKS_CNI_Policy").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    );
    expect(named(ATTACHMENT, "platform-ebs-csi-driver-AmazonEBSCSIDriverPolicy").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    );
    expect(named(ADDON, "platform-vpc-cni").options.dependsOn).toEqual([
      named(ATTACHMENT, "platform-vpc-cni-AmazonEKS_CNI_Policy").urn,
    ]);
    expect(policiesAttachedTo(cniRole)).toEqual(["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
    expect(policiesAttachedTo(ebsRole)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    ]);
  });

  it("limits each IRSA trust policy to exactly its namespace and service account", async () => {
    const [providerArn, issuerUrl] = await Promise.all([
      valueOf(cluster.oidcProviderArn),
      valueOf(cluster.oidcIssuerUrl),
    ]);
    const issuer = issuerUrl.replace("https://", "");
    for (const [roleName, subject] of [
      ["platform-vpc-cni", "system:serviceaccount:kube-system:aws-node"],
      ["platform-ebs-csi-driver", "system:serviceaccount:kube-system:ebs-csi-controller-sa"],
    ]) {
      const trust = parseJsonInput(named(ROLE, roleName!), "assumeRolePolicy");
      expect(trust.Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Federated: providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" },
          },
        },
      ]);
    }
  });

  it("orders add-ons so a first deploy succeeds: networking before nodes, Deployments after", () => {
    const before = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map((a) =>
      named(ADDON, `platform-${a}`),
    );
    const groups = ["general", "batch"].map((g) => named(NODE_GROUP, `platform-${g}`));
    for (const group of groups) {
      expect(group.options.dependsOn).toEqual(expect.arrayContaining(before.map((a) => a.urn)));
    }
    for (const addon of before) {
      for (const group of groups) expect(addon.options.dependsOn ?? []).not.toContain(group.urn);
    }
    for (const after of ["coredns", "aws-ebs-csi-driver", "metrics-server"]) {
      expect(named(ADDON, `platform-${after}`).options.dependsOn).toEqual(
        expect.arrayContaining(groups.map((g) => g.urn)),
      );
    }
  });

  it("starts nodes only after their role's policies and the control-plane path exist", () => {
    const general = named(NODE_GROUP, "platform-general");
    const prerequisites = [
      ...registered.ofType(ATTACHMENT).filter((a) => a.name.startsWith("platform-node-")),
      named(INGRESS, "platform-control-plane-from-nodes-https"),
      named(EGRESS, "platform-nodes-to-anywhere"),
    ];
    expect(general.options.dependsOn).toEqual(expect.arrayContaining(prerequisites.map((p) => p.urn)));
  });

  it("puts nodes in a dedicated security group with the rules nodes and control plane need", async () => {
    const group = named("aws:ec2/securityGroup:SecurityGroup", "platform-nodes");
    const nodeGroupId = await valueOf(cluster.nodeSecurityGroupId);
    expect(group.inputs.vpcId).toBe("vpc-0a1b2c3d4e5f60000");
    expect(group.inputs.tags).toMatchObject({
      "kubernetes.io/cluster/platform": "owned",
      Name: "platform-nodes",
    });
    expect(named(LAUNCH_TEMPLATE, "platform-general").inputs.vpcSecurityGroupIds).toEqual([nodeGroupId]);

    const controlPlaneToNodes = named(INGRESS, "platform-nodes-from-control-plane-ephemeral");
    const controlPlaneId = controlPlaneToNodes.inputs.referencedSecurityGroupId;
    expect(controlPlaneId).toMatch(/^sg-0[0-9a-f]{16}$/);
    expect(controlPlaneId).not.toBe(nodeGroupId);
    expect(controlPlaneToNodes.inputs).toMatchObject({
      securityGroupId: nodeGroupId,
      ipProtocol: "tcp",
      fromPort: 1025,
      toPort: 65535,
    });
    expect(named(INGRESS, "platform-nodes-from-control-plane-https").inputs).toMatchObject({
      securityGroupId: nodeGroupId,
      referencedSecurityGroupId: controlPlaneId,
      fromPort: 443,
      toPort: 443,
    });
    expect(named(INGRESS, "platform-nodes-from-nodes").inputs).toMatchObject({
      securityGroupId: nodeGroupId,
      referencedSecurityGroupId: nodeGroupId,
      ipProtocol: "-1",
    });
    expect(named(INGRESS, "platform-control-plane-from-nodes-https").inputs).toMatchObject({
      securityGroupId: controlPlaneId,
      referencedSecurityGroupId: nodeGroupId,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
    });
    expect(named(EGRESS, "platform-nodes-to-anywhere").inputs).toMatchObject({
      securityGroupId: nodeGroupId,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "-1",
    });
    for (const rule of registered.ofType(INGRESS)) expect(rule.inputs.cidrIpv4).toBeUndefined();
  });

  it("exposes the cluster's identity and endpoint as outputs", async () => {
    expect(await valueOf(cluster.clusterName)).toBe("platform");
    expect(await valueOf(cluster.endpoint)).toMatch(
      /^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/,
    );
    const pem = Buffer.from(await valueOf(cluster.certificateAuthority), "base64").toString();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const issuer = await valueOf(cluster.oidcIssuerUrl);
    expect(issuer).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(await valueOf(cluster.oidcProviderArn)).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer.replace("https://", "")}`,
    );
    expect(await valueOf(cluster.nodeSecurityGroupId)).toMatch(/^sg-0[0-9a-f]{16}$/);
  });

  it("lists each node group with its Auto Scaling group and max size", async () => {
    const groups = await valueOf(cluster.nodeGroups);
    expect(groups.map((g) => [g.name, g.maxSize])).toEqual([
      ["general", 6],
      ["batch", 10],
    ]);
    for (const group of groups) {
      expect(group.autoscalingGroupName).toMatch(
        new RegExp(
          `^eks-platform-${group.name}-[0-9a-f]{7}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
        ),
      );
    }
  });

  it("keeps group metrics collection on for every node group's Auto Scaling group, on a schedule", async () => {
    const groups = await valueOf(cluster.nodeGroups);
    const role = named(ROLE, "platform-group-metrics");
    const schedules = registered.ofType("aws:scheduler/schedule:Schedule");
    expect(schedules.map((s) => s.name).sort()).toEqual(["platform-batch", "platform-general"]);
    for (const group of groups) {
      const schedule = named("aws:scheduler/schedule:Schedule", `platform-${group.name}`);
      expect(schedule.parent).toBe(registered.one("infra:index:Cluster").urn);
      expect(schedule.inputs).toMatchObject({
        scheduleExpression: "rate(15 minutes)",
        flexibleTimeWindow: { mode: "OFF" },
      });
      const target = schedule.inputs.target as Record<string, unknown>;
      expect(target.arn).toBe("arn:aws:scheduler:::aws-sdk:autoscaling:enableMetricsCollection");
      expect(target.roleArn).toMatch(
        new RegExp(`^arn:aws:iam::${ACCOUNT}:role/platform-group-metrics-[0-9a-f]{7}$`),
      );
      expect(JSON.parse(String(target.input))).toEqual({
        AutoScalingGroupName: group.autoscalingGroupName,
        Granularity: "1Minute",
      });
      expect(target.retryPolicy).toEqual({ maximumEventAgeInSeconds: 900, maximumRetryAttempts: 3 });
      expect(schedule.options.dependsOn).toEqual([
        named("aws:iam/rolePolicy:RolePolicy", "platform-group-metrics").urn,
      ]);
    }

    expect(parseJsonInput(role, "assumeRolePolicy").Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:scheduler:eu-west-1:${ACCOUNT}:schedule-group/default` },
        },
      },
    ]);
    const permission = named("aws:iam/rolePolicy:RolePolicy", "platform-group-metrics");
    expect(parseJsonInput(permission, "policy").Statement).toEqual([
      {
        Sid: "EnableGroupMetricsOfNodeGroups",
        Effect: "Allow",
        Action: "autoscaling:EnableMetricsCollection",
        Resource: groups.map(
          (g) =>
            `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/${g.autoscalingGroupName}`,
        ),
      },
    ]);
    expect(policiesAttachedTo(role)).toEqual([]);
  });

  it("builds a secret kubeconfig that gets tokens from aws eks get-token, never a static token", async () => {
    expect(await isSecret(cluster.kubeconfig)).toBe(true);
    const text = await valueOf(cluster.kubeconfig);
    const config = JSON.parse(text);
    expect(config.clusters[0].cluster.server).toBe(await valueOf(cluster.endpoint));
    expect(config.clusters[0].cluster["certificate-authority-data"]).toBe(
      await valueOf(cluster.certificateAuthority),
    );
    expect(config.users[0].user).toEqual({
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "aws",
        args: ["eks", "get-token", "--cluster-name", "platform", "--region", "eu-west-1", "--output", "json"],
        interactiveMode: "Never",
      },
    });
    expect(text).not.toMatch(/"token"|password|client-key/);
  });

  it("offers a Kubernetes provider that waits for nodes running pods and admin access, not the Deployment add-ons", async () => {
    const provider = registered.one("pulumi:providers:kubernetes", "platform-k8s");
    expect(provider.inputs.kubeconfig).toBe(SECRET_MASK);
    expect(await valueOf(cluster.provider.urn)).toBe(provider.urn);
    const expected = [
      ...["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map((a) => named(ADDON, `platform-${a}`)),
      ...registered.ofType(NODE_GROUP),
      ...registered.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation"),
    ].map((r) => r.urn);
    expect(provider.options.dependsOn).toEqual([...expected].sort());
    // CoreDNS, the EBS CSI driver and metrics-server take up to a quarter of an hour on a new
    // cluster: what needs one of them waits for it by name.
    for (const slow of ["coredns", "aws-ebs-csi-driver", "metrics-server"])
      expect(provider.dependencies, slow).not.toContain(named(ADDON, `platform-${slow}`).urn);
  });

  it("names the CoreDNS add-on for what resolves names through cluster DNS", async () => {
    expect(await valueOf(cluster.clusterDns.urn)).toBe(named(ADDON, "platform-coredns").urn);
  });

  it("makes an encrypted gp3 StorageClass the default, through its own provider, once the EBS CSI driver runs", async () => {
    const storageClass = registered.one("kubernetes:storage.k8s.io/v1:StorageClass");
    expect(storageClass.name).toBe("platform-gp3");
    expect(storageClass.parent).toBe(registered.one("infra:index:Cluster").urn);
    expect(storageClass.provider).toBe(await valueOf(cluster.provider.urn));
    expect(storageClass.inputs).toMatchObject({
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
    });
    // Volumes are provisioned for pods, which need nodes: Karpenter's NodePool must exist too.
    expect(storageClass.options.dependsOn).toEqual([
      named(ADDON, "platform-aws-ebs-csi-driver").urn,
      named("kubernetes:karpenter.sh/v1:NodePool", "platform-karpenter-node-pool").urn,
    ]);
    const model = new StorageClass(JSON.parse(JSON.stringify(storageClass.inputs)));
    expect(() => model.validate()).not.toThrow();
  });

  it("tags every taggable resource with the platform tags and the caller's", () => {
    const tagged = registered.resources.filter(
      (r) => r.type.startsWith("aws:") && r.inputs.tags !== undefined,
    );
    expect(tagged.length).toBeGreaterThan(20);
    for (const resource of tagged) {
      expect(resource.inputs.tags).toMatchObject({
        component: "cluster",
        "managed-by": "pulumi",
        team: "platform",
      });
    }
  });

  it("passes the platform's policy pack but for the logs key, which a stack passes from its LogsKey", () => {
    // Without logsKmsKeyArn the control-plane log group has CloudWatch's own encryption only.
    const report = evaluatePolicies(registered.resources, { profile: "production" });
    expect(report.violations.map((v) => `${v.rule} ${v.resource}`).sort()).toEqual([
      "log-group-encrypted platform-control-plane",
      "service-log-groups-managed platform-eks",
    ]);
  });
});
