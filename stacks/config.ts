import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InfraValidationError } from "../components/core";
import { configIssues } from "./config-issues";
import { PROFILE_NAMES, PROFILES, type Profile } from "./profiles";

/** The config namespace of this project: every key is `infra:<key>`. */
export const CONFIG_NAMESPACE = "infra";

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const tags = z
  .record(
    z.string().regex(TAG_KEY, "AWS tag keys are 1-128 letters, digits, spaces and _.:/=+-@"),
    z.string().max(256),
  )
  .refine(
    (t) => !Object.keys(t).some((k) => k.toLowerCase().startsWith("aws:")),
    "tag keys starting with aws: are reserved",
  );

/**
 * The `infra:` namespace of `Pulumi.<stack>.yaml`. Keys not listed here are errors. Defaults come
 * from the profile (`stacks/profiles.ts`); the README's config table is generated from this schema
 * (`npm run docs:config`).
 */
export const configSchema = z.strictObject({
  profile: z
    .enum(PROFILE_NAMES)
    .describe("Selects every default below: `development` is cheaper, `production` is safe."),
  tags: tags.optional().describe("Extra tags on every taggable AWS resource."),
  network: z
    .strictObject({
      cidrBlock: z
        .string()
        .describe("The VPC's IPv4 range, e.g. `10.10.0.0/16`; environments must not overlap."),
      availabilityZoneCount: z
        .number()
        .int()
        .min(1)
        .max(6)
        .optional()
        .describe("Availability zones to spread subnets over."),
      natGateways: z
        .enum(["none", "single", "perAz"])
        .optional()
        .describe("NAT gateways: none, one shared, or one per zone (no cross-zone dependency)."),
    })
    .describe("The VPC."),
});

export type StackConfigInput = z.input<typeof configSchema>;

/** The validated config of one environment, with the profile's defaults filled in. */
export interface EnvironmentConfig {
  readonly profile: Profile;
  /** The stack name: dev, prod, ... */
  readonly environment: string;
  readonly tags: Record<string, string>;
  readonly network: {
    readonly cidrBlock: string;
    readonly availabilityZoneCount: number;
    readonly natGateways: "none" | "single" | "perAz";
  };
}

/**
 * Validates raw `infra:` config (keys without the namespace, structured values already parsed) and
 * applies the profile defaults. Throws one InfraValidationError naming every problem by its config
 * path.
 */
export function parseEnvironmentConfig(raw: Record<string, unknown>, environment: string): EnvironmentConfig {
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new InfraValidationError(
      `invalid configuration for stack "${environment}"`,
      configIssues(CONFIG_NAMESPACE, configSchema, parsed.error),
    );
  }
  const config = parsed.data;
  const defaults = PROFILES[config.profile];
  return {
    profile: config.profile,
    environment,
    tags: { ...(config.tags ?? {}) },
    network: { ...defaults.network, ...config.network },
  };
}

/** Structured values arrive as JSON strings; scalars stay strings. */
function decode(value: string): unknown {
  const trimmed = value.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Reads this stack's `infra:` config from the Pulumi runtime and validates it. */
export function readEnvironmentConfig(): EnvironmentConfig {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decode(value);
  }
  return parseEnvironmentConfig(raw, pulumi.getStack());
}
