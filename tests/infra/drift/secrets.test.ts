import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installedSchemaSecrets, secretPathsOf } from "../../../infra/drift/secrets";

describe("secret fields from the provider schemas, as the installed SDKs declare them", () => {
  const installed = installedSchemaSecrets();

  it("finds them in aws, kubernetes and random, by type token", () => {
    expect(installed("aws:rds/instance:Instance")).toContain("password");
    expect(installed("aws:secretsmanager/secretVersion:SecretVersion")).toContain("secretString");
    expect(installed("kubernetes:core/v1:Secret")).toEqual(["data", "stringData"]);
    expect(installed("random:index/randomPassword:RandomPassword")).toContain("result");
  });

  it("near misses: a type without secrets, an unknown module, a package that is not installed", () => {
    expect(installed("aws:ec2/vpc:Vpc")).toEqual([]);
    expect(installed("aws:nope/thing:Thing")).toEqual([]);
    expect(installed("acme:index/widget:Widget")).toEqual([]);
    expect(installed("not a type token")).toEqual([]);
  });

  it("reads a file only when it declares that very type token", () => {
    const root = mkdtempSync(join(tmpdir(), "sdk-"));
    mkdirSync(join(root, "db"));
    const file = (token: string) =>
      `class Instance { static __pulumiType = '${token}'; }\nconst secretOpts = { additionalSecretOutputs: ["adminPassword"] };\n`;
    writeFileSync(join(root, "db", "instance.js"), file("acme:db/instance:Instance"));
    writeFileSync(join(root, "db", "other.js"), file("acme:db/somethingElse:SomethingElse"));
    const fromFake = installedSchemaSecrets((name) => (name === "@pulumi/acme" ? root : undefined));
    expect(fromFake("acme:db/instance:Instance")).toEqual(["adminPassword"]);
    expect(fromFake("acme:db/other:Other")).toEqual([]);
  });
});

describe("secret paths of a step", () => {
  const step = {
    op: "update",
    urn: "urn:pulumi:dev::infra::acme:x:Y::y",
    oldState: {
      urn: "u",
      type: "acme:x:Y",
      inputs: { env: { TOKEN: "[secret]" }, list: [{ key: "[secret]" }] },
      outputs: {},
      additionalSecretOutputs: ["apiKey"],
    },
    newState: { urn: "u", type: "acme:x:Y", inputs: {}, outputs: {} },
  };
  const paths = secretPathsOf(step, (type) => (type === "acme:x:Y" ? ["schemaSecret"] : []));

  it("covers a marked path and everything beneath it, and nothing beside it", () => {
    expect(paths.isSecret(["env", "TOKEN"])).toBe(true);
    expect(paths.isSecret(["env", "TOKEN", "deeper"])).toBe(true);
    expect(paths.isSecret(["env", "MODE"])).toBe(false);
    expect(paths.isSecret(["env"])).toBe(false);
    expect(paths.isSecret(["list", 0, "key"])).toBe(true);
    expect(paths.isSecret(["apiKey"])).toBe(true);
    expect(paths.isSecret(["schemaSecret"])).toBe(true);
  });

  it("masks the secret parts of a value and leaves the rest readable", () => {
    expect(paths.mask({ TOKEN: "plain", MODE: "live" }, ["env"])).toEqual({
      TOKEN: "[secret]",
      MODE: "live",
    });
    expect(paths.mask([{ key: "plain", other: 1 }], ["list"])).toEqual([{ key: "[secret]", other: 1 }]);
    expect(paths.mask("plain", ["apiKey"])).toBe("[secret]");
    expect(paths.mask("readable", ["name"])).toBe("readable");
  });
});
