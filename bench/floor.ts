import type * as pulumi from "@pulumi/pulumi";
import type { SynthResource } from "../infra/synth/model";
import type { Program } from "../infra/synth/run";
import { floorPlan } from "./floor-plan";
import { resourceClass } from "./sdk-classes";

/**
 * The floor program: the stack's provider resources registered through their own `@pulumi/*`
 * classes, with the inputs synth recorded, flat under the stack, with no component logic.
 */
export function floorProgram(recorded: readonly SynthResource[]): Program {
  const plan = floorPlan(recorded);
  return () => {
    const providers = new Map<string, pulumi.ProviderResource>();
    for (const entry of plan) {
      const Class = resourceClass(entry.type);
      const provider = entry.provider === undefined ? undefined : providers.get(entry.provider);
      const resource = new Class(entry.name, { ...entry.inputs }, provider ? { provider } : {});
      if (entry.type.startsWith("pulumi:providers:")) {
        providers.set(entry.name, resource);
      }
    }
  };
}
