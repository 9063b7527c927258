import * as pulumi from "@pulumi/pulumi";
import type { Registered, SynthResource } from "../../support/harness";
import { valueOf } from "../../support/harness";

/**
 * Records the provider ids the fake cloud gives a component's children, so tests can follow the
 * ids one resource hands another (a route's NAT gateway, a NAT's subnet) back to the recorded
 * resource. Pass `transformation` in the component's options: children inherit it.
 */
export class ResourceIds {
  private readonly byName = new Map<string, pulumi.Resource>();
  private resolved = new Map<string, string>();

  readonly transformation: pulumi.ResourceTransformation = (args) => {
    // Transformations run while the resource is still being constructed: it has no id yet, and is
    // not yet recognisable as a custom resource. Keep it and look again once the program ran.
    this.byName.set(`${args.type}::${args.name}`, args.resource);
    return undefined;
  };

  /** Resolves every recorded id; call once after the program ran. */
  async resolve(): Promise<void> {
    const custom = [...this.byName].filter((entry): entry is [string, pulumi.CustomResource] =>
      pulumi.CustomResource.isInstance(entry[1]),
    );
    const entries = await Promise.all(
      custom.map(async ([key, resource]) => [await valueOf(resource.id), key] as const),
    );
    this.resolved = new Map(entries);
  }

  /** The recorded resource that got `id`. */
  resourceWithId(registered: Registered, id: unknown): SynthResource {
    const key = typeof id === "string" ? this.resolved.get(id) : undefined;
    if (!key) throw new Error(`no child got the id ${JSON.stringify(id)}`);
    const [type, name] = key.split("::") as [string, string];
    return registered.one(type, name);
  }

  idOf(resource: SynthResource): string {
    const found = [...this.resolved].find(([, key]) => key === `${resource.type}::${resource.name}`);
    if (!found) throw new Error(`no id recorded for ${resource.type} ${resource.name}`);
    return found[0];
  }
}
