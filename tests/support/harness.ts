import * as pulumi from "@pulumi/pulumi";
import type { SynthResource } from "../../infra/synth/model";
import { runProgram, type Program, type ProgramSettings } from "../../infra/synth/run";
import { Registered } from "../../testing/registered";

export { Registered } from "../../testing/registered";

export type { SynthResource } from "../../infra/synth/model";
export { SECRET_MASK } from "../../infra/synth/model";

/**
 * Runs `program` (a stack program, or a function that builds a component) under the fake cloud and
 * returns every resource it registered. Settings default to project `infra`, stack `test`,
 * region eu-west-1.
 */
export async function run(program: Program, settings: ProgramSettings = {}): Promise<Registered> {
  // A returned resource would become a stack output with every one of its properties; tests that
  // build a component read the component's outputs from the instance instead.
  const asStack = async () => {
    const result = await program();
    return pulumi.Resource.isInstance(result) ? undefined : result;
  };
  const { resources, outputs } = await runProgram(settings, asStack);
  return new Registered(resources, outputs);
}

/** Resolves an output's value (tests only; never inside a program). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Whether an output is marked secret. */
export function isSecret<T>(output: pulumi.Output<T>): Promise<boolean> {
  return pulumi.isSecret(output);
}

/** Parses a JSON input (an IAM policy document, a dashboard body) from a recorded resource. */
export function parseJsonInput<T = any>(resource: SynthResource, key: string): T {
  const value = resource.inputs[key];
  if (typeof value !== "string")
    throw new Error(`${resource.name}.${key} is not a JSON string: ${JSON.stringify(value)}`);
  return JSON.parse(value) as T;
}
