import { existsSync } from "node:fs";
import { join } from "node:path";
import { InfraValidationError, show, type ValidationIssue } from "../../components/core/errors";
import { loadProject, loadStackConfig } from "../synth/project";
import { DRIFT_CONFIG_KEY, driftConfigSchema } from "./config-schema";
import { IgnorePatternError, parseIgnorePattern, type IgnorePattern } from "./ignore";

/** The stack file of a stack: `org/prod` and `prod` both live in `Pulumi.prod.yaml`. */
export function stackFileName(stack: string): string {
  return `Pulumi.${stack.split("/").pop()}.yaml`;
}

/**
 * The ignore patterns a stack's file declares; none when the project has no such stack file (the
 * stack's config may live in the backend). Every malformed entry is reported at once.
 */
export function loadStackIgnore(cwd: string, stack: string): IgnorePattern[] {
  const file = stackFileName(stack);
  if (!existsSync(join(cwd, "Pulumi.yaml")) || !existsSync(join(cwd, file))) return [];
  const { config, secretKeys } = loadStackConfig(loadProject(cwd), stack.split("/").pop()!);
  const raw = config[DRIFT_CONFIG_KEY];
  if (raw === undefined) return [];
  const subject = `${DRIFT_CONFIG_KEY} in ${file}`;
  if (secretKeys.includes(DRIFT_CONFIG_KEY))
    throw new InfraValidationError(subject, [{ path: DRIFT_CONFIG_KEY, message: "must not be a secret" }]);

  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  const parsed = driftConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
      path:
        DRIFT_CONFIG_KEY +
        issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join(""),
      message: `${issue.message}; expected { ignore: ["<type>:<path>", ...] }, got ${show(value)}`,
    }));
    throw new InfraValidationError(subject, issues);
  }

  const patterns: IgnorePattern[] = [];
  const issues: ValidationIssue[] = [];
  (parsed.data.ignore ?? []).forEach((text, i) => {
    const path = `${DRIFT_CONFIG_KEY}.ignore[${i}]`;
    try {
      patterns.push(parseIgnorePattern(text, `${path} in ${file}`));
    } catch (err) {
      if (!(err instanceof IgnorePatternError)) throw err;
      issues.push({ path, message: err.message.slice(err.source.length + 2) });
    }
  });
  if (issues.length) throw new InfraValidationError(subject, issues);
  return patterns;
}
