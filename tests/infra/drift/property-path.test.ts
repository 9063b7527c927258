import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatPropertyPath,
  parsePropertyPath,
  PropertyPathError,
  valueAt,
} from "../../../infra/drift/property-path";

describe("Pulumi property paths", () => {
  it.each([
    ["tags", ["tags"]],
    ["tags.owner", ["tags", "owner"]],
    ["ingress[1].cidrBlocks[0]", ["ingress", 1, "cidrBlocks", 0]],
    ['tags["kubernetes.io/role/elb"]', ["tags", "kubernetes.io/role/elb"]],
    ['tags["a\\"b"].c', ["tags", 'a"b', "c"]],
    ["ingress[*].description", ["ingress", "*", "description"]],
    ["**.lastModified", ["**", "lastModified"]],
  ])("parses %s", (path, segments) => {
    expect(parsePropertyPath(path)).toEqual(segments);
  });

  it.each([["tags."], ["tags..owner"], ["tags[x]"], ["tags[1"], ['tags["open'], [""], [".tags"]])(
    "rejects %j naming the path",
    (path) => {
      expect(() => parsePropertyPath(path)).toThrow(PropertyPathError);
      expect(() => parsePropertyPath(path)).toThrow(`malformed property path ${JSON.stringify(path)}`);
    },
  );

  it("formats paths the way Pulumi prints them: only letters, digits and _ stay unquoted", () => {
    expect(formatPropertyPath(["tags", "cost-center"])).toBe('tags["cost-center"]');
    expect(formatPropertyPath(["tags", "Cost_Center2"])).toBe("tags.Cost_Center2");
    expect(formatPropertyPath(["ingress", 0, "toPort"])).toBe("ingress[0].toPort");
    expect(formatPropertyPath(["tags", 'a"b'])).toBe('tags["a\\"b"]');
    expect(formatPropertyPath(["tags", "kubernetes.io/role/elb"])).toBe('tags["kubernetes.io/role/elb"]');
    expect(formatPropertyPath(["ingress", 1, "cidrBlocks", 0])).toBe("ingress[1].cidrBlocks[0]");
  });

  it("format then parse gives the segments back", () => {
    const key = fc.string({ minLength: 1, maxLength: 12 });
    const segment = fc.oneof(key, fc.nat({ max: 50 }));
    fc.assert(
      fc.property(key, fc.array(segment, { maxLength: 5 }), (first, rest) => {
        const segments = [first, ...rest];
        expect(parsePropertyPath(formatPropertyPath(segments))).toEqual(segments);
      }),
    );
  });

  it("reads the value at a path, undefined when any step is missing", () => {
    const state = { tags: { owner: "a" }, ingress: [{ cidrBlocks: ["10.0.0.0/8"] }] };
    expect(valueAt(state, ["tags", "owner"])).toBe("a");
    expect(valueAt(state, ["ingress", 0, "cidrBlocks", 0])).toBe("10.0.0.0/8");
    expect(valueAt(state, ["ingress", 3])).toBeUndefined();
    expect(valueAt(state, ["tags", 0])).toBeUndefined();
    expect(valueAt(undefined, ["tags"])).toBeUndefined();
  });
});
