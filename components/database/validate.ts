import type { ValidationIssue } from "../core";
import { POSTGRES_ARGS, type PostgresArgs } from "./args";

export { validatePostgresName } from "./args";

/** Every problem with `Postgres` args, each named by its arg path; empty when the args are usable. */
export function validatePostgresArgs(args: PostgresArgs): ValidationIssue[] {
  return POSTGRES_ARGS.issues(args, undefined);
}
