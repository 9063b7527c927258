import type { ValidationIssue } from "../core";
import { CLUSTER_ARGS, type ClusterArgs } from "./args";

/**
 * Every problem with a cluster's arguments, each with its argument path. `componentName` is the
 * component's own name, which the names of its node groups and roles are derived from.
 */
export function validateClusterArgs(args: ClusterArgs, componentName: string): ValidationIssue[] {
  return CLUSTER_ARGS.issues(args, { componentName });
}
