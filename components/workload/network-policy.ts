import type * as k8s from "@pulumi/kubernetes";
import { objectMetadata, selectorLabels } from "./labels";
import type { Plain } from "./plain";
import type { ServiceSpec } from "./service-spec";

export type NetworkPolicyObject = Plain<k8s.types.input.networking.v1.NetworkPolicy>;
type Peer = Plain<k8s.types.input.networking.v1.NetworkPolicyPeer>;

/** The label the API server puts on every namespace (Kubernetes 1.22+), so policies can name one. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
/** Cluster DNS: CoreDNS pods in kube-system, labelled `k8s-app: kube-dns` on EKS. */
const DNS_PEER: Peer = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};
const DNS_PORT = 53;

const namespacePeer = (namespace: string): Peer => ({
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
});

type PolicySpec = Pick<
  ServiceSpec,
  "name" | "namespace" | "labels" | "port" | "createNamespace" | "metrics" | "networkPolicy"
>;

/**
 * Denies all traffic to and from pods that no other policy allows. Namespace-wide when the component
 * owns the namespace; otherwise only the service's pods, so it never cuts off a neighbour.
 */
export function buildDefaultDenyPolicy(spec: PolicySpec): NetworkPolicyObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { ...objectMetadata(spec), name: `${spec.name}-default-deny` },
    spec: {
      podSelector: spec.createNamespace ? {} : { matchLabels: selectorLabels(spec) },
      policyTypes: ["Ingress", "Egress"],
    },
  };
}

/**
 * What the service's pods may do: take calls on the container port from their own namespace and the
 * named ones (and scrapes from the monitoring namespace), resolve names, and reach the declared
 * destinations. Pods are selected by the name label alone, which every version of the service
 * carries (a rollout's canary pods included).
 */
export function buildAllowPolicy(spec: PolicySpec): NetworkPolicyObject {
  const callers = [...new Set([spec.namespace, ...spec.networkPolicy.allowFromNamespaces])];
  const tcp = (port: number) => ({ protocol: "TCP", port });
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: objectMetadata(spec),
    spec: {
      podSelector: { matchLabels: selectorLabels(spec) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: callers.map(namespacePeer), ports: [tcp(spec.port)] },
        // Metrics are served on the container port, so the scrape rule names the same port.
        ...(spec.metrics && !callers.includes(spec.networkPolicy.monitoringNamespace)
          ? [{ from: [namespacePeer(spec.networkPolicy.monitoringNamespace)], ports: [tcp(spec.port)] }]
          : []),
      ],
      egress: [
        { to: [DNS_PEER], ports: [{ protocol: "UDP", port: DNS_PORT }, tcp(DNS_PORT)] },
        ...spec.networkPolicy.egress.map((rule) => ({
          to: rule.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
          ports: rule.ports.map(tcp),
        })),
      ],
    },
  };
}
