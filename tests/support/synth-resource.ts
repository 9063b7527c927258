import type { SynthResource } from "../../infra/synth/model";

/** A resource as `resources.json` records it, for hand-built graphs: `urn:<name>` unless `extra` says otherwise. */
export function synthResource(name: string, type: string, extra: Partial<SynthResource> = {}): SynthResource {
  return {
    urn: `urn:${name}`,
    type,
    name,
    parent: null,
    custom: true,
    provider: null,
    inputs: {},
    options: {},
    dependencies: [],
    ...extra,
  };
}
