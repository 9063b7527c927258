/**
 * The policy pack as a library: the rules and their evaluation, for a team's tests and tools. The
 * CrossGuard entry (`policies/index.ts`) runs the same rules in `pulumi preview --policy-pack`.
 */
export { enforcementLevel, evaluatePolicies } from "./evaluate";
export type { EvaluateOptions, PolicyReport } from "./evaluate";
export { RESOURCE_RULES, RULES, STACK_RULES } from "./rules";
export { PROFILE_STACK_TAG, profileFromStackTags } from "./profile";
export type {
  EnforcementLevel,
  PolicyResource,
  PolicyResourceOptions,
  PolicyViolation,
  Profile,
  ResourceRule,
  Rule,
  RuleScope,
  StackContext,
  StackFinding,
  StackRule,
} from "./types";
