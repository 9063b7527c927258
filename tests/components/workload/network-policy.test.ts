import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { describe, expect, it } from "vitest";
import { buildDeployment } from "../../../components/workload/deployment";
import { buildAllowPolicy, buildDefaultDenyPolicy } from "../../../components/workload/network-policy";
import { selects } from "../../../policies/rules/pods";
import { specOf, validArgs, validated } from "./fixtures";

const DNS = {
  to: [
    {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};
const fromNamespace = (name: string) => ({
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
});

describe("buildAllowPolicy", () => {
  it("lets only the service's namespace call its port and only DNS out, by default", () => {
    const policy = validated(NetworkPolicy, buildAllowPolicy(specOf("api", validArgs())));
    expect(policy.metadata).toMatchObject({ name: "api", namespace: "api" });
    expect(policy.spec!.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.spec!.ingress).toEqual([
      { from: [fromNamespace("api")], ports: [{ protocol: "TCP", port: 8080 }] },
    ]);
    expect(policy.spec!.egress).toEqual([DNS]);
  });

  it("admits the named namespaces, the monitoring namespace on the metrics port, and the declared egress", () => {
    const spec = specOf(
      "api",
      validArgs({
        port: 9000,
        metrics: {},
        networkPolicy: {
          allowFromNamespaces: ["frontend", "api"],
          egress: [{ cidrs: ["10.20.48.0/20", "10.20.64.0/20"], ports: [5432] }],
        },
      }),
    );
    const policy = validated(NetworkPolicy, buildAllowPolicy(spec));
    expect(policy.spec!.ingress).toEqual([
      { from: [fromNamespace("api"), fromNamespace("frontend")], ports: [{ protocol: "TCP", port: 9000 }] },
      { from: [fromNamespace("monitoring")], ports: [{ protocol: "TCP", port: 9000 }] },
    ]);
    expect(policy.spec!.egress).toEqual([
      DNS,
      {
        to: [{ ipBlock: { cidr: "10.20.48.0/20" } }, { ipBlock: { cidr: "10.20.64.0/20" } }],
        ports: [{ protocol: "TCP", port: 5432 }],
      },
    ]);
  });

  it("adds no separate scrape rule when the monitoring namespace may already call the port", () => {
    const spec = specOf(
      "api",
      validArgs({ metrics: {}, networkPolicy: { allowFromNamespaces: ["monitoring"] } }),
    );
    expect(buildAllowPolicy(spec).spec!.ingress).toHaveLength(1);
  });

  it("selects the service's pods by the name label alone, which every version of them carries", () => {
    const spec = specOf("api", validArgs({ labels: { version: "v2" } }));
    const selector = buildAllowPolicy(spec).spec!.podSelector;
    expect(selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "api" } });
    const podLabels = buildDeployment(spec).spec.template.metadata!.labels!;
    expect(selects(selector, podLabels)).toBe(true);
    // A canary's pods differ in version and template hash, never in the name label.
    expect(selects(selector, { "app.kubernetes.io/name": "api", "rollouts-pod-template-hash": "x" })).toBe(
      true,
    );
    expect(selects(selector, { "app.kubernetes.io/name": "web" })).toBe(false);
  });
});

describe("buildDefaultDenyPolicy", () => {
  it("denies everything in a namespace the component owns", () => {
    const policy = validated(
      NetworkPolicy,
      buildDefaultDenyPolicy(specOf("api", validArgs({ createNamespace: true }))),
    );
    expect(policy.metadata!.name).toBe("api-default-deny");
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("denies only the service's own pods in a namespace it shares", () => {
    const policy = buildDefaultDenyPolicy(specOf("api", validArgs({ namespace: "shop" })));
    expect(policy.metadata!.namespace).toBe("shop");
    expect(policy.spec!.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": "api" } });
  });
});
