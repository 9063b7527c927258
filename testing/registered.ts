import type { SynthResource } from "../infra/synth/model";

/** What a program registered, with finders that fail loudly when a test's expectation is off. */
export class Registered {
  constructor(
    /** Every registered resource, sorted by URN, the stack resource included. */
    readonly resources: readonly SynthResource[],
    /** The stack outputs, secrets as `"[secret]"`. */
    readonly outputs: Record<string, unknown>,
  ) {}

  ofType(type: string): SynthResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource of `type` (named `name` when given); throws if there are none or several. */
  one(type: string, name?: string): SynthResource {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) {
      const names = this.ofType(type).map((r) => r.name);
      throw new Error(
        `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length} (have: ${names.join(", ") || "none"})`,
      );
    }
    return found[0]!;
  }

  named(name: string): SynthResource {
    const found = this.resources.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0]!;
  }

  childrenOf(urn: string): SynthResource[] {
    return this.resources.filter((r) => r.parent === urn);
  }

  urns(): string[] {
    return this.resources.map((r) => r.urn);
  }
}
