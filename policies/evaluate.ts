import { RULES } from "./rules";
import type { PolicyResource, PolicyViolation, ResourceRule } from "./types";

export interface PolicyReport {
  readonly rules: number;
  readonly violations: readonly PolicyViolation[];
  readonly mandatoryViolations: number;
  readonly advisoryViolations: number;
}

/** Runs the rules over a whole stack's resources; pure, used by `infra synth` and the tests. */
export function evaluatePolicies(
  resources: readonly PolicyResource[],
  rules: readonly ResourceRule[] = RULES,
): PolicyReport {
  const violations: PolicyViolation[] = [];
  for (const resource of resources) {
    for (const rule of rules) {
      if (!rule.appliesTo(resource.type)) continue;
      for (const message of rule.check(resource)) {
        violations.push({
          rule: rule.name,
          enforcementLevel: rule.enforcementLevel,
          urn: resource.urn,
          message,
        });
      }
    }
  }
  return {
    rules: rules.length,
    violations,
    mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisoryViolations: violations.filter((v) => v.enforcementLevel === "advisory").length,
  };
}
