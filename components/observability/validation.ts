import type { ValidationIssue } from "../core";
import { OBSERVABILITY_ARGS, type ObservabilityArgs } from "./args";

export { MAX_NAT_GATEWAYS, SUBSCRIPTION_PROTOCOLS } from "./args";

/** Every problem with Observability arguments, each with its arg path; empty when they are valid. */
export function validateObservabilityArgs(args: ObservabilityArgs): ValidationIssue[] {
  return OBSERVABILITY_ARGS.issues(args, undefined);
}
