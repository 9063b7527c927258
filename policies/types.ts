/**
 * The view of a resource a rule gets: what CrossGuard hands a policy (`type`, `name`, `urn`, the
 * inputs, the options) and what `infra synth` records, so rules run unchanged in both.
 */
export interface PolicyResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly options: PolicyResourceOptions;
}

/** The resource options the rules read. */
export interface PolicyResourceOptions {
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
}

/** Which stacks a rule binds: every stack, or production ones (advisory in development). */
export type RuleScope = "everywhere" | "production";
export type EnforcementLevel = "mandatory" | "advisory";
export type Profile = "development" | "production";

interface RuleBase {
  /** Stable identifier, as CrossGuard shows it and `policy.json` records it. */
  readonly name: string;
  /** The guarantee, in one sentence. */
  readonly description: string;
  /** What to change when the rule fails. */
  readonly fix: string;
  readonly scope: RuleScope;
}

/** A rule over one resource. Returns one message per problem, none when the resource passes. */
export interface ResourceRule extends RuleBase {
  readonly kind: "resource";
  /** Resource types the rule looks at; others are skipped. */
  readonly appliesTo: (type: string) => boolean;
  readonly check: (resource: PolicyResource) => string[];
}

/** A problem a stack rule finds, on the resource it names. */
export interface StackFinding {
  readonly urn: string;
  readonly message: string;
}

/** A rule over the whole stack, for what one resource cannot show. */
export interface StackRule extends RuleBase {
  readonly kind: "stack";
  readonly check: (resources: readonly PolicyResource[], context: StackContext) => StackFinding[];
}

/** What a stack rule knows besides the resources. */
export interface StackContext {
  /** API groups whose CRDs exist before the stack (installed by another stack or the platform). */
  readonly preexistingCustomResourceGroups: readonly string[];
}

export type Rule = ResourceRule | StackRule;

export interface PolicyViolation {
  readonly rule: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  /** The resource's name (the last part of its URN). */
  readonly resource: string;
  readonly message: string;
  readonly fix: string;
}
