import { describe, expect, it } from "vitest";
import { CLUSTER_NETWORK_RULES, type NetworkRule } from "../../../components/cluster/network-rules";

function allows(rule: NetworkRule, port: number): boolean {
  if (rule.protocol === "-1") return true;
  return rule.protocol === "tcp" && (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 0);
}

describe("the cluster's network rules", () => {
  it("has unique keys", () => {
    const keys = CLUSTER_NETWORK_RULES.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("must not accept traffic from an IP range: ingress comes only from the cluster's own groups", () => {
    for (const rule of CLUSTER_NETWORK_RULES.filter((r) => r.direction === "ingress")) {
      expect(typeof rule.peer).toBe("string");
    }
  });

  it("lets the control plane reach kubelets (10250) and webhooks (443) on the nodes", () => {
    const fromControlPlane = CLUSTER_NETWORK_RULES.filter(
      (r) => r.group === "nodes" && r.direction === "ingress" && r.peer === "controlPlane",
    );
    for (const port of [443, 10250, 9443]) expect(fromControlPlane.some((r) => allows(r, port))).toBe(true);
    expect(fromControlPlane.some((r) => allows(r, 22))).toBe(false);
  });

  it("lets nodes reach the API server on 443 and each other on every port", () => {
    const toApi = CLUSTER_NETWORK_RULES.filter(
      (r) => r.group === "controlPlane" && r.direction === "ingress" && r.peer === "nodes",
    );
    expect(toApi.map((r) => [r.protocol, r.fromPort, r.toPort])).toEqual([["tcp", 443, 443]]);
    const nodeToNode = CLUSTER_NETWORK_RULES.filter((r) => r.group === "nodes" && r.peer === "nodes");
    expect(nodeToNode.map((r) => [r.direction, r.protocol])).toEqual([["ingress", "-1"]]);
  });

  it("lets nodes reach AWS APIs and registries", () => {
    const egress = CLUSTER_NETWORK_RULES.filter((r) => r.group === "nodes" && r.direction === "egress");
    expect(egress.map((r) => [r.peer, r.protocol])).toEqual([[{ cidrIpv4: "0.0.0.0/0" }, "-1"]]);
  });

  it("gives ports only to tcp and udp rules, each with a description", () => {
    for (const rule of CLUSTER_NETWORK_RULES) {
      if (rule.protocol === "-1") expect([rule.fromPort, rule.toPort]).toEqual([undefined, undefined]);
      else expect(rule.fromPort).toBeLessThanOrEqual(rule.toPort!);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});
