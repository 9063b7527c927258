import type { ValidationIssue } from "../core";
import { LOGS_KEY_ARGS, type LogsKeyArgs } from "./args";

/** Every problem with LogsKey arguments, each with its arg path; empty when they are valid. Pure. */
export function validateLogsKeyArgs(args: LogsKeyArgs): ValidationIssue[] {
  return LOGS_KEY_ARGS.issues(args, undefined);
}
