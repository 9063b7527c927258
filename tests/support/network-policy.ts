import { selects } from "../../policies/rules/pods";

/** A pod that opens a connection. */
export interface Caller {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Where it connects to: a container port, by number and name, and a protocol. */
export interface Target {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: "TCP" | "UDP";
}

interface Peer {
  readonly podSelector?: unknown;
  readonly namespaceSelector?: unknown;
  readonly ipBlock?: unknown;
}
interface Rule {
  readonly from?: readonly Peer[];
  readonly ports?: readonly { readonly port?: number | string; readonly protocol?: string }[];
}

/** The labels Kubernetes puts on every namespace. */
const namespaceLabels = (name: string) => ({ "kubernetes.io/metadata.name": name });

function peerMatches(peer: Peer, caller: Caller, policyNamespace: string): boolean {
  if (peer.ipBlock !== undefined) return false;
  const inNamespace =
    peer.namespaceSelector === undefined
      ? caller.namespace === policyNamespace
      : selects(peer.namespaceSelector, namespaceLabels(caller.namespace));
  return inNamespace && (peer.podSelector === undefined || selects(peer.podSelector, caller.labels));
}

function portMatches(rule: Rule, target: Target): boolean {
  if (rule.ports === undefined || rule.ports.length === 0) return true;
  return rule.ports.some(
    (p) =>
      (p.protocol ?? "TCP") === (target.protocol ?? "TCP") &&
      (p.port === undefined || p.port === target.port || p.port === target.name),
  );
}

/**
 * Whether ingress rules of a NetworkPolicy in `policyNamespace` admit `caller` to `target`, by the
 * Kubernetes semantics: any rule whose peers and ports both match (no `from`: every source).
 */
export function admits(
  ingress: readonly unknown[],
  policyNamespace: string,
  caller: Caller,
  target: Target,
): boolean {
  return (ingress as readonly Rule[]).some(
    (rule) =>
      (rule.from === undefined || rule.from.some((peer) => peerMatches(peer, caller, policyNamespace))) &&
      portMatches(rule, target),
  );
}
