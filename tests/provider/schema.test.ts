import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { renderSchema, SCHEMA_PATH } from "../../provider/package-schema";

const METASCHEMA = join(__dirname, "../support/pulumi-schema/pulumi.json");
const committed = readFileSync(SCHEMA_PATH, "utf8");
const schema = JSON.parse(committed) as {
  resources: Record<
    string,
    {
      inputProperties: Record<string, unknown>;
      properties: Record<string, unknown>;
      requiredInputs: string[];
    }
  >;
  types: Record<string, unknown>;
};

describe("the package schema", () => {
  it("is committed as generated from the argument definitions (run `npm run schema:update`)", () => {
    expect(committed).toBe(renderSchema());
  });

  it("satisfies Pulumi's package metaschema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(METASCHEMA, "utf8")));
    const valid = validate(schema);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the metaschema check can fail: a type token without its module is refused", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(METASCHEMA, "utf8")));
    const broken = { ...schema, resources: { "infra:Network": schema.resources["infra:index:Network"] } };
    expect(validate({ ...broken, types: { "not a token": {} } })).toBe(false);
  });

  it("serves the nine components under infra:index tokens", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(
      [
        "AutoscaledService",
        "Cluster",
        "DeployRunner",
        "GithubOidc",
        "LogsKey",
        "Network",
        "Observability",
        "Postgres",
        "RolloutsController",
      ]
        .map((c) => `infra:index:${c}`)
        .sort(),
    );
  });

  it("keeps the cluster's Kubernetes provider out: other languages get the kubeconfig, a secret", () => {
    const cluster = schema.resources["infra:index:Cluster"]!;
    expect(Object.keys(cluster.properties)).not.toContain("provider");
    expect(cluster.properties.kubeconfig).toMatchObject({ type: "string", secret: true });
  });

  it("marks what may be an Output as an input and the rest plain, with required args required", () => {
    const network = schema.resources["infra:index:Network"]!;
    expect(network.requiredInputs.sort()).toEqual(["availabilityZones", "cidrBlock"]);
    expect(network.inputProperties.logsKmsKeyArn).not.toHaveProperty("plain");
    expect(network.inputProperties.availabilityZones).toMatchObject({ plain: true });
    expect(network.inputProperties.flowLogRetentionDays).toMatchObject({ type: "integer", plain: true });
    expect(network.inputProperties.natGateways).toMatchObject({
      $ref: "#/types/infra:index:NatStrategy",
      description: expect.stringContaining('`"single"` (development), `"perAz"` (production)'),
    });
    expect(schema.types["infra:index:NatStrategy"]).toEqual({
      type: "string",
      enum: [{ value: "none" }, { value: "single" }, { value: "perAz" }],
    });
    expect(schema.resources["infra:index:Postgres"]!.inputProperties.backupWindow).toMatchObject({
      type: "string",
      default: "02:00-03:00",
    });
  });
});
