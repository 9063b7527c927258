import { hexFor } from "./ids";

type Outputs = { id: string; state: Record<string, unknown> };

/**
 * Kubernetes objects as an API server would accept them: the provider auto-names objects without
 * `metadata.name` (`<logical name>-<8 hex>`), and the id is `namespace/name`.
 */
export function fakeKubernetesResource(type: string, name: string, inputs: Record<string, any>): Outputs {
  if (type === "kubernetes:helm.sh/v3:Release") {
    const releaseName = inputs.name ?? `${name}-${hexFor(`${type}::${name}`, 8)}`;
    const namespace = inputs.namespace ?? "default";
    return {
      id: `${namespace}/${releaseName}`,
      state: {
        ...inputs,
        name: releaseName,
        namespace,
        status: {
          name: releaseName,
          namespace,
          status: "deployed",
          revision: 1,
          chart: inputs.chart,
          version: inputs.version,
        },
      },
    };
  }
  const metadata = { ...(inputs.metadata ?? {}) };
  metadata.name ??= `${name}-${hexFor(`${type}::${name}`, 8)}`;
  metadata.uid = `${hexFor(`uid:${type}::${name}`, 8)}-0000-4000-8000-${hexFor(`uid2:${name}`, 12)}`;
  const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : String(metadata.name);
  return { id, state: { ...inputs, metadata } };
}
