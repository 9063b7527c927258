import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** An SDK resource class as the floor calls it: `new Class(name, args, opts)`. */
export type ResourceClass = new (
  name: string,
  args: Record<string, unknown>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

const PACKAGES: Readonly<Record<string, unknown>> = { aws, kubernetes: k8s, random };

function member(value: unknown, key: string): unknown {
  return typeof value === "object" || typeof value === "function"
    ? (value as Record<string, unknown> | null)?.[key]
    : undefined;
}

/**
 * Where a type token's class lives in its package: `aws:ec2/vpc:Vpc` → `ec2.Vpc`,
 * `random:index/randomId:RandomId` → `RandomId`, `kubernetes:apps/v1:Deployment` →
 * `apps.v1.Deployment`, `kubernetes:helm.sh/v3:Release` → `helm.v3.Release`,
 * `pulumi:providers:aws` → `Provider` of `aws`.
 */
export function classPath(type: string): { pkg: string; path: string[] } {
  const [pkg, module, name] = type.split(":");
  if (!pkg || !module || !name) throw new Error(`"${type}" is not a resource type token`);
  if (pkg === "pulumi" && module === "providers") return { pkg: name, path: ["Provider"] };
  if (pkg === "kubernetes") {
    const [group = "", version = ""] = module.split("/");
    return { pkg, path: [group.split(".")[0]!, version, name] };
  }
  const first = module.split("/")[0]!;
  return { pkg, path: first === "index" ? [name] : [first, name] };
}

function isResourceClass(value: unknown): value is ResourceClass {
  return typeof value === "function";
}

/**
 * The `@pulumi/*` class that registers `type`, so the floor pays what the SDK's generated classes
 * cost (every output property becomes an Output, secret outputs, aliases) and nothing of ours.
 * Kubernetes kinds without a generated class (CRDs such as PrometheusRule) use
 * `apiextensions.CustomResource`, as the components do. Fails for anything else.
 */
export function resourceClass(type: string): ResourceClass {
  const { pkg, path } = classPath(type);
  let found: unknown = PACKAGES[pkg];
  for (const key of path) found = member(found, key);
  const token = member(found, "__pulumiType");
  const expected = type.startsWith("pulumi:providers:") ? pkg : type;
  if (isResourceClass(found) && token === expected) return found;
  if (pkg === "kubernetes") return k8s.apiextensions.CustomResource as unknown as ResourceClass;
  throw new Error(`no @pulumi/${pkg} class registers "${type}"`);
}
