import type { PolicyResource } from "../types";
import { list, record, text, type Plain } from "./values";

/** Where each workload kind keeps its pod template (`spec.template` unless listed). */
const POD_TEMPLATE_PATHS: Record<string, readonly string[]> = {
  "kubernetes:apps/v1:Deployment": ["spec", "template"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
  "kubernetes:batch/v1:Job": ["spec", "template"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
  "kubernetes:argoproj.io/v1alpha1:Rollout": ["spec", "template"],
  "kubernetes:core/v1:Pod": [],
};

export const POD_WORKLOAD_TYPES = Object.keys(POD_TEMPLATE_PATHS);

export function isPodWorkload(type: string): boolean {
  return type in POD_TEMPLATE_PATHS;
}

/** A workload's pod: its labels, namespace and spec (a Rollout with a `workloadRef` has none). */
export interface PodView {
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly spec: Plain;
}

export function podOf(resource: PolicyResource): PodView | undefined {
  const path = POD_TEMPLATE_PATHS[resource.type];
  if (path === undefined) return undefined;
  let template: unknown = resource.inputs;
  for (const key of path) template = record(template)[key];
  const spec = record(record(template).spec);
  if (Object.keys(spec).length === 0) return undefined;
  return {
    namespace: text(record(resource.inputs.metadata).namespace, "default"),
    labels: record(record(record(template).metadata).labels) as Record<string, string>,
    spec,
  };
}

/** Every container of a pod, init containers included, with the path a message names. */
export function containersOf(pod: PodView): { readonly name: string; readonly container: Plain }[] {
  return [...list(pod.spec.initContainers), ...list(pod.spec.containers)].map((c) => {
    const container = record(c);
    return { name: text(container.name, "?"), container };
  });
}

/** A container's effective security setting: its own, else the pod's (Kubernetes' precedence). */
export function securitySetting(pod: PodView, container: Plain, key: string): unknown {
  const own = record(container.securityContext)[key];
  return own !== undefined ? own : record(pod.spec.securityContext)[key];
}

/** Whether a label selector (`matchLabels` only, `matchExpressions` `In`/`Exists`) selects the labels. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const s = record(selector);
  const matchLabels = record(s.matchLabels);
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const expression of list(s.matchExpressions)) {
    const e = record(expression);
    const key = String(e.key);
    const values = list(e.values).map(String);
    switch (e.operator) {
      case "In":
        if (!values.includes(labels[key] ?? "\u0000")) return false;
        break;
      case "NotIn":
        if (key in labels && values.includes(labels[key]!)) return false;
        break;
      case "Exists":
        if (!(key in labels)) return false;
        break;
      case "DoesNotExist":
        if (key in labels) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function namespaceOf(resource: PolicyResource): string {
  return text(record(resource.inputs.metadata).namespace, "default");
}
