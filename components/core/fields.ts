import { z } from "zod";
import { byProfile, input } from "./definition";
import { roleNameOf } from "./iam";
import type { Profile } from "./profile";
import { show } from "./errors";
import { MAX_KMS_DELETION_WINDOW_DAYS, MIN_KMS_DELETION_WINDOW_DAYS } from "./kms";
import { isCloudWatchLogRetention, KMS_KEY_ARN, logRetentionProblem } from "./log-groups";

/**
 * Field schemas several components share, each with its one message. A message names the value
 * received and what is allowed; the path is added by the definition.
 */

/** A field's own message for a value of the wrong type too; a missing value is "required". */
function wrongType<T>(message: (value: T) => string, whenMissing?: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? whenMissing : message(issue.input as T);
}

/** A string matching `pattern`, or `message(value)`; `whenMissing` says what a missing one is for. */
export function matching(pattern: RegExp, message: (value: string) => string, whenMissing?: string) {
  return z
    .string({ error: wrongType(message, whenMissing) })
    .refine((v) => pattern.test(v), { error: (i) => message(i.input as string) });
}

/** A whole number from `min` to `max`, or `message(value)` (also for non-whole numbers). */
export function wholeNumber(min: number, max: number, message: (value: number) => string) {
  return z
    .number({ error: wrongType(message) })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: (i) => message(i.input as number) })
    .meta({ integer: true });
}

/** Days a CloudWatch log group keeps logs: one of the values CloudWatch Logs accepts. */
export function logRetentionDays() {
  return z
    .number()
    .refine(isCloudWatchLogRetention, { error: (i) => logRetentionProblem(i.input as number) ?? "" })
    .meta({ integer: true });
}

/** A customer KMS key's ARN, as CloudWatch Logs needs it (not an id or alias); may be an Output. */
export function kmsKeyArn() {
  return input(
    matching(
      KMS_KEY_ARN,
      (v) =>
        `${show(v)} is not a KMS key ARN; CloudWatch Logs needs the key's full ARN (not its id or an alias), e.g. "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
    ),
  );
}

/** Days KMS waits before deleting a key scheduled for deletion. */
export function kmsDeletionWindowDays() {
  return wholeNumber(
    MIN_KMS_DELETION_WINDOW_DAYS,
    MAX_KMS_DELETION_WINDOW_DAYS,
    (v) =>
      `${show(v)} is not allowed; KMS waits ${MIN_KMS_DELETION_WINDOW_DAYS} to ${MAX_KMS_DELETION_WINDOW_DAYS} days (a whole number) before deleting a key`,
  );
}

/** Extra tags on every taggable resource; keys starting with `aws:` are AWS's own. */
export function tagsField() {
  return z
    .record(z.string(), z.string())
    .superRefine((tags, ctx) => {
      for (const key of Object.keys(tags)) {
        if (key.toLowerCase().startsWith("aws:")) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: `${show(key)} starts with "aws:", which AWS reserves for its own tags; rename it`,
          });
        }
      }
    })
    .default({})
    .describe("Extra tags on every taggable resource.");
}

/**
 * `schema` (a list) with every repeat of an earlier item's key reported at the repeat; it runs even
 * when other items are malformed, so all problems come out at once.
 */
export function uniqueBy<T extends z.ZodArray>(
  schema: T,
  key: (item: unknown) => unknown,
  message: (repeated: unknown, firstIndex: number) => string,
  /** The item's field the key is, where the problem is reported. */
  field?: string,
) {
  return schema.superRefine(
    (items, ctx) => {
      if (!Array.isArray(items)) return;
      const first = new Map<unknown, number>();
      items.forEach((item: unknown, index) => {
        const k = key(item);
        if (k === undefined) return;
        const earlier = first.get(k);
        if (earlier === undefined) first.set(k, index);
        else
          ctx.addIssue({
            code: "custom",
            path: field === undefined ? [index] : [index, field],
            input: item,
            message: message(k, earlier),
          });
      });
    },
    { when: () => true },
  );
}

/** An IAM role ARN (not an STS session ARN), or `message(value)`. */
function roleArn(what: string) {
  return z.string().refine((arn) => roleNameOf(arn) !== undefined, {
    error: (i) =>
      `${show(i.input)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)${
        typeof i.input === "string" && i.input.includes(":assumed-role/")
          ? "; that is an STS session ARN, use the role's arn:aws:iam::<account>:role/<name>"
          : ""
      }; ${what}`,
  });
}

/**
 * Who administers and who may delete the component's customer KMS keys (the key policy built by
 * `keyPolicy`): the same field on every component that creates a key, and `infra:keys` in a stack.
 */
export function kmsKeyAccess(profile: Profile) {
  return z
    .strictObject({
      administratorRoleArns: z
        .array(roleArn("administrators are roles of the key's account"))
        .default([])
        .describe(
          "IAM roles that administer the keys (policy, rotation, tags, aliases; never encrypt or decrypt) besides the principals the account's IAM policies allow.",
        ),
      breakGlassRoleArn: roleArn("the break-glass role is a role of the key's account")
        .optional()
        .describe(
          "The one IAM role that may disable the keys or schedule their deletion; a stack of the production profile must name it (`infra:keys.breakGlassRoleArn`).",
        ),
      denyDeletion: z
        .boolean()
        .default(byProfile(profile, { development: false, production: true }))
        .describe(
          "Deny disabling and scheduling the deletion of the keys to every principal but `breakGlassRoleArn` (to everyone when it is unset). Giving a break-glass role turns it on in any profile.",
        ),
      protect: z
        .boolean()
        .default(byProfile(profile, { development: false, production: true }))
        .describe(
          "Pulumi `protect` on the keys: no `pulumi up` or `destroy` deletes them (the data they encrypt is unreadable without them). Loosens when false.",
        ),
    })
    .prefault({})
    .describe(
      "Who administers the component's customer KMS keys and who alone may disable or delete them (docs/operators/keys.md).",
    );
}

/** Resolved `kmsKeyAccess`: a given break-glass role turns the deletion deny on. */
export function resolveKeyAccess<
  A extends { readonly breakGlassRoleArn?: string; readonly denyDeletion: boolean },
>(access: A): A {
  return { ...access, denyDeletion: access.denyDeletion || access.breakGlassRoleArn !== undefined };
}
