/** The namespace kube-prometheus-stack runs in: services let its Prometheus scrape them from there. */
export const MONITORING_NAMESPACE = "monitoring";
