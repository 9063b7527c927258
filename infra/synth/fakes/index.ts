import { FakeCloudError } from "./errors";
import type * as pulumi from "@pulumi/pulumi";
import type { FakeAccount } from "./aws/context";
import { AWS_INVOKES } from "./aws/invokes";
import { fakeRegion } from "./aws/regions";
import { AWS_RESOURCES } from "./aws/resources";
import { digitsFor, hexFor } from "./ids";
import { fakeKubernetesResource } from "./kubernetes";
import { fakeRandomResource } from "./random";
import { fakeStackReference, STACK_REFERENCE_TYPE, type StackReferenceOutputs } from "./stack-references";

export type { StackReferenceOutputs } from "./stack-references";

export interface FakeCloudOptions {
  /** The region the fake AWS answers for (`aws:region`). */
  readonly region: string;
  /** @default "123456789012" */
  readonly accountId?: string;
  /** Outputs of the stacks a program reads through `pulumi.StackReference`, by fully qualified stack name. */
  readonly stackReferences?: Readonly<Record<string, StackReferenceOutputs>>;
}

export const DEFAULT_FAKE_ACCOUNT_ID = "123456789012";

function fakeAccount(options: FakeCloudOptions): FakeAccount {
  return {
    accountId: options.accountId ?? DEFAULT_FAKE_ACCOUNT_ID,
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    region: fakeRegion(options.region),
  };
}

function autoNamed(spec: { autoName?: string }, name: string, seed: string, inputs: Record<string, any>) {
  const property = spec.autoName;
  if (!property || inputs[property] !== undefined) return inputs;
  const prefix = inputs[`${property}Prefix`] ?? inputs.namePrefix;
  const value = prefix !== undefined ? `${prefix}${hexFor(seed, 26)}` : `${name}-${hexFor(seed, 7)}`;
  return { ...inputs, [property]: value };
}

function fakeAwsResource(account: FakeAccount, type: string, name: string, rawInputs: Record<string, any>) {
  const spec = AWS_RESOURCES[type];
  if (!spec) {
    throw new FakeCloudError(
      `the fake AWS does not know resource type "${type}" (${name}); describe its computed outputs in infra/synth/fakes/aws/resources/`,
    );
  }
  const seed = `${type}::${name}`;
  const inputs = autoNamed(spec, name, seed, rawInputs);
  const base = {
    type,
    name,
    inputs,
    account,
    hex: (length: number, salt = "") => hexFor(`${seed}#${salt}`, length),
  };
  const id = spec.id?.(base) ?? (spec.autoName ? String(inputs[spec.autoName]) : hexFor(seed, 17));
  const outputs = spec.outputs?.({ ...base, id }) ?? {};
  const tags = inputs.tags as Record<string, string> | undefined;
  return {
    id,
    state: {
      ...inputs,
      ...(tags ? { tagsAll: tags } : {}),
      ...outputs,
      region: inputs.region ?? account.region.name,
    },
  };
}

/**
 * Pulumi mocks that behave like a small AWS account (plus `@pulumi/random` and a Kubernetes API
 * server): realistic identifiers, ARNs and endpoints, deterministic across runs. A resource type or
 * provider function it does not know fails loudly, naming the token.
 */
export function createFakeCloud(options: FakeCloudOptions): pulumi.runtime.Mocks {
  const account = fakeAccount(options);
  return {
    newResource(args) {
      const { type, name, inputs } = args;
      if (!args.custom) return { id: undefined, state: inputs };
      if (type === STACK_REFERENCE_TYPE)
        return fakeStackReference(options.stackReferences ?? {}, name, inputs);
      if (type.startsWith("pulumi:providers:")) {
        return { id: `${digitsFor(`${type}::${name}`, 8)}-provider`, state: inputs };
      }
      const pkg = type.split(":")[0];
      switch (pkg) {
        case "aws":
          return fakeAwsResource(account, type, name, inputs);
        case "random":
          return fakeRandomResource(type, name, inputs);
        case "kubernetes":
          return fakeKubernetesResource(type, name, inputs);
        default:
          throw new FakeCloudError(
            `the fake cloud has no provider for package "${pkg}" (resource ${type} ${name})`,
          );
      }
    },
    call(args) {
      const handler = AWS_INVOKES[args.token];
      if (!handler) {
        throw new FakeCloudError(
          `the fake cloud has no answer for invoke "${args.token}"; add one in infra/synth/fakes/aws/invokes.ts`,
        );
      }
      return handler(args.inputs, account);
    },
  };
}
