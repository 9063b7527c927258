import { describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { loadStackIgnore, stackFileName } from "../../../infra/drift/stack-config";
import { projectDir, PULUMI_YAML } from "../../support/project-dir";

const withStack = (yaml: string) => projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.dev.yaml": yaml });

describe("infra:drift in Pulumi.<stack>.yaml", () => {
  it("reads the ignore patterns with their source", () => {
    const dir = withStack(
      'config:\n  infra:profile: development\n  infra:drift:\n    ignore:\n      - "aws:ec2/vpc:Vpc:tags.LastScanned"\n      - "*:*:*:tags.backup-*"\n',
    );
    const patterns = loadStackIgnore(dir, "dev");
    expect(patterns.map((p) => [p.text, p.source])).toEqual([
      ["aws:ec2/vpc:Vpc:tags.LastScanned", "infra:drift.ignore[0] in Pulumi.dev.yaml"],
      ["*:*:*:tags.backup-*", "infra:drift.ignore[1] in Pulumi.dev.yaml"],
    ]);
  });

  it("accepts the bare project key `drift` too, as Pulumi does", () => {
    const dir = withStack('config:\n  drift:\n    ignore: ["aws:ec2/vpc:Vpc:tags.x"]\n');
    expect(loadStackIgnore(dir, "dev").map((p) => p.text)).toEqual(["aws:ec2/vpc:Vpc:tags.x"]);
  });

  it("no key, no stack file or no project file means no patterns", () => {
    expect(loadStackIgnore(withStack("config:\n  infra:profile: development\n"), "dev")).toEqual([]);
    expect(loadStackIgnore(withStack(""), "staging")).toEqual([]);
    expect(loadStackIgnore(projectDir({}), "dev")).toEqual([]);
  });

  it("an org-qualified stack name reads the stack file of its last part", () => {
    expect(stackFileName("acme/infra/prod")).toBe("Pulumi.prod.yaml");
    const dir = withStack('config:\n  infra:drift:\n    ignore: ["*:*:*:tags.a"]\n');
    expect(loadStackIgnore(dir, "acme/dev").map((p) => p.text)).toEqual(["*:*:*:tags.a"]);
  });

  it("reports every malformed pattern at once with its config path", () => {
    const dir = withStack(
      'config:\n  infra:drift:\n    ignore:\n      - "tags.owner"\n      - "*:*:*:ok"\n      - "aws::x:tags"\n',
    );
    let error: unknown;
    try {
      loadStackIgnore(dir, "dev");
    } catch (err) {
      error = err;
    }
    expect(InfraValidationError.isInstance(error)).toBe(true);
    const issues = (error as InfraValidationError).issues;
    expect(issues.map((i) => i.path)).toEqual(["infra:drift.ignore[0]", "infra:drift.ignore[2]"]);
    expect(issues[0]?.message).toContain('"tags.owner" is not an ignore pattern');
  });

  it("rejects a wrong shape, naming the path and the expected shape", () => {
    const wrongKey = withStack('config:\n  infra:drift:\n    ignores: ["*:*:*:tags.a"]\n');
    expect(() => loadStackIgnore(wrongKey, "dev")).toThrow('infra:drift: Unrecognized key: "ignores"');
    expect(() => loadStackIgnore(wrongKey, "dev")).toThrow('expected { ignore: ["<type>:<path>", ...] }');
    const notAList = withStack("config:\n  infra:drift:\n    ignore: tags\n");
    expect(() => loadStackIgnore(notAList, "dev")).toThrow("infra:drift.ignore:");
  });
});
