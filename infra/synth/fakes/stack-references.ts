import { FakeCloudError } from "./errors";

/** The outputs of one referenced stack, and which of them are secret. */
export interface StackReferenceOutputs {
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Outputs the referenced stack marks secret: `getOutput` returns them as secret outputs. */
  readonly secretOutputNames?: readonly string[];
}

export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * What the engine reads for a `pulumi.StackReference`: the referenced stack's outputs. A stack the
 * run was given no outputs for fails, naming it and the stacks it knows; it never resolves to nothing.
 */
export function fakeStackReference(
  references: Readonly<Record<string, StackReferenceOutputs>>,
  name: string,
  inputs: Record<string, unknown>,
) {
  const stack = typeof inputs.name === "string" ? inputs.name : name;
  const found = references[stack];
  if (!found) {
    const known = Object.keys(references);
    throw new FakeCloudError(
      `StackReference "${name}" names stack "${stack}", which has no outputs here; ` +
        `pass them as stackReferences["${stack}"]` +
        (known.length ? ` (given: ${known.map((k) => `"${k}"`).join(", ")})` : " (none given)"),
    );
  }
  return {
    id: stack,
    state: {
      name: stack,
      outputs: { ...found.outputs },
      secretOutputNames: [...(found.secretOutputNames ?? [])],
    },
  };
}
