/**
 * The view of a resource a policy rule gets: the same fields CrossGuard hands a resource policy
 * (`type`, `name`, `urn`, `props`), so rules run unchanged in the policy pack and in `infra synth`.
 */
export interface PolicyResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

export type EnforcementLevel = "mandatory" | "advisory";

/** A rule that looks at one resource at a time. Returns one message per problem, none when it passes. */
export interface ResourceRule {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  /** Resource types the rule looks at; others are skipped. */
  readonly appliesTo: (type: string) => boolean;
  readonly check: (resource: PolicyResource) => string[];
}

export interface PolicyViolation {
  readonly rule: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  readonly message: string;
}
