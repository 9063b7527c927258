import { beforeAll, describe, expect, it } from "vitest";
import { Cluster, CLUSTER_ARGS } from "../../../components/cluster";
import { KARPENTER_POLICY_GROUPS } from "../../../components/cluster/karpenter-policy";
import { parseJsonInput, run, valueOf, type Registered } from "../../support/harness";
import { ACCOUNT, minimalArgs } from "./fixtures";

const T = {
  role: "aws:iam/role:Role",
  release: "kubernetes:helm.sh/v3:Release",
  nodePool: "kubernetes:karpenter.sh/v1:NodePool",
  nodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
  queue: "aws:sqs/queue:Queue",
} as const;

let registered: Registered;
let cluster: Cluster;

beforeAll(async () => {
  registered = await run(() => {
    cluster = new Cluster(
      "platform",
      minimalArgs({
        autoscaling: { cpuLimit: 40, architectures: ["arm64"], capacityTypes: ["spot", "on-demand"] },
      }),
    );
    return cluster;
  });
});

describe("Karpenter in the cluster", () => {
  it("gives the controller its role through EKS Pod Identity, trusted only for this cluster and account", async () => {
    const association = registered.one("aws:eks/podIdentityAssociation:PodIdentityAssociation");
    const role = registered.one(T.role, "platform-karpenter-controller");
    expect(association.inputs).toMatchObject({ namespace: "kube-system", serviceAccount: "karpenter" });
    expect(association.inputs.roleArn).toMatch(/:role\/platform-karpenter-controller-/);
    const trust = parseJsonInput<{ Statement: Record<string, unknown>[] }>(role, "assumeRolePolicy");
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: {
            "aws:SourceArn": expect.stringMatching(/^arn:aws:eks:eu-west-1:\d{12}:cluster\/platform$/),
          },
        },
      },
    ]);
    expect(await valueOf(cluster.oidcProviderArn)).toBeDefined();
  });

  it("attaches one managed policy per concern, the node role as the only role it may pass", () => {
    const policies = registered.ofType("aws:iam/policy:Policy");
    expect(policies.map((p) => p.name).sort()).toEqual(
      KARPENTER_POLICY_GROUPS.map((g) => `platform-karpenter-${g}`).sort(),
    );
    const integration = parseJsonInput<{ Statement: { Action: unknown; Resource: unknown }[] }>(
      registered.one("aws:iam/policy:Policy", "platform-karpenter-iam-integration"),
      "policy",
    );
    const nodeRole = registered.one(T.role, "platform-karpenter-node");
    expect(integration.Statement.find((s) => s.Action === "iam:PassRole")?.Resource).toMatch(
      /:role\/platform-karpenter-node-/,
    );
    expect(nodeRole.inputs.assumeRolePolicy).toContain("ec2.amazonaws.com");
  });

  it("lets Karpenter's nodes join through an EC2_LINUX access entry", () => {
    const entry = registered.one("aws:eks/accessEntry:AccessEntry", "platform-karpenter-node");
    expect(entry.inputs).toMatchObject({ type: "EC2_LINUX", clusterName: "platform" });
    expect(entry.inputs.principalArn).toMatch(/:role\/platform-karpenter-node-/);
  });

  it("installs the pinned chart after its role, policies, queue policy and the node groups", () => {
    const release = registered.one(T.release);
    expect(release.inputs).toMatchObject({
      chart: "oci://public.ecr.aws/karpenter/karpenter",
      version: "1.14.1",
      namespace: "kube-system",
      atomic: true,
    });
    const dependsOn = release.options.dependsOn ?? [];
    for (const name of [
      "platform-karpenter-controller",
      "platform-karpenter-interruption",
      "platform-karpenter-controller-node-lifecycle",
      "platform-general",
    ]) {
      expect(
        dependsOn.some((urn) => urn.endsWith(`::${name}`)),
        name,
      ).toBe(true);
    }
    expect((release.inputs.values as { settings: Record<string, unknown> }).settings).toMatchObject({
      clusterName: "platform",
      interruptionQueue: expect.stringMatching(/^platform-karpenter-interruption-[0-9a-f]{7}$/),
    });
  });

  it("starts the controller once the system nodes run pods, without waiting for the Deployment add-ons", () => {
    const release = registered.one(T.release);
    // What the release waits for, through its own edges and its provider's.
    const waits = new Set<string>();
    const pending = [release.urn];
    while (pending.length) {
      const at = pending.pop();
      const r = registered.resources.find((x) => x.urn === at);
      for (const urn of r ? [...r.dependencies, ...(r.provider ? [r.provider] : [])] : []) {
        if (waits.has(urn)) continue;
        waits.add(urn);
        pending.push(urn);
      }
    }
    const addons = (names: string[]) =>
      names.map((a) => registered.one("aws:eks/addon:Addon", `platform-${a}`).urn);
    for (const needed of addons(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]))
      expect([...waits], needed).toContain(needed);
    expect([...waits]).toContain(registered.one("aws:eks/nodeGroup:NodeGroup", "platform-general").urn);
    for (const slow of addons(["coredns", "aws-ebs-csi-driver", "metrics-server"]))
      expect(waits.has(slow), slow).toBe(false);
    // Without cluster DNS it resolves AWS endpoints with the node's resolver.
    expect(release.inputs.values).toMatchObject({ dnsPolicy: "Default" });
  });

  it("creates the NodePool from the arguments, after its EC2NodeClass, which the release's CRDs define", () => {
    const pool = registered.one(T.nodePool);
    const nodeClass = registered.one(T.nodeClass);
    expect(pool.options.dependsOn).toEqual([nodeClass.urn]);
    expect(nodeClass.options.dependsOn).toContain(registered.one(T.release).urn);
    expect(pool.inputs.spec).toMatchObject({
      limits: { cpu: "40", memory: "256Gi" },
      template: {
        spec: {
          requirements: expect.arrayContaining([
            { key: "kubernetes.io/arch", operator: "In", values: ["arm64"] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot", "on-demand"] },
          ]),
        },
      },
    });
    expect((nodeClass.inputs.spec as { role: string }).role).toMatch(/^platform-karpenter-node-/);
  });

  it("tags the node security group for discovery, and the interruption queue is encrypted", () => {
    const group = registered.one("aws:ec2/securityGroup:SecurityGroup");
    expect(group.inputs.tags).toMatchObject({ "karpenter.sh/discovery": "platform" });
    expect(registered.one(T.queue).inputs).toMatchObject({
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 300,
    });
  });

  it("monitors the controller once asked, after the prometheus-operator CRDs", async () => {
    const scraped = await run(() => {
      const c = new Cluster("mon", minimalArgs());
      const crds = c.storageClass;
      c.karpenter!.monitor({ runbookBaseUrl: "https://runbooks.example.com/infra/", dependsOn: [crds] });
      return c;
    });
    const rule = scraped.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    const alerts = (
      rule.inputs.spec as {
        groups: {
          rules: { alert: string; labels: { severity: string }; annotations: { runbook_url: string } }[];
        }[];
      }
    ).groups[0]!.rules;
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        "KarpenterNodeLaunchFailing",
        "KarpenterInsufficientCapacity",
        "KarpenterNodePoolNearLimit",
      ]),
    );
    expect(alerts.every((a) => ["page", "ticket"].includes(a.labels.severity))).toBe(true);
    expect(alerts[0]!.annotations.runbook_url).toMatch(
      /^https:\/\/runbooks\.example\.com\/infra\/karpenter-/,
    );
    expect(rule.options.dependsOn).toContain(scraped.one("kubernetes:storage.k8s.io/v1:StorageClass").urn);
    expect(scraped.one("kubernetes:monitoring.coreos.com/v1:ServiceMonitor").inputs).toMatchObject({
      metadata: { namespace: "kube-system" },
    });
  });
});

describe("the cluster without autoscaling", () => {
  it("installs no Karpenter, and then needs a node group that takes services", async () => {
    const plain = await run(
      () =>
        new Cluster(
          "plain",
          minimalArgs({
            autoscaling: { enabled: false },
            nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4 }],
          }),
        ),
    );
    expect(
      plain.resources.filter((r) => /karpenter|sqs|eventRule|podIdentity/i.test(r.type + r.name)),
    ).toEqual([]);
    const issues = CLUSTER_ARGS.issues(
      {
        ...minimalArgs({ autoscaling: { enabled: false } }),
      },
      { componentName: "plain" },
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ path: "nodeGroups", message: expect.stringMatching(/autoscaling is off/) }),
    );
  });
});

describe("autoscaling arguments", () => {
  const issues = (autoscaling: Record<string, unknown>, profile = "production") =>
    CLUSTER_ARGS.issues(minimalArgs({ profile: profile as "production", autoscaling }), {
      componentName: "platform",
    });

  it("keeps on-demand in production, allows Spot only in development", () => {
    expect(issues({ capacityTypes: ["spot"] })).toContainEqual(
      expect.objectContaining({
        path: "autoscaling.capacityTypes",
        message: expect.stringContaining('no "on-demand"'),
      }),
    );
    expect(issues({ capacityTypes: ["spot"] }, "development")).toEqual([]);
    expect(issues({ capacityTypes: ["spot", "on-demand"] })).toEqual([]);
  });

  it("reports every bad field at once, with the value and what is allowed", () => {
    const found = issues({
      cpuLimit: 0,
      architectures: ["x86_64"],
      instanceCategories: ["m5"],
      consolidateAfter: "5 minutes",
      maxDisruptedNodesPercent: 101,
      capacityTypes: ["on-demand", "on-demand"],
    });
    expect(found.map((i) => i.path).sort()).toEqual(
      [
        "autoscaling.architectures[0]",
        "autoscaling.capacityTypes[1]",
        "autoscaling.consolidateAfter",
        "autoscaling.cpuLimit",
        "autoscaling.instanceCategories[0]",
        "autoscaling.maxDisruptedNodesPercent",
      ].sort(),
    );
    expect(found.find((i) => i.path === "autoscaling.cpuLimit")?.message).toMatch(/0 is not a vCPU count/);
  });

  it("accepts the boundaries: 1 vCPU, 100 %, one hour", () => {
    expect(
      issues({ cpuLimit: 1, memoryLimitGib: 1, maxDisruptedNodesPercent: 100, expireAfterHours: 1 }),
    ).toEqual([]);
  });
});
