import type { SynthResource } from "../infra/synth/model";

/** One provider resource the floor registers directly under the stack. */
export interface FloorEntry {
  readonly type: string;
  /** Unique per type: flattening the tree may bring two same-named children of different parents together. */
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Floor name of the explicit provider the recorded resource used, if any. */
  readonly provider?: string;
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/**
 * What the floor program registers for a synthesized stack: every custom resource (providers
 * first, so others can name theirs), with the recorded inputs, flat under the stack. Components,
 * parents and dependencies are left out: they are the component logic the floor measures without.
 */
export function floorPlan(recorded: readonly SynthResource[]): FloorEntry[] {
  const custom = recorded.filter((r) => r.custom);
  const ordered = [
    ...custom.filter((r) => r.type.startsWith(PROVIDER_TYPE_PREFIX)),
    ...custom.filter((r) => !r.type.startsWith(PROVIDER_TYPE_PREFIX)),
  ];
  const taken = new Set<string>();
  const floorNames = new Map<string, string>();
  for (const resource of ordered) {
    let name = resource.name;
    for (let n = 2; taken.has(`${resource.type}::${name}`); n++) name = `${resource.name}-${n}`;
    taken.add(`${resource.type}::${name}`);
    floorNames.set(resource.urn, name);
  }
  return ordered.map((resource) => {
    const provider = resource.provider === null ? undefined : floorNames.get(resource.provider);
    return {
      type: resource.type,
      name: floorNames.get(resource.urn)!,
      inputs: resource.inputs,
      ...(provider === undefined ? {} : { provider }),
    };
  });
}
