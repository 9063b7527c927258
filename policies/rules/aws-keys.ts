import {
  deletionDenyExemptions,
  keyPolicyProblems,
  type KeyPolicyDocument,
  type KeyPolicyStatement,
} from "../../components/core/key-policy";
import { resourceRule, when } from "./define";
import { TYPES } from "./values";

/**
 * Customer KMS keys: an explicit policy that keeps administration apart from use, deletion left to
 * one break-glass role, and Pulumi's `protect` in production (docs/operators/keys.md).
 */

type Parsed = { document: KeyPolicyDocument; accountId?: string; partition: string } | "absent" | "unknown";

/** The key's policy document and the account it names, "absent" without one, "unknown" until known. */
function keyPolicyOf(inputs: Record<string, unknown>): Parsed {
  const policy = inputs.policy;
  if (policy === undefined || policy === null || policy === "") return "absent";
  let document: KeyPolicyDocument;
  try {
    document = (typeof policy === "string" ? JSON.parse(policy) : policy) as KeyPolicyDocument;
  } catch {
    // A policy computed during preview is not known yet: judged once it is.
    return "unknown";
  }
  if (!Array.isArray(document?.Statement)) return "unknown";
  // The account and partition are those of the root the administration statement names.
  const statements: readonly KeyPolicyStatement[] = document.Statement;
  const root = statements
    .flatMap((s) => (s.Principal === "*" ? [] : [s.Principal.AWS ?? []].flat()))
    .find((p) => /^arn:[^:]+:iam::\d{12}:root$/.test(p));
  const match = /^arn:([^:]+):iam::(\d{12}):root$/.exec(root ?? "");
  return { document, partition: match?.[1] ?? "aws", accountId: match?.[2] };
}

export const kmsKeyPolicySeparatesDuties = resourceRule({
  name: "kms-key-policy-separates-duties",
  description:
    "Customer KMS keys have an explicit policy: administration without cryptographic actions, use bound to a service (kms:ViaService) or an encryption context, and kms:PutKeyPolicy kept by the account (the lockout safety check)",
  fix: "build the policy with keyPolicy() (components/core/key-policy.ts); never grant kms:* or an unbound kms:Decrypt to the account",
  types: [TYPES.kmsKey],
  check: ({ inputs }) => {
    const parsed = keyPolicyOf(inputs);
    if (parsed === "unknown") return [];
    if (parsed === "absent")
      return ["no key policy: KMS's default policy gives the account kms:*, administration and use alike"];
    if (parsed.accountId === undefined)
      return [
        "no statement names the account root: nothing keeps kms:PutKeyPolicy for the deploy role, which KMS's lockout safety check requires",
      ];
    return keyPolicyProblems(parsed.document, {
      partition: parsed.partition,
      accountId: parsed.accountId,
      region: "",
    });
  },
});

export const kmsKeyDeletionRestricted = resourceRule({
  name: "kms-key-deletion-restricted",
  description:
    "Production KMS keys deny kms:ScheduleKeyDeletion and kms:DisableKey to every principal but at most one break-glass role (aws:PrincipalArn)",
  fix: "set infra:keys.breakGlassRoleArn (and keep infra:keys.denyDeletion on)",
  scope: "production",
  types: [TYPES.kmsKey],
  check: ({ inputs }) => {
    const parsed = keyPolicyOf(inputs);
    if (parsed === "unknown") return [];
    if (parsed === "absent") return ["no key policy, so no deny of deletion"];
    const exempt = deletionDenyExemptions(parsed.document);
    if (exempt === undefined)
      return ["no statement denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal"];
    return when(
      exempt.length > 1,
      `the deletion deny exempts ${exempt.length} principals (${exempt.join(", ")}), not one break-glass role`,
    );
  },
});

export const kmsKeyProtected = resourceRule({
  name: "kms-key-protected",
  description:
    "Production KMS keys carry Pulumi's `protect`, so no `pulumi up` or `destroy` schedules the deletion of a key whose data would become unreadable",
  fix: "pass { protect: true } in the resource options (every platform component does in production; infra:keys.protect)",
  scope: "production",
  types: [TYPES.kmsKey],
  check: ({ options }) => when(options.protect !== true, "not protected in Pulumi"),
});

export const KEY_RULES = [kmsKeyPolicySeparatesDuties, kmsKeyDeletionRestricted, kmsKeyProtected];
