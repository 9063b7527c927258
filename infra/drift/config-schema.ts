import { z } from "zod";

/**
 * The drift settings of a stack: config key `infra:drift` in `Pulumi.<stack>.yaml`. Kept apart from
 * the loader so the stacks' config schema can accept the key without pulling the loader in.
 *
 * ```yaml
 * config:
 *   infra:drift:
 *     ignore:
 *       - "aws:ec2/instance:Instance:tags.LastScanned"
 *       - "*:*:*:tags.backup-*"
 * ```
 */
export const DRIFT_CONFIG_KEY = "infra:drift";

export const driftConfigSchema = z.strictObject({
  /** `<type>:<path>` patterns of properties whose drift is known and accepted. @default [] */
  ignore: z
    .array(z.string())
    .optional()
    .describe("`<type>:<path>` patterns of properties whose drift is known and accepted (globs allowed)."),
});

export type DriftConfig = z.infer<typeof driftConfigSchema>;
