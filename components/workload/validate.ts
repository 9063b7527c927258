import type { ValidationIssue } from "../core";
import { AUTOSCALED_SERVICE_ARGS, type AutoscaledServiceArgs } from "./args";

/**
 * Every problem with `args`, each with its arg path. `componentName` is the name used when
 * `args.name` is not set.
 */
export function validateAutoscaledServiceArgs(
  args: AutoscaledServiceArgs,
  componentName?: string,
): ValidationIssue[] {
  return AUTOSCALED_SERVICE_ARGS.issues(args, { componentName });
}
