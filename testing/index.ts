// `@platform/infra/testing`: run a team's Pulumi program offline, under the SDK's mocks backed by the
// same fake AWS account (and Kubernetes API server) the platform's own tests and `infra synth` use,
// and get back every resource it registered, its stack outputs and the policy pack's verdict.
import { SECRET_MASK, UNKNOWN_MASK } from "../infra/synth/model";
import { runProgram, type Program } from "../infra/synth/run";
import { evaluatePolicies, type PolicyReport } from "../policies/evaluate";
import type { Profile } from "../policies/types";
import { Registered } from "./registered";

export { Registered } from "./registered";
export { ProgramRunError } from "../infra/synth/run";
export { SECRET_MASK, UNKNOWN_MASK };
export type { RecordedOptions, SynthResource as RegisteredResource } from "../infra/synth/model";
export type { PolicyReport } from "../policies/evaluate";
export type { EnforcementLevel, PolicyViolation, Profile } from "../policies/types";

/** A value a test hands the program as a secret (stack config or a referenced stack's output). */
export class SecretValue<T = unknown> {
  constructor(readonly value: T) {}
}

/** Marks a config value or a referenced stack's output as secret. */
export function secret<T>(value: T): SecretValue<T> {
  return new SecretValue(value);
}

type Values = Readonly<Record<string, unknown>>;

/** The value itself, whether or not it is marked secret. */
function plain(value: unknown): unknown {
  return value instanceof SecretValue ? (value as SecretValue<unknown>).value : value;
}

export interface TestProgramOptions {
  /** The Pulumi project name (`Pulumi.yaml`), also the namespace of config keys given without one. */
  readonly project: string;
  /** @default "test" */
  readonly stack?: string;
  /**
   * Stack config as `Pulumi.<stack>.yaml` holds it: `"namespace:key"` (or `"key"` for the project's
   * namespace) to a value; objects and lists are passed as structured config. Wrap a value in
   * {@link secret} for `pulumi config set --secret`.
   */
  readonly config?: Values;
  /**
   * The outputs of every stack the program reads through `pulumi.StackReference`, by the name it
   * passes (`org/project/stack`); wrap an output in {@link secret} when that stack exports it as a
   * secret. A reference to a stack not listed here fails the run, naming the stack.
   */
  readonly stackReferences?: Readonly<Record<string, Values>>;
  /** @default config `aws:region`, else "eu-west-1" */
  readonly region?: string;
  /** The AWS account the fake cloud answers as. @default the first of `aws:allowedAccountIds`, else 123456789012 */
  readonly accountId?: string;
  /** Which rules of the policy pack bind: production's are advisory in development. @default "production" */
  readonly profile?: Profile;
}

export interface TestProgramResult extends Registered {
  /** The platform's policy pack evaluated over every registered resource, as `infra synth` does. */
  readonly policy: PolicyReport;
}

function configEntries(project: string, config: Values) {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${project}:${key}`;
    const value = plain(raw);
    if (raw instanceof SecretValue) secretKeys.push(fullKey);
    values[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, secretKeys };
}

function referenceOutputs(references: Readonly<Record<string, Values>>) {
  return Object.fromEntries(
    Object.entries(references).map(([stack, outputs]) => [
      stack,
      {
        outputs: Object.fromEntries(Object.entries(outputs).map(([key, v]) => [key, plain(v)])),
        secretOutputNames: Object.keys(outputs).filter((key) => outputs[key] instanceof SecretValue),
      },
    ]),
  );
}

/**
 * Runs a Pulumi program (what the project's `main` exports, or any function that creates resources)
 * under mocks with the fake cloud, and returns every resource it registered with its inputs and
 * options, the stack outputs and the policy report. Secrets appear as `"[secret]"`.
 *
 * Rejects with what the program threw (an `InfraValidationError` for bad component arguments), or
 * with a {@link ProgramRunError} when a resource cannot be registered: a resource type or provider
 * function the fake cloud does not know, or a StackReference to a stack without outputs in
 * `stackReferences`, named in the message. It never hangs. Runs are
 * serialized: the Pulumi runtime keeps its settings in process-wide state.
 */
export async function runTestProgram(
  program: Program,
  options: TestProgramOptions,
): Promise<TestProgramResult> {
  const { values, secretKeys } = configEntries(options.project, options.config ?? {});
  const result = await runProgram(
    {
      project: options.project,
      stack: options.stack ?? "test",
      config: values,
      secretKeys,
      stackReferences: referenceOutputs(options.stackReferences ?? {}),
      ...(options.region ? { region: options.region } : {}),
      ...(options.accountId ? { accountId: options.accountId } : {}),
    },
    program,
  );
  const policy = evaluatePolicies(result.resources, { profile: options.profile ?? "production" });
  return Object.assign(new Registered(result.resources, result.outputs), { policy });
}
