import type {
  Policies,
  PolicyResource as CrossGuardResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { profileFromStackTags } from "./profile";
import { RESOURCE_RULES, RULES, STACK_RULES } from "./rules";
import type { PolicyResource, Rule, StackContext } from "./types";

/**
 * The CrossGuard policies of the pack (`policies/index.ts` serves them to `pulumi preview
 * --policy-pack policies`). Every rule is the pure function `infra synth` runs, so offline and real
 * previews agree.
 *
 * CrossGuard fixes a policy's enforcement level when the pack loads, but production rules bind only
 * production stacks: each is registered as mandatory and stays silent in a development stack (stack
 * tag `infra:profile`), where the advisory policy `production-rules-in-development` reports the same
 * findings instead.
 */

const CONFIG_SCHEMA = {
  properties: {
    preexistingCustomResourceGroups: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [],
      description: "API groups whose CRDs exist before the stack (installed by another stack).",
    },
  },
};

const toRuleResource = (r: {
  urn: string;
  type: string;
  name: string;
  props: Record<string, unknown>;
  opts?: { protect?: boolean };
}): PolicyResource => ({
  urn: r.urn,
  type: r.type,
  name: r.name,
  inputs: r.props,
  options: { protect: r.opts?.protect === true },
});

/** The rule's findings as `[urn, message]`, for a stack's resources. */
function findings(rule: Rule, resources: readonly CrossGuardResource[], context: StackContext) {
  const converted = resources.map(toRuleResource);
  if (rule.kind === "stack") return rule.check(converted, context).map((f) => [f.urn, f.message] as const);
  return converted.flatMap((r) =>
    rule.appliesTo(r.type) ? rule.check(r).map((message) => [r.urn, message] as const) : [],
  );
}

const resourcePolicies: ResourceValidationPolicy[] = RESOURCE_RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  remediationSteps: rule.fix,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (rule.scope === "production" && profileFromStackTags(args.stackTags) === "development") return;
    if (!rule.appliesTo(args.type)) return;
    for (const message of rule.check(toRuleResource(args))) reportViolation(`${message}; fix: ${rule.fix}`);
  },
}));

const stackPolicies: StackValidationPolicy[] = STACK_RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  remediationSteps: rule.fix,
  enforcementLevel: "mandatory",
  configSchema: CONFIG_SCHEMA,
  validateStack: (args, reportViolation) => {
    if (rule.scope === "production" && profileFromStackTags(args.stackTags) === "development") return;
    const context = args.getConfig<StackContext>();
    for (const [urn, message] of findings(rule, args.resources, context))
      reportViolation(`${message}; fix: ${rule.fix}`, urn);
  },
}));

const developmentAdvisories: StackValidationPolicy = {
  name: "production-rules-in-development",
  description: "In a development stack, what production's rules would refuse (advisory)",
  enforcementLevel: "advisory",
  configSchema: CONFIG_SCHEMA,
  validateStack: (args, reportViolation) => {
    if (profileFromStackTags(args.stackTags) !== "development") return;
    const context = args.getConfig<StackContext>();
    for (const rule of RULES.filter((r) => r.scope === "production"))
      for (const [urn, message] of findings(rule, args.resources, context))
        reportViolation(`${rule.name}: ${message}; fix: ${rule.fix}`, urn);
  },
};

/** Every policy of the pack: one per rule, then the development advisories. */
export const PACK_POLICIES: Policies = [...resourcePolicies, ...stackPolicies, developmentAdvisories];
