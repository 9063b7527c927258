import type * as k8s from "@pulumi/kubernetes";
import { objectMetadata, selectorLabels } from "./labels";
import type { Plain } from "./plain";
import { HTTP_PORT_NAME } from "./probes";
import type { ServiceSpec } from "./service-spec";

export type ServiceObject = Plain<k8s.types.input.core.v1.Service>;

/** A ClusterIP Service: reachable inside the cluster only, targeting the container port by name. */
export function buildService(spec: ServiceSpec): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMetadata(spec),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(spec),
      ports: [{ name: HTTP_PORT_NAME, port: spec.servicePort, targetPort: HTTP_PORT_NAME, protocol: "TCP" }],
    },
  };
}
