import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  deletionDenyExemptions,
  KEY_ADMINISTRATION_ACTIONS,
  kmsKeyAccess,
  keyPolicy,
  keyPolicyProblems,
  resolveKeyAccess,
  type KeyPolicyDocument,
  type KeyPolicyStatement,
  type KeyUse,
} from "../../../components/core";
import { actionMatches, cryptographicActions } from "../../../components/core/key-policy";
import { deployPolicy } from "../../../components/delivery/deploy-policy";

const scope = { partition: "aws", region: "eu-west-1", accountId: "444455556666" };
const ROOT = "arn:aws:iam::444455556666:root";
const BREAK_GLASS = "arn:aws:iam::444455556666:role/infra-break-glass";
const ADMIN = "arn:aws:iam::444455556666:role/key-admin";

const rds: KeyUse = {
  kind: "via-service",
  sid: "Rds",
  service: "rds",
  actions: ["kms:Decrypt", "kms:CreateGrant"],
};
const sid = (document: KeyPolicyDocument, name: string) => document.Statement.find((s) => s.Sid === name);
const doc = (...statements: KeyPolicyStatement[]): KeyPolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});
const adminStatement: KeyPolicyStatement = {
  Sid: "Admin",
  Effect: "Allow",
  Principal: { AWS: ROOT },
  Action: [...KEY_ADMINISTRATION_ACTIONS],
  Resource: "*",
};

describe("keyPolicy", () => {
  const policy = keyPolicy(
    scope,
    { breakGlassRoleArn: BREAK_GLASS, administratorRoleArns: [ADMIN], denyDeletion: true },
    [rds],
  );

  it("gives administration to the account and the named administrators, with no cryptographic action", () => {
    for (const name of ["AccountAdministersKey", "AdministratorsAdministerKey"]) {
      const statement = sid(policy, name)!;
      expect(statement.Effect).toBe("Allow");
      expect(cryptographicActions(statement.Action as string[])).toEqual([]);
      expect(statement.Action).toContain("kms:PutKeyPolicy");
    }
    expect(sid(policy, "AccountAdministersKey")!.Principal).toEqual({ AWS: ROOT });
    expect(sid(policy, "AdministratorsAdministerKey")!.Principal).toEqual({ AWS: [ADMIN] });
  });

  it("binds use through a service to that service's regional endpoint and this account", () => {
    expect(sid(policy, "Rds")).toEqual({
      Sid: "Rds",
      Effect: "Allow",
      Principal: { AWS: ROOT },
      Action: ["kms:Decrypt", "kms:CreateGrant"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": "rds.eu-west-1.amazonaws.com",
          "kms:CallerAccount": "444455556666",
        },
      },
    });
  });

  it("keeps extra conditions of a via-service use beside the binding", () => {
    const eks = keyPolicy(scope, { denyDeletion: false }, [
      { ...rds, sid: "Eks", service: "eks", condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
    ]);
    expect(sid(eks, "Eks")!.Condition).toEqual({
      Bool: { "kms:GrantIsForAWSResource": "true" },
      StringEquals: { "kms:ViaService": "eks.eu-west-1.amazonaws.com", "kms:CallerAccount": "444455556666" },
    });
  });

  it("denies disabling and deleting to everyone but the break-glass role, by its ARN", () => {
    expect(sid(policy, "OnlyBreakGlassDisablesOrDeletesKey")).toEqual({
      Sid: "OnlyBreakGlassDisablesOrDeletesKey",
      Effect: "Deny",
      Principal: "*",
      Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } },
    });
    expect(deletionDenyExemptions(policy)).toEqual([BREAK_GLASS]);
  });

  it("denies to everyone without a break-glass role, and not at all when the deny is off", () => {
    const everyone = keyPolicy(scope, { denyDeletion: true }, []);
    expect(deletionDenyExemptions(everyone)).toEqual([]);
    const none = keyPolicy(scope, { denyDeletion: false }, []);
    expect(deletionDenyExemptions(none)).toBeUndefined();
    expect(none.Statement.map((s) => s.Sid)).toEqual(["AccountAdministersKey"]);
  });

  it("never denies kms:PutKeyPolicy, so the principal that sets the policy keeps it (lockout safety check)", () => {
    expect(keyPolicyProblems(policy, scope)).toEqual([]);
    const denied = policy.Statement.filter((s) => s.Effect === "Deny").flatMap((s) => s.Action);
    expect(denied.some((a) => actionMatches(a, "kms:PutKeyPolicy"))).toBe(false);
  });

  it("refuses to build a policy granting use to the whole account without a service binding", () => {
    const unbound: KeyUse = { kind: "roles", sid: "Everyone", roleArns: [ROOT], actions: ["kms:Decrypt"] };
    expect(() => keyPolicy(scope, { denyDeletion: false }, [unbound])).toThrow(
      /Everyone: grants kms:Decrypt to arn:aws:iam::444455556666:root without a kms:ViaService/,
    );
  });

  it("works in every partition", () => {
    const cn = keyPolicy(
      { partition: "aws-cn", region: "cn-north-1", accountId: "444455556666" },
      { denyDeletion: false },
      [rds],
    );
    expect(sid(cn, "AccountAdministersKey")!.Principal).toEqual({ AWS: "arn:aws-cn:iam::444455556666:root" });
    expect(sid(cn, "Rds")!.Condition!.StringEquals!["kms:ViaService"]).toBe("rds.cn-north-1.amazonaws.com");
  });
});

describe("keyPolicyProblems", () => {
  it("reports a policy without an unconditioned PutKeyPolicy for the account (AWS would reject it)", () => {
    const conditioned = { ...adminStatement, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } };
    expect(keyPolicyProblems(doc(conditioned), scope)).toEqual([
      expect.stringContaining("lockout safety check"),
    ]);
    expect(keyPolicyProblems(doc(adminStatement), scope)).toEqual([]);
  });

  it("reports a deny covering kms:PutKeyPolicy, also through a wildcard", () => {
    const deny: KeyPolicyStatement = {
      Sid: "NoPolicy",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:Put*",
      Resource: "*",
    };
    expect(keyPolicyProblems(doc(adminStatement, deny), scope)).toEqual([
      expect.stringMatching(/^NoPolicy: denies kms:PutKeyPolicy/),
    ]);
  });

  it("reports kms:* to anyone, the default policy's shape", () => {
    const all: KeyPolicyStatement = {
      Sid: "All",
      Effect: "Allow",
      Principal: { AWS: ROOT },
      Action: "kms:*",
      Resource: "*",
    };
    // The default policy's shape: kms:* to the root also keeps kms:PutKeyPolicy, so only the mix is reported.
    expect(keyPolicyProblems(doc(all), scope)).toEqual(["All: grants kms:*, mixing administration and use"]);
  });

  it("accepts kms:Decrypt to the account with a ViaService condition, and reports the same without (near miss)", () => {
    const bound: KeyPolicyStatement = {
      Sid: "Bound",
      Effect: "Allow",
      Principal: { AWS: ROOT },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
    };
    expect(keyPolicyProblems(doc(adminStatement, bound), scope)).toEqual([]);
    const { Condition: _dropped, ...unbound } = bound;
    expect(keyPolicyProblems(doc(adminStatement, unbound), scope)).toEqual([
      "Bound: grants kms:Decrypt to arn:aws:iam::444455556666:root without a kms:ViaService or encryption-context condition",
    ]);
  });

  it("reports a service principal without source or encryption-context conditions", () => {
    const service: KeyPolicyStatement = {
      Sid: "Logs",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Action: ["kms:GenerateDataKey*"],
      Resource: "*",
    };
    expect(keyPolicyProblems(doc(adminStatement, service), scope)).toEqual([
      expect.stringMatching(/^Logs: grants kms:GenerateDataKey.* without an aws:SourceAccount/),
    ]);
    const bound = { ...service, Condition: { StringEquals: { "aws:SourceAccount": "444455556666" } } };
    expect(keyPolicyProblems(doc(adminStatement, bound), scope)).toEqual([]);
  });

  it("accepts cryptographic actions for a named role (not the whole account)", () => {
    const role: KeyPolicyStatement = {
      Sid: "Role",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::444455556666:role/cluster"] },
      Action: ["kms:Encrypt", "kms:Decrypt"],
      Resource: "*",
    };
    expect(keyPolicyProblems(doc(adminStatement, role), scope)).toEqual([]);
    expect(
      keyPolicyProblems(doc(adminStatement, { ...role, Principal: { AWS: "444455556666" } }), scope),
    ).toHaveLength(1);
    expect(keyPolicyProblems(doc(adminStatement, { ...role, Principal: "*" }), scope)).toHaveLength(1);
  });
});

describe("deletionDenyExemptions", () => {
  const deny = (
    condition?: KeyPolicyStatement["Condition"],
    action: string[] = ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
  ) =>
    doc({
      Sid: "D",
      Effect: "Deny",
      Principal: "*",
      Action: action,
      Resource: "*",
      ...(condition ? { Condition: condition } : {}),
    });

  it("does not count a deny that covers only one destructive action", () => {
    expect(deletionDenyExemptions(deny(undefined, ["kms:ScheduleKeyDeletion"]))).toBeUndefined();
  });

  it("does not count a deny another condition can lift", () => {
    expect(deletionDenyExemptions(deny({ Bool: { "aws:MultiFactorAuthPresent": "false" } }))).toBeUndefined();
  });

  it("lists the principals exempt by aws:PrincipalArn", () => {
    expect(deletionDenyExemptions(deny({ ArnNotLike: { "aws:PrincipalArn": ["a", "b"] } }))).toEqual([
      "a",
      "b",
    ]);
  });
});

describe("the deploy role and the lockout safety check", () => {
  it("keeps kms:PutKeyPolicy in the deploy role's own policy, which the account-root statement defers to", () => {
    const policy = JSON.parse(
      deployPolicy({
        partition: "aws",
        accountId: "444455556666",
        pipelineRolePrefix: "infra-",
        boundaryPolicyName: "b",
      }),
    ) as { Statement: { Effect: string; Action: string | string[] }[] };
    const allows = (action: string) =>
      policy.Statement.some(
        (s) => s.Effect === "Allow" && [s.Action].flat().some((pattern) => actionMatches(pattern, action)),
      );
    const denies = (action: string) =>
      policy.Statement.some(
        (s) => s.Effect === "Deny" && [s.Action].flat().some((pattern) => actionMatches(pattern, action)),
      );
    for (const action of ["kms:PutKeyPolicy", "kms:CreateKey", "kms:TagResource", "kms:CreateGrant"]) {
      expect(allows(action) && !denies(action), action).toBe(true);
    }
  });
});

describe("kmsKeyAccess, the argument every key-creating component takes", () => {
  const dev = z.object({ access: kmsKeyAccess("development") });
  const prod = z.object({ access: kmsKeyAccess("production") });

  it("denies deletion and protects in production, neither in development, by default", () => {
    expect(prod.parse({}).access).toEqual({ administratorRoleArns: [], denyDeletion: true, protect: true });
    expect(dev.parse({}).access).toEqual({ administratorRoleArns: [], denyDeletion: false, protect: false });
  });

  it("turns the deletion deny on in development when a break-glass role is given, and keeps an explicit opt-out otherwise", () => {
    const given = resolveKeyAccess(dev.parse({ access: { breakGlassRoleArn: BREAK_GLASS } }).access);
    expect(given.denyDeletion).toBe(true);
    expect(resolveKeyAccess(prod.parse({ access: { denyDeletion: false } }).access).denyDeletion).toBe(false);
  });

  it("takes role ARNs only, naming a session ARN for what it is", () => {
    const result = prod.safeParse({
      access: {
        breakGlassRoleArn: "arn:aws:sts::444455556666:assumed-role/admin/alice",
        administratorRoleArns: ["admin"],
      },
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^access\.administratorRoleArns\.0: "admin" is not an IAM role ARN/),
      expect.stringMatching(/^access\.breakGlassRoleArn: .*that is an STS session ARN/),
    ]);
  });
});
