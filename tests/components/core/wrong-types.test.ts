import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster, CLUSTER_ARGS } from "../../../components/cluster";
import { InfraValidationError } from "../../../components/core";
import { POSTGRES_ARGS } from "../../../components/database";
import { GITHUB_OIDC_ARGS } from "../../../components/delivery";
import { NETWORK_ARGS } from "../../../components/network";
import { LOGS_KEY_ARGS, Observability, OBSERVABILITY_ARGS } from "../../../components/observability";
import { AUTOSCALED_SERVICE_ARGS } from "../../../components/workload";
import { minimalArgs as clusterArgs } from "../cluster/fixtures";
import { validArgs as postgresArgs } from "../database/fixtures";
import { validArgs as serviceArgs } from "../workload/fixtures";
import { run } from "../../support/harness";

/** What these tests need of a definition, whatever its schema and context. */
interface AnyDefinition {
  readonly schemas: { readonly production: { readonly shape: object } };
  parse(args: never, name: string, context: never): unknown;
}

/** Every component with args that pass validation, the start of every case. */
const COMPONENTS: readonly (readonly [string, AnyDefinition, Record<string, unknown>, unknown])[] = [
  [
    "Network",
    NETWORK_ARGS,
    { cidrBlock: "10.10.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] },
    undefined,
  ],
  ["Cluster", CLUSTER_ARGS, clusterArgs(), { componentName: "platform" }],
  ["Postgres", POSTGRES_ARGS, postgresArgs(), { componentName: "orders-db" }],
  [
    "Observability",
    OBSERVABILITY_ARGS,
    {
      prometheus: { enabled: false },
      // Production pages through an https subscription to the page topic.
      alertSubscriptions: [
        { protocol: "https", topic: "page", key: "pager", endpoint: "https://events.example.com/x" },
      ],
    },
    undefined,
  ],
  ["LogsKey", LOGS_KEY_ARGS, {}, undefined],
  ["AutoscaledService", AUTOSCALED_SERVICE_ARGS, serviceArgs(), { componentName: "api" }],
  ["GithubOidc", GITHUB_OIDC_ARGS, { repository: "acme/infra", repositoryId: "812345678" }, undefined],
].map(([n, d, a, c]) => [n as string, d as AnyDefinition, a as Record<string, unknown>, c]);

/** Values of every JSON-ish kind, plus what untyped callers pass by mistake. */
const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Every path to a value in `value` (objects and lists walked), the value's own path first. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  }
  return here;
}

function setAt(
  target: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(target);
  let node: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((segment) => (node = node[segment] as Record<string | number, unknown>));
  node[path.at(-1)!] = value;
  return copy;
}

function render(path: (string | number)[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** The outcome of parsing: an InfraValidationError or nothing; any other throw fails the test. */
function parse(definition: AnyDefinition, args: unknown, context: unknown): InfraValidationError | undefined {
  try {
    definition.parse(args as never, "x", context as never);
    return undefined;
  } catch (error) {
    if (InfraValidationError.isInstance(error)) return error;
    throw error;
  }
}

describe.each(COMPONENTS)("%s arguments", (_, definition, valid, context) => {
  it("accepts the valid sample (the start of every case below)", () => {
    expect(parse(definition, valid, context)).toBeUndefined();
  });

  it("rejects a wrong-typed value of every top-level argument with an error naming it", () => {
    const keys = Object.keys(definition.schemas.production.shape);
    fc.assert(
      fc.property(fc.constantFrom(...keys), anyValue, (key, value) => {
        const field = (
          definition.schemas.production.shape as Record<
            string,
            { safeParse(v: unknown): { success: boolean } }
          >
        )[key]!;
        fc.pre(!field.safeParse(value).success);
        const error = parse(definition, { ...valid, [key]: value }, context);
        expect(error, `${key} = ${JSON.stringify(value)}`).toBeDefined();
        expect(
          error!.issues.some(
            (i) => i.path === key || i.path.startsWith(`${key}.`) || i.path.startsWith(`${key}[`),
          ),
        ).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("reports a value of another kind anywhere in the args as a path-named problem, never a crash", () => {
    const paths = leafPaths(valid);
    if (paths.length === 0) return;
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyValue, (path, value) => {
        const original = path.reduce<unknown>(
          (node, s) => (node as Record<string | number, unknown>)[s],
          valid,
        );
        fc.pre(kind(original) !== kind(value));
        const error = parse(definition, setAt(valid, path, value), context);
        // A kind the field also accepts (a record's new key, a union's other option) may pass.
        if (error) {
          const top = String(path[0]);
          expect(
            error.issues.some((i) => i.path.startsWith(top)),
            `${render(path)}: ${error.message}`,
          ).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("rejects args that are not an object at all", () => {
    for (const args of [undefined, null, 42, "args", []]) {
      const error = parse(definition, args, context);
      expect(error?.issues[0]?.path).toBe("args");
    }
  });
});

describe("Outputs and promises", () => {
  it("pass shape validation wherever an argument may be an Output, and are never rejected", () => {
    const cases: [AnyDefinition, Record<string, unknown>, unknown][] = [
      [
        NETWORK_ARGS,
        {
          cidrBlock: "10.10.0.0/16",
          availabilityZones: ["eu-west-1a", "eu-west-1b"],
          logsKmsKeyArn: pulumi.output("arn:x"),
        },
        undefined,
      ],
      [
        CLUSTER_ARGS,
        clusterArgs({ vpcId: pulumi.output("vpc-1"), subnetIds: pulumi.output(["subnet-1"]) }),
        { componentName: "p" },
      ],
      [
        POSTGRES_ARGS,
        postgresArgs({
          vpcId: Promise.resolve("vpc-1"),
          subnetIds: [pulumi.output("subnet-1"), Promise.resolve("subnet-2")],
          allowedSecurityGroupIds: { nodes: pulumi.output("sg-1") },
          alertTopicArn: pulumi.output("arn"),
        }),
        undefined,
      ],
      [
        GITHUB_OIDC_ARGS,
        {
          repository: "acme/infra",
          repositoryId: "812345678",
          secretsKmsKeyArns: [pulumi.output("arn:kms")],
        },
        undefined,
      ],
    ];
    for (const [definition, args, context] of cases) expect(parse(definition, args, context)).toBeUndefined();
  });
});

describe("components given a wrong type by an untyped caller", () => {
  async function constructionError(create: () => void): Promise<unknown> {
    let error: unknown;
    await run(() => {
      try {
        create();
      } catch (err) {
        error = err;
      }
    });
    return error;
  }

  it("Cluster reports a string publicAccessCidrs by its path instead of crashing with a TypeError", async () => {
    const error = await constructionError(
      () =>
        new Cluster(
          "platform",
          clusterArgs({ endpointPublicAccess: true, publicAccessCidrs: "1.2.3.4/32" as never }),
        ),
    );
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues).toEqual([
      { path: "publicAccessCidrs", message: 'expected array, got string "1.2.3.4/32"' },
    ]);
  });

  it("Observability reports wrong types by their paths instead of crashing", async () => {
    const error = await constructionError(
      () =>
        new Observability("platform", {
          prometheus: { enabled: false },
          natGatewayIds: "nat-0123456789abcdef0" as never,
          alertSubscriptions: { protocol: "email" } as never,
          slos: [
            {
              name: "api",
              service: "api",
              objective: "99.9" as never,
              availability: { good: "a", total: "b" },
            },
          ],
        }),
    );
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues.map((i) => i.path).sort()).toEqual(
      // "slos": SLOs need Prometheus, which these args turn off; a rule, judged alongside.
      ["alertSubscriptions", "natGatewayIds", "slos", "slos[0].objective"].sort(),
    );
  });
});
