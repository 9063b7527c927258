import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";

/** Karpenter's published files for the pinned version (see reference/karpenter-1.14/README.md). */
const dir = join(__dirname, "reference/karpenter-1.14");

const read = (file: string) => readFileSync(join(dir, file), "utf8");

interface CrdVersion {
  readonly name: string;
  readonly schema: { readonly openAPIV3Schema: Record<string, unknown> };
}

/** The openAPIV3Schema of `kind` at `version` (e.g. `v1`), from its CRD file. */
export function crdSchema(file: string, version: string): Record<string, unknown> {
  // The chart ships its CRDs as templates: drop the template lines (extra annotations) to read them.
  const text = read(file)
    .split("\n")
    .filter((line) => !line.includes("{{"))
    .join("\n");
  const crd = parse(text) as { spec: { versions: CrdVersion[] } };
  const found = crd.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`${file} has no version ${version}`);
  return found.schema.openAPIV3Schema;
}

export const CRD_FILES: Readonly<Record<string, string>> = {
  "karpenter.sh/NodePool": "karpenter.sh_nodepools.yaml",
  "karpenter.k8s.aws/EC2NodeClass": "karpenter.k8s.aws_ec2nodeclasses.yaml",
};

/** The chart's default values. */
export function chartValues(): Record<string, unknown> {
  return parse(read("chart-values.yaml")) as Record<string, unknown>;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

let template: Record<string, CfnResource> | undefined;

/** The CloudFormation template's resources, its intrinsic functions read as plain strings. */
export function cloudFormationResources(): Record<string, CfnResource> {
  if (template) return template;
  const [doc] = parseAllDocuments(read("cloudformation.yaml"), {
    customTags: ["!Sub", "!Ref", "!GetAtt"].map((tag) => ({
      tag,
      resolve: (value: string) => value,
    })),
  });
  template = (doc!.toJS() as { Resources: Record<string, CfnResource> }).Resources;
  return template;
}

export interface ReferenceStatement {
  readonly Sid: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * The statements of one of the template's managed policies, with its `${...}` placeholders replaced
 * by `substitutions` (e.g. `AWS::Region` → `eu-west-1`).
 */
export function referencePolicy(
  resource: string,
  substitutions: Readonly<Record<string, string>>,
): ReferenceStatement[] {
  const policy = cloudFormationResources()[resource];
  if (!policy) throw new Error(`the template has no resource ${resource}`);
  const text = String((policy.Properties as { PolicyDocument: unknown }).PolicyDocument).replace(
    /\$\{([^}]+)\}/g,
    (whole, name: string) => substitutions[name] ?? whole,
  );
  return (JSON.parse(text) as { Statement: ReferenceStatement[] }).Statement;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Problems of a Karpenter custom resource against the CRD schema of the version it names (`[]` when
 * it validates). What ajv cannot run is left out: the CEL rules (`x-kubernetes-validations`) and
 * formats; `x-kubernetes-int-or-string` fields accept both.
 */
export function crdProblems<T extends { apiVersion: string; kind: string }>(object: T): string[] {
  const [group, version] = object.apiVersion.split("/");
  const file = CRD_FILES[`${group}/${object.kind}`];
  if (!file || !version) return [`no CRD of ${object.apiVersion} ${object.kind} in the reference files`];
  const key = `${file}@${version}`;
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(crdSchema(file, version));
    validators.set(key, validate);
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
