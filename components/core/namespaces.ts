/** The namespace kube-prometheus-stack runs in: services let its Prometheus scrape them from there. */
export const MONITORING_NAMESPACE = "monitoring";

/**
 * prometheus-node-exporter's own namespace, labelled Pod Security `privileged`: the exporter reads
 * the node through hostNetwork, hostPID and hostPath mounts, which even `baseline` forbids. Nothing
 * else runs there, so `monitoring` stays `restricted`.
 */
export const NODE_EXPORTER_NAMESPACE = "monitoring-node-exporter";

/**
 * The namespaces whose pods need the node itself (its network, processes, files): the only ones a
 * stack may label Pod Security `privileged`.
 */
export const PRIVILEGED_NAMESPACES: readonly string[] = [NODE_EXPORTER_NAMESPACE];
