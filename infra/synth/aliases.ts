import type { SynthResource } from "./model";
import { childUrn } from "./recorder";

const STACK_TYPE = "pulumi:pulumi:Stack";

function parts(urn: string): { stack: string; project: string; qualifiedType: string; name: string } {
  const [, rest] = urn.split("urn:pulumi:");
  const [stack, project, qualifiedType, ...name] = rest!.split("::");
  return { stack: stack!, project: project!, qualifiedType: qualifiedType!, name: name.join("::") };
}

function typeOf(qualifiedType: string): string {
  return qualifiedType.split("$").pop()!;
}

/**
 * The URNs a resource answers to besides its own, as the engine computes them: its own alias specs
 * resolved, plus one alias per alias of its parent, with the parent's old name substituted where the
 * child's name starts with the parent's (children named `${parent}-...` follow a renamed parent).
 */
export function aliasUrns(resource: SynthResource, byUrn: ReadonlyMap<string, SynthResource>): string[] {
  const { stack, project } = parts(resource.urn);
  const own = (resource.options.aliases ?? []).map((alias) => {
    if (typeof alias === "string") return alias;
    const parent =
      alias.noParent === true ? "" : ((alias.parentUrn as string | undefined) ?? resource.parent ?? "");
    return childUrn(
      (alias.stack as string | undefined) ?? stack,
      (alias.project as string | undefined) ?? project,
      parent,
      (alias.type as string | undefined) ?? resource.type,
      (alias.name as string | undefined) ?? resource.name,
    );
  });

  const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
  if (!parent || parent.type === STACK_TYPE) return own;
  const inherited = aliasUrns(parent, byUrn).map((parentAlias) => {
    const old = parts(parentAlias);
    const name = resource.name.startsWith(parent.name)
      ? old.name + resource.name.slice(parent.name.length)
      : resource.name;
    const qualifiedType =
      typeOf(old.qualifiedType) === STACK_TYPE ? resource.type : `${old.qualifiedType}$${resource.type}`;
    return `urn:pulumi:${old.stack}::${old.project}::${qualifiedType}::${name}`;
  });
  return [...new Set([...own, ...inherited])];
}

/** Every URN → the resource that answers to it, by its own URN or through an alias. */
export function resolvableUrns(resources: readonly SynthResource[]): Map<string, SynthResource> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const resolvable = new Map(byUrn);
  for (const resource of resources) {
    for (const alias of aliasUrns(resource, byUrn)) resolvable.set(alias, resource);
  }
  return resolvable;
}
