import { objectMetadata, selectorLabels } from "./labels";
import { HTTP_PORT_NAME } from "./probes";
import { POD_TEMPLATE_HASH_LABEL } from "./analysis";
import { PREVIEW_LABEL } from "./rollout";
import type { ServiceSpec } from "./service-spec";

/** A prometheus-operator ServiceMonitor (no schema package covers the CRD, so the shape is written out). */
export interface ServiceMonitorObject {
  readonly apiVersion: "monitoring.coreos.com/v1";
  readonly kind: "ServiceMonitor";
  readonly metadata: ReturnType<typeof objectMetadata>;
  readonly spec: {
    readonly selector: {
      readonly matchLabels: Record<string, string>;
      readonly matchExpressions?: {
        readonly key: string;
        readonly operator: "NotIn";
        readonly values: string[];
      }[];
    };
    readonly namespaceSelector: { readonly matchNames: string[] };
    /** Pod labels copied onto every series. */
    readonly podTargetLabels?: string[];
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
      selector: {
        matchLabels: selectorLabels(spec),
        // The blue-green preview Service selects the same pods; scraping them through it too would count them twice.
        ...(spec.delivery.strategy === "blueGreen"
          ? {
              matchExpressions: [
                { key: PREVIEW_LABEL.key, operator: "NotIn", values: [PREVIEW_LABEL.value] },
              ],
            }
          : {}),
      },
      namespaceSelector: { matchNames: [spec.namespace] },
      // The analysis tells the versions apart by the Rollout's pod template hash.
      ...(spec.delivery.strategy !== "rolling" ? { podTargetLabels: [POD_TEMPLATE_HASH_LABEL] } : {}),
      endpoints: [{ port: HTTP_PORT_NAME, path: spec.metrics.path, interval: spec.metrics.interval }],
    },
  };
}
