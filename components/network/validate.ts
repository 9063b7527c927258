import type { ValidationIssue } from "../core";
import { NETWORK_ARGS, type NetworkArgs } from "./args";

/** Every problem with a Network's args, each named by its arg path. Pure. */
export function validateNetworkArgs(args: NetworkArgs): ValidationIssue[] {
  return NETWORK_ARGS.issues(args, undefined);
}
