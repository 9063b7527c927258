import { describe, expect, it } from "vitest";
import {
  KARPENTER_CHART,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterValues,
} from "../../../components/cluster/karpenter-chart";
import { KUBERNETES_VERSIONS } from "../../../components/cluster/versions";
import { chartValues } from "../../support/karpenter-reference";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Paths of `values` the chart does not declare. Below a key the chart leaves empty (`{}`, such as
 * `resources`) anything goes: the chart passes it through.
 */
function undeclared(values: Record<string, unknown>, chart: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (!(key in chart)) return [path];
    const declared = chart[key];
    if (isObject(value) && isObject(declared) && Object.keys(declared).length > 0)
      return undeclared(value, declared, `${path}.`);
    return [];
  });
}

const values = (profile: "development" | "production") =>
  karpenterValues({
    profile,
    clusterName: "infra-prod",
    clusterEndpoint: "https://ABC.gr7.eu-central-1.eks.amazonaws.com",
    interruptionQueueName: "prod-karpenter-interruption-1a2b3c4",
  });

describe("the Karpenter chart's values", () => {
  it.each(["development", "production"] as const)(
    "set only keys the chart's values.yaml declares (%s)",
    (profile) => {
      expect(undeclared(values(profile), chartValues())).toEqual([]);
    },
  );

  it("would catch a misspelt key", () => {
    expect(undeclared({ settings: { interuptionQueue: "q" } }, chartValues())).toEqual([
      "settings.interuptionQueue",
    ]);
  });

  it("name the cluster, its endpoint and the interruption queue, and the service account Pod Identity binds", () => {
    expect(values("production")).toMatchObject({
      serviceAccount: { name: KARPENTER_SERVICE_ACCOUNT },
      settings: {
        clusterName: "infra-prod",
        clusterEndpoint: "https://ABC.gr7.eu-central-1.eks.amazonaws.com",
        interruptionQueue: "prod-karpenter-interruption-1a2b3c4",
      },
    });
  });

  it("resolve names with the node's resolver, where the chart would use cluster DNS", () => {
    expect(chartValues().dnsPolicy).toBe("ClusterFirst");
    for (const profile of ["development", "production"] as const)
      expect(values(profile).dnsPolicy).toBe("Default");
  });

  it("run two controllers in production (one per node, the chart's anti-affinity) and one in development", () => {
    expect(values("production").replicas).toBe(2);
    expect(values("development").replicas).toBe(1);
  });

  it("keep the chart's toleration of the system group's taint and its affinity away from Karpenter's own nodes", () => {
    const chart = chartValues() as {
      tolerations: { key: string }[];
      affinity: { nodeAffinity: unknown };
    };
    expect(chart.tolerations).toContainEqual(expect.objectContaining({ key: "CriticalAddonsOnly" }));
    expect(values("production")).not.toHaveProperty("tolerations");
    expect(values("production")).not.toHaveProperty("affinity");
    expect(JSON.stringify(chart.affinity.nodeAffinity)).toContain("karpenter.sh/nodepool");
  });

  it("pin the chart version of the reference files, from Karpenter's OCI registry", () => {
    const image = (chartValues() as { controller: { image: { tag: string } } }).controller.image;
    expect(KARPENTER_CHART.version).toBe(image.tag);
    expect(KARPENTER_CHART.chart).toBe("oci://public.ecr.aws/karpenter/karpenter");
  });

  it("support every Kubernetes version the cluster offers", () => {
    const supported: readonly string[] = KARPENTER_CHART.kubernetesVersions;
    expect(KUBERNETES_VERSIONS.filter((v) => !supported.includes(v))).toEqual([]);
  });
});
