import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Postgres } from "../../../components/database";
import { synthCommand } from "../../../infra/synth/command";
import { PULUMI_YAML, projectDir } from "../../support/project-dir";
import { validArgs } from "./fixtures";

interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Every `key: value` pair anywhere in a JSON document, with its path. */
function pairs(value: unknown, path = ""): [string, string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => pairs(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [
    [`${path}.${k}`, k, v] as [string, string, unknown],
    ...pairs(v, `${path}.${k}`),
  ]);
}

/** What `npm run synth -- prod --out <dir>` writes for a production database. */
describe("a production database in resources.json", () => {
  let resources: RecordedResource[];
  let outputs: Record<string, unknown>;
  let text: string;

  beforeAll(async () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.prod.yaml": "config:\n  aws:region: eu-central-1\n",
    });
    const out = mkdtempSync(join(tmpdir(), "synth-db-"));
    const program = () => {
      const db = new Postgres(
        "orders",
        validArgs({ alertTopicArn: "arn:aws:sns:eu-central-1:123456789012:alarms" }),
      );
      return { endpoint: db.endpoint, masterUserSecretArn: db.masterUserSecretArn };
    };
    const io = { out: () => undefined, err: (t: string) => void (stderr += t) };
    let stderr = "";
    const code = await synthCommand({ stack: "prod", cwd: dir, out, program }, io);
    // Synth still writes its output when the pack finds a violation; an unnamed Postgres has one
    // (RDS would create its log groups itself, see postgres.test.ts), which is not what this test is about.
    expect(code, stderr).toBe(3);
    expect(stderr).toContain("1 mandatory policy violation");
    text = readFileSync(join(out, "prod", "resources.json"), "utf8");
    resources = JSON.parse(text) as RecordedResource[];
    outputs = JSON.parse(readFileSync(join(out, "prod", "outputs.json"), "utf8")) as Record<string, unknown>;
  });

  it("records the database", () => {
    expect(resources.filter((r) => r.type === "aws:rds/instance:Instance").map((r) => r.name)).toEqual([
      "orders-instance",
    ]);
  });

  it("has no password input anywhere but the flag handing the password to RDS", () => {
    const inputs = resources.map((r) => r.inputs);
    const passwordLike = pairs(inputs).filter(([, key]) => /pass(word|wd)?|pwd|credential/i.test(key));
    expect(passwordLike.map(([path, , value]) => [path.replace(/^\[\d+\]/, ""), value])).toEqual([
      [".manageMasterUserPassword", true],
    ]);
    const secretLike = pairs(inputs).filter(([, key]) => /secret/i.test(key));
    for (const [path, , value] of secretLike) expect(value, path).toMatch(/^arn:aws:kms:/);
  });

  it("keeps the provider's password outputs secret should RDS ever return one", () => {
    const instance = JSON.parse(text) as { type: string; options: { additionalSecretOutputs?: string[] } }[];
    expect(
      instance.find((r) => r.type === "aws:rds/instance:Instance")?.options.additionalSecretOutputs,
    ).toContain("password");
  });

  it("creates no generated password and stores no secret value", () => {
    expect(resources.filter((r) => /Password|Secret(Version)?$/.test(r.type))).toEqual([]);
    expect(text).not.toContain("[secret]");
  });

  it("exports the secret's ARN, never its value", () => {
    expect(outputs.masterUserSecretArn).toMatch(
      /^arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!db-/,
    );
    expect(outputs.endpoint).toMatch(/\.eu-central-1\.rds\.amazonaws\.com:5432$/);
  });
});
