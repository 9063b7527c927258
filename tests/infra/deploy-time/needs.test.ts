import { describe, expect, it } from "vitest";
import { estimateDeploy } from "../../../infra/deploy-time/critical-path";
import { neededWaits, orderingNeed } from "../../../infra/deploy-time/needs";
import type { SynthResource } from "../../../infra/synth/model";
import { synthResource, testDurationTable } from "../../support/synth-resource";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ADDON = "aws:eks/addon:Addon";

const res = synthResource;

/** `dependsOn` as the synth records it: in `options.dependsOn` and among `dependencies`. */
const waitingFor = (...urns: string[]) => ({ options: { dependsOn: urns }, dependencies: urns });

const addon = (name: string) => res(name, ADDON, { inputs: { addonName: name } });
const coredns = addon("coredns");
const ebs = addon("aws-ebs-csi-driver");
const vpcCni = addon("vpc-cni");
const nodes = res("nodes", "aws:eks/nodeGroup:NodeGroup");
const cluster = res("cluster", "aws:eks/cluster:Cluster");
const provider = res("k8s", "pulumi:providers:kubernetes", {
  // The kubeconfig carries the cluster's endpoint (a value); the rest is `dependsOn`.
  options: { dependsOn: [nodes.urn, vpcCni.urn, coredns.urn, ebs.urn] },
  dependencies: [cluster.urn, nodes.urn, vpcCni.urn, coredns.urn, ebs.urn],
});
const onCluster = (r: SynthResource): SynthResource => ({ ...r, provider: provider.urn });
const karpenter = onCluster(
  res("karpenter", RELEASE, {
    inputs: { chart: "oci://public.ecr.aws/karpenter/karpenter", values: { dnsPolicy: "Default" } },
  }),
);
const monitoring = onCluster(
  res("kube-prometheus-stack", RELEASE, {
    inputs: { chart: "kube-prometheus-stack", namespace: "monitoring", createNamespace: true },
  }),
);
const namespace = onCluster(res("ns", "kubernetes:core/v1:Namespace"));
const byUrn = (...rs: SynthResource[]) =>
  new Map([cluster, nodes, coredns, ebs, vpcCni, provider, ...rs].map((r) => [r.urn, r]));

describe("neededWaits", () => {
  it("keeps every value an input carries and the provider's, and judges the provider's dependsOn by its user", () => {
    const all = byUrn(karpenter, monitoring, namespace);
    // Pods need the nodes and their networking; a chart on the node's resolver does not need CoreDNS,
    // and no chart that claims no volume needs the EBS CSI driver.
    expect(neededWaits(karpenter, all)).toEqual([nodes.urn, provider.urn, vpcCni.urn].sort());
    // Pods on cluster DNS (the chart's values leave dnsPolicy alone) need CoreDNS.
    expect(neededWaits(monitoring, all)).toEqual([coredns.urn, nodes.urn, provider.urn, vpcCni.urn].sort());
    // A namespace runs no pod: it needs only the API, through the provider.
    expect(neededWaits(namespace, all)).toEqual([provider.urn]);
    // The provider itself waits only for the value it is configured with.
    expect(neededWaits(provider, all)).toEqual([cluster.urn]);
  });

  it("drops an explicit wait no need explains, and keeps the one a need explains", () => {
    const alarm = res("alarm", "aws:cloudwatch/metricAlarm:MetricAlarm");
    const deployment = onCluster(
      res("app", "kubernetes:apps/v1:Deployment", { ...waitingFor(alarm.urn, namespace.urn) }),
    );
    expect(neededWaits(deployment, byUrn(alarm, namespace, deployment))).toEqual(
      [coredns.urn, namespace.urn, nodes.urn, provider.urn, vpcCni.urn].sort(),
    );
  });

  it("treats a pod template on the node's resolver like a chart on it", () => {
    const hostDns = onCluster(
      res("agent", "kubernetes:apps/v1:DaemonSet", {
        inputs: { spec: { template: { spec: { dnsPolicy: "Default" } } } },
      }),
    );
    const clusterFirst = onCluster(
      res("agent2", "kubernetes:apps/v1:DaemonSet", {
        inputs: { spec: { template: { spec: { dnsPolicy: "ClusterFirst" } } } },
      }),
    );
    const all = byUrn(hostDns, clusterFirst);
    expect(neededWaits(hostDns, all)).not.toContain(coredns.urn);
    expect(neededWaits(clusterFirst, all)).toContain(coredns.urn);
  });
});

describe("orderingNeed", () => {
  const serviceMonitor = res("sm", "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", {
    inputs: { metadata: { namespace: "podinfo" } },
  });

  it("lets a custom resource wait for the release that ships its CRD, and not for another chart's", () => {
    expect(orderingNeed(serviceMonitor, monitoring)?.why).toMatch(/CRD/);
    expect(orderingNeed(serviceMonitor, karpenter)).toBeUndefined();
    const nodePool = res("pool", "kubernetes:karpenter.sh/v1:NodePool");
    expect(orderingNeed(nodePool, karpenter)?.why).toMatch(/CRD/);
  });

  it("lets an object wait for the release that creates its namespace, and only that one", () => {
    const dashboard = res("dash", "kubernetes:core/v1:ConfigMap", {
      inputs: { metadata: { namespace: "monitoring" } },
    });
    expect(orderingNeed(dashboard, monitoring)?.why).toMatch(/namespace/);
    const elsewhere = res("cm", "kubernetes:core/v1:ConfigMap", {
      inputs: { metadata: { namespace: "podinfo" } },
    });
    expect(orderingNeed(elsewhere, monitoring)).toBeUndefined();
  });

  it("lets pods wait for the RBAC role they are bound to, and nothing else wait for it", () => {
    const role = onCluster(res("grafana-role", "kubernetes:rbac.authorization.k8s.io/v1:Role"));
    expect(orderingNeed(monitoring, role)?.why).toMatch(/RBAC/);
    expect(orderingNeed(namespace, role)).toBeUndefined();
    const configMap = res("cm", "kubernetes:core/v1:ConfigMap");
    expect(orderingNeed(configMap, role)).toBeUndefined();
  });

  it("orders nodes after the networking add-ons but Deployment add-ons after the nodes, not the reverse", () => {
    expect(orderingNeed(nodes, vpcCni)).toBeDefined();
    expect(orderingNeed(nodes, coredns)).toBeUndefined();
    expect(orderingNeed(coredns, nodes)).toBeDefined();
    expect(orderingNeed(vpcCni, nodes)).toBeUndefined();
  });

  it("lets only the gp3 StorageClass and what claims volumes wait for the EBS CSI driver", () => {
    const storageClass = onCluster(res("gp3", "kubernetes:storage.k8s.io/v1:StorageClass"));
    expect(orderingNeed(storageClass, ebs)).toBeDefined();
    expect(orderingNeed(karpenter, ebs)).toBeUndefined();
    expect(orderingNeed(monitoring, storageClass)).toBeDefined();
    expect(orderingNeed(namespace, storageClass)).toBeUndefined();
  });
});

describe("estimateDeploy against the needed waits", () => {
  const TABLE = testDurationTable({
    "aws:eks/cluster:Cluster": { minutes: 15, basis: "reported", source: "s" },
    "aws:eks/nodeGroup:NodeGroup": { minutes: 5, basis: "reported", source: "s" },
    [ADDON]: {
      minutes: 1,
      basis: "reported",
      source: "s",
      byInput: { addonName: { "aws-ebs-csi-driver": { minutes: 15, basis: "reported", source: "s" } } },
    },
    [RELEASE]: { minutes: 5, basis: "reported", source: "s" },
    "pulumi:providers:kubernetes": { minutes: 0, basis: "reported", source: "s" },
  });
  // cluster(15) → nodes(5) → ebs(15) and, with the provider waiting for every add-on, → karpenter(5).
  const graph = [
    cluster,
    { ...nodes, dependencies: [cluster.urn] },
    { ...vpcCni, dependencies: [cluster.urn] },
    { ...ebs, ...waitingFor(nodes.urn), dependencies: [cluster.urn, nodes.urn] },
    { ...coredns, ...waitingFor(nodes.urn), dependencies: [cluster.urn, nodes.urn] },
    provider,
    karpenter,
  ];

  it("names the false wait on the critical path and the minutes the needed waits alone take", () => {
    const estimate = estimateDeploy(graph, TABLE);
    expect(estimate.minutes).toBe(40);
    // Karpenter needs the nodes (done at 20), not the EBS CSI driver (done at 35): the longest chain
    // of needed waits is the driver's own.
    expect(estimate.unavoidableMinutes).toBe(35);
    expect(estimate.falseWaits).toEqual([{ name: "k8s", waitsFor: "aws-ebs-csi-driver" }]);
  });

  it("finds none once the provider waits only for what its users need", () => {
    const fixed = graph.map((r) =>
      r === provider
        ? {
            ...provider,
            options: { dependsOn: [nodes.urn, vpcCni.urn] },
            dependencies: [cluster.urn, nodes.urn, vpcCni.urn],
          }
        : r,
    );
    const estimate = estimateDeploy(fixed, TABLE);
    // The EBS CSI driver still ends last (35), but nothing waits for it without a need.
    expect(estimate.minutes).toBe(35);
    expect(estimate.unavoidableMinutes).toBe(35);
    expect(estimate.falseWaits).toEqual([]);
  });
});
