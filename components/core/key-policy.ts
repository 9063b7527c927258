/**
 * Key policies of the platform's customer KMS keys, built in one place
 * (docs/decisions/0015-kms-key-policies.md). Every key gets the same three parts:
 *
 * - administration: key management only, never a cryptographic action, for the account (its IAM
 *   policies decide which principals administer: the deploy role among them) and for the
 *   configured administrator roles;
 * - use: each cryptographic permission for exactly the service that needs it, either for the
 *   account's principals but only through that service (`kms:ViaService`, `kms:CallerAccount`), or
 *   for the service's own principal under the conditions it sets (source account and ARN, or the
 *   encryption context), or for one named role;
 * - a deny of disabling and scheduling the deletion of the key for everyone but the break-glass
 *   role.
 *
 * Pure: plain data in, an IAM JSON document out, and `keyPolicyProblems` to check any document.
 */

/** Where the key lives. */
export interface KeyPolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Who may administer and who may delete the key, from the stack's config. */
export interface KeyAccess {
  /** Roles that may administer the key directly, besides those the account's IAM policies allow. */
  readonly administratorRoleArns?: readonly string[];
  /** The one role that may disable the key or schedule its deletion, when `denyDeletion` holds. */
  readonly breakGlassRoleArn?: string;
  /** Deny disabling and deleting the key to every principal but `breakGlassRoleArn` (to all when unset). */
  readonly denyDeletion: boolean;
}

type Condition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource: string;
  readonly Condition?: Condition;
}

export interface KeyPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly KeyPolicyStatement[];
}

/**
 * What the account's principals may do to manage a key. Excluded on purpose: every cryptographic
 * action and `kms:CreateGrant` (a grant hands out cryptographic use), which only `KeyUse`s give.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/** Actions that read or produce plaintext or ciphertext (patterns as IAM matches them), or delegate that. */
export const KEY_USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:CreateGrant",
] as const;

/** Every action `KEY_USE_ACTIONS` stands for, by name, as the checks look for them. */
const CRYPTOGRAPHIC_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:CreateGrant",
];

/** Actions only the break-glass role may take: after them the data the key encrypts is unreadable. */
export const KEY_DESTRUCTION_ACTIONS = ["kms:ScheduleKeyDeletion", "kms:DisableKey"] as const;

/** Condition keys that bind a cryptographic permission to one service or one encryption context. */
const USE_BINDING_KEYS = [/^kms:viaservice$/i, /^kms:encryptioncontext:/i];
/** Condition keys that bind a service principal to this account's resources. */
const SOURCE_BINDING_KEYS = [/^aws:sourceaccount$/i, /^aws:sourcearn$/i, /^kms:encryptioncontext:/i];

/** One cryptographic use of the key. */
export type KeyUse =
  | {
      /** The account's principals, through `service` only (`rds`, `secretsmanager`, `eks`). */
      readonly kind: "via-service";
      readonly sid: string;
      readonly service: string;
      readonly actions: readonly string[];
      /** Extra conditions, e.g. `kms:GrantIsForAWSResource`. */
      readonly condition?: Condition;
    }
  | {
      /** A service acting as itself (`logs.<region>.amazonaws.com`), under conditions it sets. */
      readonly kind: "service-principal";
      readonly sid: string;
      readonly servicePrincipal: string;
      readonly actions: readonly string[];
      readonly condition: Condition;
    }
  | {
      /** Named roles of the account (the EKS cluster role, which calls KMS with its own credentials). */
      readonly kind: "roles";
      readonly sid: string;
      readonly roleArns: readonly string[];
      readonly actions: readonly string[];
    };

export const accountRootArn = (scope: KeyPolicyScope) =>
  `arn:${scope.partition}:iam::${scope.accountId}:root`;

/** The endpoint a service calls KMS from, as `kms:ViaService` sees it. */
export const viaServiceName = (service: string, scope: KeyPolicyScope) =>
  `${service}.${scope.region}.amazonaws.com`;

function useStatement(use: KeyUse, scope: KeyPolicyScope): KeyPolicyStatement {
  const base = { Sid: use.sid, Effect: "Allow" as const, Action: [...use.actions], Resource: "*" };
  switch (use.kind) {
    case "via-service":
      return {
        ...base,
        Principal: { AWS: accountRootArn(scope) },
        Condition: {
          ...use.condition,
          StringEquals: {
            ...use.condition?.StringEquals,
            "kms:ViaService": viaServiceName(use.service, scope),
            "kms:CallerAccount": scope.accountId,
          },
        },
      };
    case "service-principal":
      return { ...base, Principal: { Service: use.servicePrincipal }, Condition: use.condition };
    case "roles":
      return { ...base, Principal: { AWS: [...use.roleArns] } };
  }
}

/** The key policy: administration, the given uses, and the deletion deny. Throws on a policy AWS would reject. */
export function keyPolicy(
  scope: KeyPolicyScope,
  access: KeyAccess,
  uses: readonly KeyUse[],
): KeyPolicyDocument {
  const administrators = access.administratorRoleArns ?? [];
  const statements: KeyPolicyStatement[] = [
    {
      // The account root as principal delegates to IAM: the deploy role keeps kms:PutKeyPolicy
      // through its own policy, which is what the lockout safety check asks for.
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(scope) },
      Action: [...KEY_ADMINISTRATION_ACTIONS],
      Resource: "*",
    },
    ...(administrators.length > 0
      ? [
          {
            Sid: "AdministratorsAdministerKey",
            Effect: "Allow" as const,
            Principal: { AWS: [...administrators] },
            Action: [...KEY_ADMINISTRATION_ACTIONS],
            Resource: "*",
          },
        ]
      : []),
    ...uses.map((use) => useStatement(use, scope)),
    ...(access.denyDeletion
      ? [
          {
            Sid: "OnlyBreakGlassDisablesOrDeletesKey",
            Effect: "Deny" as const,
            Principal: "*" as const,
            Action: [...KEY_DESTRUCTION_ACTIONS],
            Resource: "*",
            // No exemption when no break-glass role is given: then nobody deletes the key before
            // the policy itself changes.
            ...(access.breakGlassRoleArn === undefined
              ? {}
              : { Condition: { ArnNotEquals: { "aws:PrincipalArn": access.breakGlassRoleArn } } }),
          },
        ]
      : []),
  ];
  const document: KeyPolicyDocument = { Version: "2012-10-17", Statement: statements };
  const problems = keyPolicyProblems(document, scope);
  if (problems.length > 0) throw new Error(`invalid key policy: ${problems.join("; ")}`);
  return document;
}

/** `keyPolicy` as the JSON a key's `policy` takes. */
export function keyPolicyJson(scope: KeyPolicyScope, access: KeyAccess, uses: readonly KeyUse[]): string {
  return JSON.stringify(keyPolicy(scope, access, uses));
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** Whether an IAM action pattern (`kms:Get*`, `kms:*`, `*`) covers `action`. Case-insensitive, as IAM is. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    "i",
  );
  return regex.test(action);
}

/** The cryptographic actions a statement's action patterns cover. */
export function cryptographicActions(actions: readonly string[]): string[] {
  return CRYPTOGRAPHIC_ACTIONS.filter((action) => actions.some((pattern) => actionMatches(pattern, action)));
}

function principals(statement: KeyPolicyStatement): { aws: readonly string[]; service: readonly string[] } {
  if (statement.Principal === "*") return { aws: ["*"], service: [] };
  return { aws: asList(statement.Principal.AWS), service: asList(statement.Principal.Service) };
}

function conditionKeys(statement: KeyPolicyStatement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((entries) => Object.keys(entries));
}

const isAccountWide = (principal: string) =>
  principal === "*" || /:root$/.test(principal) || /^\d{12}$/.test(principal);

/**
 * What is wrong with a key policy, as AWS or this platform judges it:
 * - AWS's lockout safety check (CreateKey and PutKeyPolicy fail with MalformedPolicyDocumentException
 *   unless the policy lets the calling principal make a later PutKeyPolicy request): the deploy
 *   role gets that through the account root, so an Allow of kms:PutKeyPolicy to the root without
 *   conditions must exist and no Deny may cover kms:PutKeyPolicy;
 * - a statement granting `kms:*` (administration and use mixed);
 * - a cryptographic action granted to the whole account (or `*`) without binding it to a service
 *   or an encryption context, or to a service principal without binding it to this account.
 */
export function keyPolicyProblems(document: KeyPolicyDocument, scope: KeyPolicyScope): string[] {
  const problems: string[] = [];
  const root = accountRootArn(scope);
  const statements = document.Statement;
  const keepsPutKeyPolicy = statements.some(
    (s) =>
      s.Effect === "Allow" &&
      s.Condition === undefined &&
      principals(s).aws.includes(root) &&
      asList(s.Action).some((a) => actionMatches(a, "kms:PutKeyPolicy")),
  );
  if (!keepsPutKeyPolicy) {
    problems.push(
      `no statement allows ${root} kms:PutKeyPolicy without conditions: KMS refuses a policy that locks out the principal setting it (the lockout safety check)`,
    );
  }
  for (const s of statements) {
    const actions = asList(s.Action);
    if (s.Effect === "Deny") {
      if (actions.some((a) => actionMatches(a, "kms:PutKeyPolicy"))) {
        problems.push(
          `${s.Sid}: denies kms:PutKeyPolicy, which would lock the deploy role out of the key's policy`,
        );
      }
      continue;
    }
    if (actions.some((a) => a === "*" || a.toLowerCase() === "kms:*")) {
      problems.push(`${s.Sid}: grants ${actions.join(", ")}, mixing administration and use`);
      continue;
    }
    const crypto = cryptographicActions(actions);
    if (crypto.length === 0) continue;
    const keys = conditionKeys(s);
    const { aws, service } = principals(s);
    if (aws.some(isAccountWide) && !keys.some((k) => USE_BINDING_KEYS.some((p) => p.test(k)))) {
      problems.push(
        `${s.Sid}: grants ${crypto.join(", ")} to ${aws.join(", ")} without a kms:ViaService or encryption-context condition`,
      );
    }
    if (service.length > 0 && !keys.some((k) => SOURCE_BINDING_KEYS.some((p) => p.test(k)))) {
      problems.push(
        `${s.Sid}: grants ${crypto.join(", ")} to ${service.join(", ")} without an aws:SourceAccount, aws:SourceArn or encryption-context condition`,
      );
    }
  }
  return problems;
}

/**
 * The principals a Deny of the destructive actions exempts, or undefined when the policy has no
 * such deny for everyone. Only `aws:PrincipalArn` exemptions count; any other condition would let
 * other principals through.
 */
export function deletionDenyExemptions(document: KeyPolicyDocument): readonly string[] | undefined {
  for (const s of document.Statement) {
    if (s.Effect !== "Deny") continue;
    const everyone = s.Principal === "*" || asList(s.Principal.AWS).includes("*");
    const actions = asList(s.Action);
    const covers = KEY_DESTRUCTION_ACTIONS.every((d) => actions.some((a) => actionMatches(a, d)));
    if (!everyone || !covers) continue;
    const entries = Object.entries(s.Condition ?? {});
    const exempting = /^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)$/;
    const onlyPrincipal = entries.every(
      ([operator, values]) =>
        exempting.test(operator) && Object.keys(values).every((k) => k.toLowerCase() === "aws:principalarn"),
    );
    if (!onlyPrincipal) continue;
    return entries.flatMap(([, values]) => Object.values(values).flatMap((v) => asList(v)));
  }
  return undefined;
}
