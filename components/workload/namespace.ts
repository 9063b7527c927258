import type * as k8s from "@pulumi/kubernetes";
import { podSecurityLabels } from "../core/pod-security";
import { MANAGED_BY_LABEL } from "./labels";
import type { Plain } from "./plain";
import type { ServiceSpec } from "./service-spec";

export type NamespaceObject = Plain<k8s.types.input.core.v1.Namespace>;

/**
 * A namespace that enforces (and audits and warns on) the Pod Security `restricted` standard, which
 * the service's own pods meet; anything else deployed into it later must meet it too.
 */
export function buildNamespace(spec: ServiceSpec): NamespaceObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: spec.namespace,
      labels: {
        ...spec.labels,
        [MANAGED_BY_LABEL]: "pulumi",
        ...podSecurityLabels("restricted"),
      },
    },
  };
}
