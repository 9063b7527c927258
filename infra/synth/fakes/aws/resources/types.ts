import type { FakeAccount } from "../context";

/** What a fake resource type is given to compute its outputs. */
export interface FakeResource {
  readonly type: string;
  /** The logical name the program registered. */
  readonly name: string;
  /** The program's inputs, with the auto-named property filled when the type has one. */
  readonly inputs: Record<string, any>;
  readonly account: FakeAccount;
  /** The id the resource got (available to `outputs`). */
  readonly id: string;
  /** Deterministic hex for this resource; different `salt`s give unrelated values. */
  hex(length: number, salt?: string): string;
}

/** How the fake AWS answers for one resource type. */
export interface FakeResourceType {
  /**
   * The input the provider fills with `<logical name>-<7 hex>` when the program leaves it empty
   * (Pulumi auto-naming); `namePrefix` style inputs are honoured too.
   */
  readonly autoName?: string;
  /** The provider id; defaults to the auto-named property, else a hex string. */
  id?(r: Omit<FakeResource, "id">): string;
  /** Computed outputs, merged over the inputs. */
  outputs?(r: FakeResource): Record<string, unknown>;
}

export type FakeResourceTable = Readonly<Record<string, FakeResourceType>>;
