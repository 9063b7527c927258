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

const approved: ChangeSet = changeSetOf("prod", digest);

describe("change sets", () => {
  it("hold URN, operation and changed keys, sorted by URN, without values", () => {
    expect(approved).toEqual({
      version: 1,
      stack: "prod",
      entries: [
        { urn: urn("batch"), op: "replace", keys: ["ami"] },
        { urn: urn("new"), op: "create", keys: [] },
        { urn: urn("web"), op: "update", keys: ["instanceType", "tags.a"] },
      ],
    });
    expect(JSON.stringify(approved)).not.toContain("t3.large");
  });

  it("the same preview gives the same change set", () => {
    expect(compareChangeSets(approved, changeSetOf("prod", digest))).toEqual([]);
  });

  it("finds an added, a removed and a changed entry", () => {
    const current: ChangeSet = {
      ...approved,
      entries: [
        { urn: urn("batch"), op: "update", keys: ["ami"] },
        { urn: urn("web"), op: "update", keys: ["instanceType", "tags.a"] },
        { urn: urn("zeta"), op: "delete", keys: [] },
      ],
    };
    expect(compareChangeSets(approved, current)).toEqual([
      {
        urn: urn("batch"),
        approved: { urn: urn("batch"), op: "replace", keys: ["ami"] },
        current: { urn: urn("batch"), op: "update", keys: ["ami"] },
      },
      { urn: urn("new"), approved: { urn: urn("new"), op: "create", keys: [] } },
      { urn: urn("zeta"), current: { urn: urn("zeta"), op: "delete", keys: [] } },
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
    expect(() => parseChangeSet('{"version":2,"stack":"x","entries":[]}', "b.json")).toThrow(
      "b.json: not a change set (version 1): version:",
    );
  });
});
