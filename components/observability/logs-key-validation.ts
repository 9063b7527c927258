import { checkKmsDeletionWindow, checkProfile, IssueCollector, show, type ValidationIssue } from "../core";
import type { LogsKeyArgs } from "./args";

/** A log group name (letters, digits, `_ - / . #`, at most 512) with the `*` and `?` of `ArnLike`. */
const LOG_GROUP_NAME_PATTERN = /^[A-Za-z0-9_\-/.#*?]{1,512}$/;
/** KMS alias names: `alias/` then letters, digits, `/`, `_` and `-`, at most 256 characters in all. */
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** Every problem with LogsKey arguments, each with its arg path; empty when they are valid. Pure. */
export function validateLogsKeyArgs(args: LogsKeyArgs): ValidationIssue[] {
  const issues = new IssueCollector();
  checkProfile(issues, args.profile);
  checkKmsDeletionWindow(issues, "deletionWindowDays", args.deletionWindowDays);
  const patterns = args.logGroupNamePatterns;
  if (patterns !== undefined) {
    issues.check(
      patterns.length > 0,
      "logGroupNamePatterns",
      'is empty, so no log group could use the key; list log group name patterns (e.g. "/aws/eks/*") or leave it out for every log group',
    );
    patterns.forEach((pattern, i) => {
      issues.check(
        typeof pattern === "string" && LOG_GROUP_NAME_PATTERN.test(pattern),
        `logGroupNamePatterns[${i}]`,
        `${show(pattern)} is not a log group name pattern; use 1-512 letters, digits, "_", "-", "/", ".", "#" and the wildcards "*" and "?", e.g. "/aws/eks/prod/*"`,
      );
    });
  }
  const alias = args.aliasName;
  if (alias !== undefined) {
    if (
      issues.check(
        ALIAS_NAME.test(alias),
        "aliasName",
        `${show(alias)} is not a KMS alias name; use "alias/" followed by letters, digits, "/", "_" or "-", e.g. "alias/platform/logs"`,
      )
    ) {
      issues.check(
        !alias.toLowerCase().startsWith("alias/aws/"),
        "aliasName",
        `${show(alias)} is under "alias/aws/", which AWS reserves for its own keys; choose another prefix`,
      );
    }
  }
  return [...issues.issues];
}
