import * as pulumi from "@pulumi/pulumi";
import { createFakeCloud, type StackReferenceOutputs } from "./fakes";
import type { SynthResource } from "./model";
import { RegistrationRecorder } from "./recorder";

export interface ProgramSettings {
  /** @default "infra" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /** Config as the engine hands it to a program: `namespace:key` → string, structured values as JSON. */
  readonly config?: Readonly<Record<string, string>>;
  /** Config keys whose values are secrets. */
  readonly secretKeys?: readonly string[];
  /**
   * Region the fake AWS answers for.
   * @default config `aws:region`, else {@link DEFAULT_REGION}
   */
  readonly region?: string;
  /**
   * Account the fake AWS answers for (caller identity, every ARN).
   * @default the first of config `aws:allowedAccountIds`, else the fake cloud's default
   */
  readonly accountId?: string;
  /** Outputs of the stacks the program reads through `pulumi.StackReference`, by stack name. */
  readonly stackReferences?: Readonly<Record<string, StackReferenceOutputs>>;
}

export interface ProgramResult {
  /** Every registered resource, sorted by URN, the stack resource included. */
  readonly resources: SynthResource[];
  /** The stack outputs, secrets masked. */
  readonly outputs: Record<string, unknown>;
}

export type Program = () => unknown;

/** The region a program runs in when its config sets no `aws:region`. */
export const DEFAULT_REGION = "eu-west-1";

/** The engine would refuse the program (e.g. duplicate URNs), or a resource failed to register. */
export class ProgramRunError extends Error {
  constructor(
    message: string,
    readonly errors: readonly unknown[] = [],
  ) {
    super(message);
    this.name = "ProgramRunError";
  }
}

/** The stack's own account, so ARNs the fake cloud builds match the ones the config names. */
function firstAllowedAccount(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) && typeof ids[0] === "string" && /^\d{12}$/.test(ids[0]) ? ids[0] : undefined;
  } catch {
    return undefined;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a Pulumi program under mocks backed by the fake cloud, as the engine would run it (inside a
 * `pulumi:pulumi:Stack`), and returns what it registered. Runs are serialized: the Pulumi runtime
 * keeps its settings in process-wide state.
 */
export function runProgram(settings: ProgramSettings, program: Program): Promise<ProgramResult> {
  const run = queue.then(() => runExclusive(settings, program));
  queue = run.catch(() => undefined);
  return run;
}

async function runExclusive(settings: ProgramSettings, program: Program): Promise<ProgramResult> {
  const config = settings.config ?? {};
  const region = settings.region ?? config["aws:region"] ?? DEFAULT_REGION;
  const accountId = settings.accountId ?? firstAllowedAccount(config["aws:allowedAccountIds"]);
  const stray: unknown[] = [];
  const onRejection = (reason: unknown) => stray.push(reason);
  process.on("unhandledRejection", onRejection);
  // The SDK formats a stack trace for every promise and resource it creates (promise-leak debugging,
  // source positions), which mocks never read; with source maps on (tsx) each trace was mapped frame
  // by frame, half of a synth run. Errors the program throws keep mapped traces: a trace is
  // formatted when first read, after the run.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    await pulumi.runtime.setMocks(
      createFakeCloud({ region, accountId, stackReferences: settings.stackReferences ?? {} }),
      settings.project ?? "infra",
      settings.stack ?? "test",
      false,
    );
    pulumi.runtime.setAllConfig({ ...config }, [...(settings.secretKeys ?? [])]);
    const recorder = new RegistrationRecorder();
    let failure: unknown;
    try {
      await pulumi.runtime.runInPulumiStack(
        async () => (await program()) as Record<string, unknown> | undefined,
      );
    } catch (err) {
      failure = err;
    }
    await pulumi.runtime.disconnect();
    // Let rejections of promises nobody awaited surface before we look.
    await new Promise((resolve) => setImmediate(resolve));
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
    if (stray.length) {
      const first = stray[0];
      throw new ProgramRunError(first instanceof Error ? first.message : String(first), stray);
    }
    const duplicates = recorder.duplicateUrns();
    if (duplicates.length) {
      throw new ProgramRunError(
        `duplicate resource URNs (each must be unique):\n  ${duplicates.join("\n  ")}`,
      );
    }
    return { resources: recorder.resources(), outputs: recorder.outputs() };
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    process.off("unhandledRejection", onRejection);
  }
}
