import { describe, expect, it } from "vitest";
import { autoscalingSchema } from "../../../components/cluster/autoscaling-args";
import { ec2NodeClass, nodeClassTags, nodePool } from "../../../components/cluster/karpenter-node-pool";
import { IMDS_HOP_LIMIT } from "../../../components/cluster/node-settings";
import { crdProblems } from "../../support/karpenter-reference";

const settings = (profile: "development" | "production", overrides: Record<string, unknown> = {}) =>
  autoscalingSchema(profile).parse(overrides);

const nodeClass = (tags: Record<string, string> = { environment: "prod", "managed-by": "pulumi" }) =>
  ec2NodeClass({
    clusterName: "infra-prod",
    nodeRoleName: "prod-karpenter-node-1a2b3c4",
    rootVolumeGib: 50,
    tags,
  });

type Requirement = { key: string; operator: string; values: string[] };
const requirements = (pool: ReturnType<typeof nodePool>) =>
  (pool.spec as { template: { spec: { requirements: Requirement[] } } }).template.spec.requirements;
const requirement = (pool: ReturnType<typeof nodePool>, key: string) =>
  requirements(pool).find((r) => r.key === key);

describe("the default EC2NodeClass", () => {
  it("validates against the karpenter.k8s.aws/v1 CRD of the pinned chart", () => {
    expect(crdProblems(nodeClass())).toEqual([]);
  });

  it("requires IMDSv2 with the hop limit the managed node groups use, and encrypts a gp3 root volume", () => {
    const spec = nodeClass().spec as {
      metadataOptions: Record<string, unknown>;
      blockDeviceMappings: { rootVolume: boolean; ebs: Record<string, unknown> }[];
    };
    expect(spec.metadataOptions).toMatchObject({
      httpTokens: "required",
      httpPutResponseHopLimit: IMDS_HOP_LIMIT,
    });
    expect(spec.blockDeviceMappings).toEqual([
      expect.objectContaining({
        rootVolume: true,
        ebs: expect.objectContaining({ volumeType: "gp3", encrypted: true, volumeSize: "50Gi" }),
      }),
    ]);
  });

  it("finds the cluster's subnets and security group by the discovery tag, and runs AL2023", () => {
    expect(nodeClass().spec).toMatchObject({
      role: "prod-karpenter-node-1a2b3c4",
      amiSelectorTerms: [{ alias: expect.stringMatching(/^al2023@/) }],
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "infra-prod" } }],
      securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "infra-prod" } }],
    });
  });

  it("drops tags Karpenter reserves (the CRD would reject them) and keeps the rest", () => {
    const tags = nodeClassTags({
      team: "platform",
      "kubernetes.io/cluster/infra-prod": "owned",
      "karpenter.sh/nodepool": "x",
      "eks:eks-cluster-name": "infra-prod",
      "karpenter.shop": "kept",
    });
    expect(tags).toEqual({ team: "platform", "karpenter.shop": "kept" });
    expect(crdProblems(nodeClass(tags))).toEqual([]);
  });

  it("is rejected by the CRD when a field is wrong (the validation can fail)", () => {
    const broken = nodeClass();
    const spec = { ...broken.spec, metadataOptions: { httpTokens: "sometimes" } };
    expect(crdProblems({ ...broken, spec })).not.toEqual([]);
  });
});

describe("the default NodePool", () => {
  it.each(["development", "production"] as const)(
    "validates against the karpenter.sh/v1 CRD (%s defaults)",
    (profile) => {
      expect(crdProblems(nodePool(settings(profile)))).toEqual([]);
    },
  );

  it("validates with every non-default value too", () => {
    const pool = nodePool(
      settings("production", {
        capacityTypes: ["spot", "on-demand"],
        architectures: ["arm64", "amd64"],
        instanceCategories: ["c", "m", "r", "t"],
        minInstanceGeneration: 6,
        consolidationPolicy: "WhenEmpty",
        consolidateAfter: "30s",
        maxDisruptedNodesPercent: 1,
        expireAfterHours: 1,
        cpuLimit: 1,
        memoryLimitGib: 1,
      }),
    );
    expect(crdProblems(pool)).toEqual([]);
    expect(requirement(pool, "karpenter.k8s.aws/instance-generation")).toEqual({
      key: "karpenter.k8s.aws/instance-generation",
      operator: "Gt",
      values: ["5"],
    });
    expect(pool.spec).toMatchObject({
      limits: { cpu: "1", memory: "1Gi" },
      disruption: { consolidationPolicy: "WhenEmpty", consolidateAfter: "30s", budgets: [{ nodes: "1%" }] },
      template: { spec: { expireAfter: "1h" } },
    });
  });

  it("buys on-demand only in production, Spot first with on-demand fallback in development", () => {
    expect(requirement(nodePool(settings("production")), "karpenter.sh/capacity-type")?.values).toEqual([
      "on-demand",
    ]);
    expect(requirement(nodePool(settings("development")), "karpenter.sh/capacity-type")?.values).toEqual([
      "spot",
      "on-demand",
    ]);
  });

  it("consolidates underused nodes, disrupting at most 10% of production's nodes at once", () => {
    expect(nodePool(settings("production")).spec).toMatchObject({
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", budgets: [{ nodes: "10%" }] },
      limits: { cpu: "64", memory: "256Gi" },
    });
  });

  it("is rejected by the CRD with a consolidation policy Karpenter does not know", () => {
    const pool = nodePool(settings("production"));
    const spec = { ...pool.spec, disruption: { consolidationPolicy: "Always" } };
    expect(crdProblems({ ...pool, spec })).not.toEqual([]);
  });
});
