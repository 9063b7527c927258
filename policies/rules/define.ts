import type { PolicyResource, ResourceRule, RuleScope } from "../types";

/** A resource rule for a fixed set of types. */
export function resourceRule(rule: {
  name: string;
  description: string;
  fix: string;
  scope?: RuleScope;
  types: readonly string[];
  check: (resource: PolicyResource) => string[];
}): ResourceRule {
  const types = new Set(rule.types);
  return {
    kind: "resource",
    name: rule.name,
    description: rule.description,
    fix: rule.fix,
    scope: rule.scope ?? "everywhere",
    appliesTo: (type) => types.has(type),
    check: rule.check,
  };
}

/** One message when `problem` says so, none otherwise: most rules test one condition. */
export function when(problem: boolean, message: string): string[] {
  return problem ? [message] : [];
}
