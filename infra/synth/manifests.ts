import { stringify } from "yaml";
import type { SynthResource } from "./model";

export interface Manifest {
  /** File name inside `manifests/`. */
  readonly file: string;
  readonly yaml: string;
}

/** Kubernetes resource types that are objects in the API (not Helm releases, not component wrappers). */
function isKubernetesObject(resource: SynthResource): boolean {
  return (
    resource.custom &&
    resource.type.startsWith("kubernetes:") &&
    !resource.type.startsWith("kubernetes:helm.sh/") &&
    typeof resource.inputs.kind === "string"
  );
}

function ordered(object: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion, kind, metadata, ...rest } = object;
  return { apiVersion, kind, metadata, ...rest };
}

/** Every Kubernetes object the stack declares, as YAML, one file each, named by kind and resource name. */
export function kubernetesManifests(resources: readonly SynthResource[]): Manifest[] {
  return resources.filter(isKubernetesObject).map((resource) => ({
    file: `${String(resource.inputs.kind).toLowerCase()}-${resource.name}.yaml`,
    yaml: stringify(ordered(resource.inputs), { lineWidth: 0 }),
  }));
}
