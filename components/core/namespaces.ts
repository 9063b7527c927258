/** The namespace kube-prometheus-stack runs in: services let its Prometheus scrape them from there. */
export const MONITORING_NAMESPACE = "monitoring";

/**
 * prometheus-node-exporter's own namespace, labelled Pod Security `privileged`: the exporter reads
 * the node through hostNetwork, hostPID and hostPath mounts, which even `baseline` forbids. Nothing
 * else runs there, so `monitoring` stays `restricted`.
 */
export const NODE_EXPORTER_NAMESPACE = "monitoring-node-exporter";
