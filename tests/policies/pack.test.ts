import type {
  PolicyResource as CrossGuardResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { PACK_POLICIES } from "../../policies/pack";
import { RULES } from "../../policies/rules";

/** What CrossGuard hands a policy, built by hand: the fields the pack reads. */
const DB = "aws:rds/instance:Instance";
const singleAzDb = {
  urn: "urn:pulumi:dev::team::aws:rds/instance:Instance::db",
  type: DB,
  name: "db",
  props: { multiAz: false, storageEncrypted: false },
  opts: { protect: false },
};
const tags = (profile?: string) => new Map(profile ? [["infra:profile", profile]] : []);

function validateResource(name: string, stackTags: ReadonlyMap<string, string>) {
  const policy = PACK_POLICIES.find((p) => p.name === name) as ResourceValidationPolicy;
  const reported: string[] = [];
  const args = { ...singleAzDb, stackTags, getConfig: () => ({}) } as unknown as ResourceValidationArgs;
  void (policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void)(args, (m) =>
    reported.push(m),
  );
  return reported;
}

function validateStack(name: string, stackTags: ReadonlyMap<string, string>, config = {}) {
  const policy = PACK_POLICIES.find((p) => p.name === name) as StackValidationPolicy;
  const reported: [string, string | undefined][] = [];
  const resources = [
    { ...singleAzDb, dependencies: [], propertyDependencies: {} },
  ] as unknown as CrossGuardResource[];
  const args = { resources, stackTags, getConfig: () => config } as unknown as StackValidationArgs;
  void policy.validateStack(args, (message, urn) => reported.push([message, urn]));
  return reported;
}

describe("the CrossGuard pack", () => {
  it("registers one mandatory policy per rule, with its description and fix, and the development advisories", () => {
    expect(PACK_POLICIES.map((p) => p.name)).toEqual([
      ...RULES.filter((r) => r.kind === "resource").map((r) => r.name),
      ...RULES.filter((r) => r.kind === "stack").map((r) => r.name),
      "production-rules-in-development",
    ]);
    for (const rule of RULES) {
      const policy = PACK_POLICIES.find((p) => p.name === rule.name)!;
      expect(policy.enforcementLevel).toBe("mandatory");
      expect(policy.remediationSteps).toBe(rule.fix);
    }
  });

  it("reports a resource rule's finding with its fix, whatever the profile for rules that bind everywhere", () => {
    for (const profile of [undefined, "development", "production"])
      expect(validateResource("rds-storage-encrypted", tags(profile))).toEqual([
        expect.stringMatching(/^storage is not encrypted .*; fix: set storageEncrypted: true/),
      ]);
  });

  it("holds a stack without the profile tag to production's rules, and leaves them to the advisories in development", () => {
    expect(validateResource("rds-multi-az", tags())).toEqual([expect.stringContaining("not multi-AZ")]);
    expect(validateResource("rds-multi-az", tags("production"))).toHaveLength(1);
    expect(validateResource("rds-multi-az", tags("development"))).toEqual([]);

    const advised = validateStack("production-rules-in-development", tags("development"));
    expect(advised).toContainEqual([
      expect.stringMatching(/^rds-multi-az: not multi-AZ; fix: /),
      singleAzDb.urn,
    ]);
    expect(validateStack("production-rules-in-development", tags("production"))).toEqual([]);
  });

  it("runs stack rules with the pack's config: a pre-existing CRD group is accepted", () => {
    const monitor = {
      urn: "urn:pulumi:dev::team::kubernetes:monitoring.coreos.com/v1:ServiceMonitor::api",
      type: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
      name: "api",
      props: {},
      opts: {},
    };
    const policy = PACK_POLICIES.find(
      (p) => p.name === "custom-resource-definitions",
    ) as StackValidationPolicy;
    const run = (config: object) => {
      const reported: string[] = [];
      const args = {
        resources: [monitor],
        stackTags: tags(),
        getConfig: () => config,
      } as unknown as StackValidationArgs;
      void policy.validateStack(args, (message) => reported.push(message));
      return reported;
    };
    expect(run({ preexistingCustomResourceGroups: [] })).toHaveLength(1);
    expect(run({ preexistingCustomResourceGroups: ["monitoring.coreos.com"] })).toEqual([]);
  });
});
