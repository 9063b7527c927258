import { describe, expect, it } from "vitest";
import {
  changeSetOf,
  compareChangeSets,
  parseChangeSet,
  type ChangeSet,
} from "../../../infra/changeset/changeset";
import type { PreviewDigest } from "../../../infra/drift/digest";

const urn = (name: string) => `urn:pulumi:prod::infra::aws:ec2/instance:Instance::${name}`;
const TYPE = "aws:ec2/instance:Instance";

const digest: PreviewDigest = {
  steps: [
    { op: "same", urn: "urn:pulumi:prod::infra::pulumi:pulumi:Stack::infra-prod" },
    {
      op: "update",
      urn: urn("web"),
      oldState: { urn: urn("web"), type: TYPE, inputs: { instanceType: "t3.small", tags: { a: "1" } } },
      newState: { urn: urn("web"), type: TYPE, inputs: { instanceType: "t3.large", tags: { a: "2" } } },
      detailedDiff: {
        instanceType: { kind: "update", inputDiff: true },
        "tags.a": { kind: "update", inputDiff: true },
      },
    },
    {
      op: "replace",
      urn: urn("batch"),
      replaceReasons: ["ami"],
      oldState: { urn: urn("batch"), type: TYPE, inputs: { ami: "ami-1" } },
      newState: { urn: urn("batch"), type: TYPE, inputs: { ami: "ami-2" } },
      detailedDiff: { ami: { kind: "update-replace", inputDiff: true } },
    },
    {
      op: "create",
      urn: urn("new"),
      newState: { urn: urn("new"), type: TYPE, inputs: { instanceType: "t3.micro" } },
    },
  ],
};

const SALT = "00112233445566778899aabbccddeeff";
const approved: ChangeSet = changeSetOf("prod", digest, SALT);
const HEX = /^[0-9a-f]{64}$/;

/** The same preview with one planned value moved and nothing else: same op, same changed keys. */
function withInstanceType(instanceType: string): PreviewDigest {
  return {
    steps: digest.steps!.map((step) =>
      step.urn === urn("web")
        ? { ...step, newState: { ...step.newState!, inputs: { ...step.newState!.inputs, instanceType } } }
        : step,
    ),
  };
}

describe("change sets", () => {
  it("hold URN, operation, changed keys and a salted digest of each planned input, sorted by URN, never a value", () => {
    expect(approved).toMatchObject({
      version: 2,
      stack: "prod",
      salt: SALT,
      entries: [
        { urn: urn("batch"), op: "replace", keys: ["ami"], values: { ami: expect.stringMatching(HEX) } },
        { urn: urn("new"), op: "create", keys: [], values: { instanceType: expect.stringMatching(HEX) } },
        {
          urn: urn("web"),
          op: "update",
          keys: ["instanceType", "tags.a"],
          values: { instanceType: expect.stringMatching(HEX), tags: expect.stringMatching(HEX) },
        },
      ],
    });
    const text = JSON.stringify(approved);
    for (const value of ["t3.large", "t3.micro", "ami-2"]) expect(text).not.toContain(value);
  });

  it("the same preview under the same salt gives the same change set; another salt gives other digests", () => {
    expect(compareChangeSets(approved, changeSetOf("prod", digest, SALT))).toEqual([]);
    const other = changeSetOf("prod", digest);
    expect(other.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(other.salt).not.toBe(SALT);
    expect(other.entries[0]?.values.ami).not.toBe(approved.entries[0]?.values.ami);
  });

  it("refuses a value-only change between approval and deploy: same op and keys, another planned value", () => {
    const current = changeSetOf("prod", withInstanceType("t3.2xlarge"), SALT);
    expect(current.entries.map((e) => [e.op, e.keys])).toEqual(approved.entries.map((e) => [e.op, e.keys]));
    const differences = compareChangeSets(approved, current);
    expect(differences.map((d) => [d.urn, d.values])).toEqual([[urn("web"), ["instanceType"]]]);
    expect(JSON.stringify(differences)).not.toContain("t3.2xlarge");
  });

  it("near miss: key order inside a value is not a change", () => {
    const reordered: PreviewDigest = {
      steps: digest.steps!.map((step) =>
        step.urn === urn("web")
          ? {
              ...step,
              newState: { ...step.newState!, inputs: { tags: { a: "2" }, instanceType: "t3.large" } },
            }
          : step,
      ),
    };
    expect(compareChangeSets(approved, changeSetOf("prod", reordered, SALT))).toEqual([]);
  });

  it("finds an added, a removed and a changed entry", () => {
    const entry = (name: string) => approved.entries.find((e) => e.urn === urn(name))!;
    const current: ChangeSet = {
      ...approved,
      entries: [
        { ...entry("batch"), op: "update" },
        entry("web"),
        { urn: urn("zeta"), op: "delete", keys: [], values: {} },
      ],
    };
    expect(compareChangeSets(approved, current)).toEqual([
      {
        urn: urn("batch"),
        approved: entry("batch"),
        current: { ...entry("batch"), op: "update" },
        values: [],
      },
      { urn: urn("new"), approved: entry("new"), values: [] },
      { urn: urn("zeta"), current: { urn: urn("zeta"), op: "delete", keys: [], values: {} }, values: [] },
    ]);
  });

  it("a changed key list is a difference", () => {
    const current = {
      ...approved,
      entries: approved.entries.map((e) => ({ ...e, keys: [...e.keys, "userData"] })),
    };
    expect(compareChangeSets(approved, current)).toHaveLength(3);
  });

  it("reads a change set file and says what is wrong with a bad one", () => {
    expect(parseChangeSet(JSON.stringify(approved), "a.json")).toEqual(approved);
    expect(() => parseChangeSet("{", "a.json")).toThrow("a.json: not JSON");
    expect(() => parseChangeSet('{"version":1,"stack":"x","entries":[]}', "b.json")).toThrow(
      "b.json: not a change set (version 2): version:",
    );
  });
});
