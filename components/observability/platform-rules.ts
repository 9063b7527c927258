import { runbookUrl } from "../core";
import type { PrometheusRule } from "./slo-rules";

/** Name of the alert on pods the scheduler cannot place. */
export const PODS_UNSCHEDULABLE_ALERT = "PodsUnschedulable";
export const PODS_UNSCHEDULABLE_RUNBOOK_SLUG = "pods-unschedulable";
/**
 * How long pods may stay unschedulable before a ticket opens: new nodes (Karpenter or a node group
 * scaling up) join within a few minutes, so a quarter of an hour means capacity will not come.
 */
export const PODS_UNSCHEDULABLE_FOR = "15m";

export interface PlatformRuleOptions {
  /** `metadata.name` of the PrometheusRule. */
  readonly name: string;
  readonly namespace: string;
  readonly runbookBaseUrl: string;
  /** Extra labels on the PrometheusRule object (not on the rules). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Cluster signals the chart's default rules lack, each with a runbook: pods the scheduler could not
 * place (kube-state-metrics' `kube_pod_status_unschedulable`), per namespace.
 */
export function platformPrometheusRule(options: PlatformRuleOptions): PrometheusRule {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: options.name, namespace: options.namespace, labels: { ...(options.labels ?? {}) } },
    spec: {
      groups: [
        {
          name: "platform-scheduling",
          rules: [
            {
              alert: PODS_UNSCHEDULABLE_ALERT,
              expr: "sum by (namespace) (kube_pod_status_unschedulable) > 0",
              for: PODS_UNSCHEDULABLE_FOR,
              labels: { severity: "ticket" },
              annotations: {
                summary: "{{ $labels.namespace }}: {{ $value }} pod(s) unschedulable",
                description:
                  `{{ $value }} pod(s) in {{ $labels.namespace }} have been unschedulable for ${PODS_UNSCHEDULABLE_FOR}: ` +
                  "no node has the CPU, memory, zone or taint toleration they ask for, and no new node came. " +
                  "Check the pods' events (kubectl describe pod), node group or NodePool limits, and requests.",
                runbook_url: runbookUrl(options.runbookBaseUrl, PODS_UNSCHEDULABLE_RUNBOOK_SLUG),
              },
            },
          ],
        },
      ],
    },
  };
}
