import { RULES } from "./rules";
import type { EnforcementLevel, PolicyResource, PolicyViolation, Profile, Rule, StackContext } from "./types";

export interface PolicyReport {
  readonly profile: Profile;
  readonly rules: number;
  readonly violations: readonly PolicyViolation[];
  readonly mandatoryViolations: number;
  readonly advisoryViolations: number;
}

export interface EvaluateOptions {
  /** Production rules are mandatory in production, advisory in development. @default "production" */
  readonly profile?: Profile;
  /** @default every rule of the pack */
  readonly rules?: readonly Rule[];
  /** API groups whose CRDs exist before the stack. @default [] */
  readonly preexistingCustomResourceGroups?: readonly string[];
}

/** How a rule binds a stack of this profile. */
export function enforcementLevel(rule: Rule, profile: Profile): EnforcementLevel {
  return rule.scope === "everywhere" || profile === "production" ? "mandatory" : "advisory";
}

function resourceName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Runs the rules over a whole stack's resources; pure, used by `infra synth`, the tests and teams' tests. */
export function evaluatePolicies(
  resources: readonly PolicyResource[],
  options: EvaluateOptions = {},
): PolicyReport {
  const profile = options.profile ?? "production";
  const rules = options.rules ?? RULES;
  const context: StackContext = {
    preexistingCustomResourceGroups: options.preexistingCustomResourceGroups ?? [],
  };
  const violations: PolicyViolation[] = [];
  const report = (rule: Rule, urn: string, message: string) =>
    violations.push({
      rule: rule.name,
      enforcementLevel: enforcementLevel(rule, profile),
      urn,
      resource: resourceName(urn),
      message,
      fix: rule.fix,
    });
  for (const rule of rules) {
    if (rule.kind === "stack") {
      for (const found of rule.check(resources, context)) report(rule, found.urn, found.message);
      continue;
    }
    for (const resource of resources) {
      if (!rule.appliesTo(resource.type)) continue;
      for (const message of rule.check(resource)) report(rule, resource.urn, message);
    }
  }
  violations.sort((a, b) => a.urn.localeCompare(b.urn) || a.rule.localeCompare(b.rule));
  return {
    profile,
    rules: rules.length,
    violations,
    mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisoryViolations: violations.filter((v) => v.enforcementLevel === "advisory").length,
  };
}
