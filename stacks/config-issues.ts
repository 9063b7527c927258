import type { z } from "zod";
import { shapeIssues, type ValidationIssue } from "../components/core";

type Path = readonly PropertyKey[];

/** Renders a config path the way operators write it: `infra:services[0].image`. */
export function configPath(namespace: string, path: Path): string {
  let out = namespace;
  path.forEach((segment, i) => {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (String(segment).startsWith("[")) out += String(segment);
    else out += i === 0 ? `:${String(segment)}` : `.${String(segment)}`;
  });
  return out;
}

/**
 * Turns zod's issues into config problems named by their config path, one per unknown key with a
 * "did you mean" hint when a known key is close. The same wording as the components' own.
 */
export function configIssues(namespace: string, schema: z.ZodType, error: z.ZodError): ValidationIssue[] {
  return shapeIssues(schema, error, (path) => configPath(namespace, path));
}
