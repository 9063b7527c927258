import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The committed Argo Rollouts 1.9 CRDs (see the README next to them). */
const CRD_DIR = join(__dirname, "reference", "argo-rollouts-1.9");
const CRD_FILES = { Rollout: "rollout-crd.yaml", AnalysisTemplate: "analysis-template-crd.yaml" } as const;

export type ArgoKind = keyof typeof CRD_FILES;

interface CrdVersion {
  readonly name: string;
  readonly schema: { readonly openAPIV3Schema: Record<string, unknown> };
}

const validators = new Map<string, ValidateFunction>();

/**
 * Parts of the schemas the platform never writes, which are most of their size: the controller's
 * `status`, a Rollout's own pod `template` (the Rollouts here take the Deployment's through
 * `workloadRef`) and the Job metric provider (a whole Job spec). Writing one would still fail: the
 * closed schema then rejects it as an unknown field.
 */
const UNUSED: Readonly<Record<ArgoKind, readonly string[][]>> = {
  Rollout: [["status"], ["spec", "template"]],
  AnalysisTemplate: [
    ["spec", "metrics", "[]", "provider", "job"],
    ["spec", "dryRun"],
  ],
};

function without(schema: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || typeof schema !== "object" || schema === null) return schema;
  const node = schema as Record<string, unknown>;
  const [head, ...rest] = path;
  if (head === "[]") return { ...node, items: without(node.items, rest) };
  const properties = { ...(node.properties as Record<string, unknown>) };
  if (rest.length === 0) delete properties[head!];
  else properties[head!] = without(properties[head!], rest);
  return { ...node, properties };
}

/**
 * The API server prunes fields a structural schema does not declare, silently: a misspelt field
 * would vanish. Closing every object that declares its properties (and does not keep unknown fields)
 * turns that pruning into a schema error.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== "object" || schema === null) return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if (
    node.properties !== undefined &&
    node.additionalProperties === undefined &&
    node["x-kubernetes-preserve-unknown-fields"] !== true
  ) {
    node.additionalProperties = false;
  }
  return node;
}

/**
 * A validator for `kind` at `version` from the CRD's own openAPIV3Schema. Kubernetes' extensions
 * (`x-kubernetes-*`) are not JSON Schema keywords, so ajv runs non-strict and ignores them (and the
 * int32/int64 formats); an int-or-string field has no `type` and accepts either.
 */
function validatorFor(kind: ArgoKind, version: string): ValidateFunction {
  const key = `${kind}/${version}`;
  let validate = validators.get(key);
  if (!validate) {
    const crd = parse(readFileSync(join(CRD_DIR, CRD_FILES[kind]), "utf8")) as {
      spec: { versions: CrdVersion[] };
    };
    const served = crd.spec.versions.find((v) => v.name === version);
    if (!served) throw new Error(`the ${kind} CRD has no version ${version}`);
    // Stops at the first error and skips code optimisation: compiling these large schemas otherwise
    // takes seconds, and a test needs only to know that, and where, an object is wrong.
    const ajv = new Ajv({ strict: false, validateFormats: false, code: { optimize: false } });
    const used = UNUSED[kind].reduce<unknown>(
      (schema, path) => without(schema, path),
      served.schema.openAPIV3Schema,
    );
    validate = ajv.compile(closed(used) as Record<string, unknown>);
    validators.set(key, validate);
  }
  return validate;
}

/** Schema errors of an Argo Rollouts object against the CRD of the version it names; empty when valid. */
export function argoSchemaErrors(object: { apiVersion: string; kind: string }): string[] {
  const version = object.apiVersion.split("/")[1]!;
  const validate = validatorFor(object.kind as ArgoKind, version);
  if (validate(JSON.parse(JSON.stringify(object)))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}
