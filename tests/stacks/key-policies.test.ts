import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  deletionDenyExemptions,
  keyPolicyProblems,
  type KeyPolicyDocument,
  type KeyPolicyStatement,
} from "../../components/core";
import { actionMatches, cryptographicActions } from "../../components/core/key-policy";
import type { SynthResource } from "../../infra/synth/model";
import { repoRoot, synthesizeStack } from "../support/stack-synth";

/**
 * The key policies of the real stacks, as `infra synth` records them: who administers, who uses and
 * who may delete each key (docs/operators/keys.md).
 */

const STACKS = ["dev", "staging", "prod"] as const;
const keys: Record<string, SynthResource[]> = {};

beforeAll(async () => {
  for (const stack of STACKS)
    keys[stack] = (await synthesizeStack(stack)).resources.filter((r) => r.type === "aws:kms/key:Key");
});

const stackConfig = (stack: string) =>
  (parse(readFileSync(join(repoRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> })
    .config;
const accountOf = (stack: string) => String(stackConfig(stack)["aws:allowedAccountIds"][0]);
const regionOf = (stack: string) => String(stackConfig(stack)["aws:region"]);
const policyOf = (key: SynthResource) => JSON.parse(String(key.inputs.policy)) as KeyPolicyDocument;
const actionsOf = (s: KeyPolicyStatement) => [s.Action].flat();
const awsPrincipals = (s: KeyPolicyStatement) =>
  s.Principal === "*" ? ["*"] : [s.Principal.AWS ?? []].flat();

describe.each(STACKS)("%s", (stack) => {
  const scope = () => ({ partition: "aws", region: regionOf(stack), accountId: accountOf(stack) });
  const root = () => `arn:aws:iam::${accountOf(stack)}:root`;

  it("has an explicit policy on each of its keys: EKS secrets, database, alert topics, logs", () => {
    expect(keys[stack]!.map((k) => k.name).sort()).toEqual(
      [`${stack}-alerts-key`, `${stack}-db-key`, `${stack}-logs-key`, `${stack}-secrets`].sort(),
    );
    for (const key of keys[stack]!) expect(keyPolicyProblems(policyOf(key), scope()), key.name).toEqual([]);
  });

  it("grants the account root neither kms:* nor a cryptographic action without a service or context binding", () => {
    for (const key of keys[stack]!) {
      for (const s of policyOf(key).Statement.filter((st) => st.Effect === "Allow")) {
        if (!awsPrincipals(s).includes(root())) continue;
        expect(actionsOf(s), `${key.name} ${s.Sid}`).not.toContain("kms:*");
        const crypto = cryptographicActions(actionsOf(s));
        if (crypto.length === 0) continue;
        const binding = Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c));
        expect(binding, `${key.name} ${s.Sid}`).toContain("kms:ViaService");
        expect(s.Condition!.StringEquals!["kms:CallerAccount"]).toBe(accountOf(stack));
        expect(String(s.Condition!.StringEquals!["kms:ViaService"])).toMatch(
          new RegExp(`^(rds|secretsmanager|eks)\\.${regionOf(stack)}\\.amazonaws\\.com$`),
        );
      }
    }
  });

  it("keeps kms:PutKeyPolicy with the account (the deploy role, through IAM) and denies it to nobody", () => {
    for (const key of keys[stack]!) {
      const statements = policyOf(key).Statement;
      const keeps = statements.some(
        (s) =>
          s.Effect === "Allow" &&
          !s.Condition &&
          awsPrincipals(s).includes(root()) &&
          actionsOf(s).some((a) => actionMatches(a, "kms:PutKeyPolicy")),
      );
      expect(keeps, key.name).toBe(true);
      const denied = statements.filter((s) => s.Effect === "Deny").flatMap(actionsOf);
      expect(
        denied.some((a) => actionMatches(a, "kms:PutKeyPolicy")),
        key.name,
      ).toBe(false);
    }
  });

  it("lets the EKS secrets key be used only by the cluster role, and grants only through EKS", () => {
    const secrets = policyOf(keys[stack]!.find((k) => k.name === `${stack}-secrets`)!);
    const use = secrets.Statement.filter(
      (s) => s.Effect === "Allow" && cryptographicActions(actionsOf(s)).length,
    );
    expect(use.map((s) => s.Sid)).toEqual(["ClusterRoleEncryptsSecrets", "EksCreatesGrantForCluster"]);
    expect(awsPrincipals(use[0]!)).toEqual([
      expect.stringMatching(new RegExp(`^arn:aws:iam::${accountOf(stack)}:role/${stack}-cluster-`)),
    ]);
    expect(use[1]!.Action).toEqual(["kms:CreateGrant"]);
    expect(use[1]!.Condition!.Bool).toEqual({ "kms:GrantIsForAWSResource": "true" });
  });

  it("lets the database key be used only through RDS and Secrets Manager", () => {
    const db = policyOf(keys[stack]!.find((k) => k.name === `${stack}-db-key`)!);
    const use = db.Statement.filter((s) => s.Effect === "Allow" && cryptographicActions(actionsOf(s)).length);
    expect(use.map((s) => [s.Sid, s.Condition!.StringEquals!["kms:ViaService"]])).toEqual([
      ["RdsUsesKey", `rds.${regionOf(stack)}.amazonaws.com`],
      ["SecretsManagerUsesKeyForMasterSecret", `secretsmanager.${regionOf(stack)}.amazonaws.com`],
    ]);
  });
});

describe.each(["staging", "prod"])("%s (production profile)", (stack) => {
  const breakGlass = () => String(stackConfig(stack)["infra:keys"].breakGlassRoleArn);

  it("names a break-glass role of its own account", () => {
    expect(breakGlass()).toBe(`arn:aws:iam::${accountOf(stack)}:role/infra-break-glass`);
  });

  it("denies disabling and deleting every key to all principals but the break-glass role", () => {
    for (const key of keys[stack]!)
      expect(deletionDenyExemptions(policyOf(key)), key.name).toEqual([breakGlass()]);
  });

  it("protects every key in Pulumi", () => {
    for (const key of keys[stack]!) expect(key.options.protect, key.name).toBe(true);
  });
});

describe("dev (development profile)", () => {
  it("keeps the explicit policies but neither denies deletion nor protects its keys, so the stack can be destroyed", () => {
    for (const key of keys.dev!) {
      expect(deletionDenyExemptions(policyOf(key)), key.name).toBeUndefined();
      expect(key.options.protect, key.name).toBeFalsy();
    }
  });
});
