import { objectMetadata, selectorLabels } from "./labels";
import { HTTP_PORT_NAME } from "./probes";
import type { ServiceSpec } from "./service-spec";

/** A prometheus-operator ServiceMonitor (no schema package covers the CRD, so the shape is written out). */
export interface ServiceMonitorObject {
  readonly apiVersion: "monitoring.coreos.com/v1";
  readonly kind: "ServiceMonitor";
  readonly metadata: ReturnType<typeof objectMetadata>;
  readonly spec: {
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly namespaceSelector: { readonly matchNames: string[] };
    readonly endpoints: { readonly port: string; readonly path: string; readonly interval: string }[];
  };
}

/**
 * Tells Prometheus to scrape the service's pods through its Service, on the named HTTP port: the
 * `job` label of every series is then the Service's name and `namespace` its namespace, which is
 * what SLO selectors match on.
 */
export function buildServiceMonitor(
  spec: ServiceSpec & { readonly metrics: NonNullable<ServiceSpec["metrics"]> },
): ServiceMonitorObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: objectMetadata(spec),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      namespaceSelector: { matchNames: [spec.namespace] },
      endpoints: [{ port: HTTP_PORT_NAME, path: spec.metrics.path, interval: spec.metrics.interval }],
    },
  };
}
