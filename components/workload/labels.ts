import type { ServiceSpec } from "./service-spec";

export const NAME_LABEL = "app.kubernetes.io/name";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** Labels the component sets itself; callers may not override them (the selector depends on one). */
export const RESERVED_LABELS: readonly string[] = [NAME_LABEL, MANAGED_BY_LABEL];

/**
 * What the Deployment, Service and PDB select pods by. Kept to the name alone: a selector is
 * immutable, so adding a label later must not change it.
 */
export function selectorLabels(spec: Pick<ServiceSpec, "name">): Record<string, string> {
  return { [NAME_LABEL]: spec.name };
}

/** The labels every object and every pod carries. */
export function commonLabels(spec: Pick<ServiceSpec, "name" | "labels">): Record<string, string> {
  return { ...spec.labels, ...selectorLabels(spec), [MANAGED_BY_LABEL]: "pulumi" };
}

/** Metadata of a namespaced object of the service. */
export function objectMetadata(spec: Pick<ServiceSpec, "name" | "namespace" | "labels">): {
  name: string;
  namespace: string;
  labels: Record<string, string>;
} {
  return { name: spec.name, namespace: spec.namespace, labels: commonLabels(spec) };
}
