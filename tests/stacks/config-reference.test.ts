import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeConfig, renderConfigTable } from "../../stacks/config-reference";

describe("the config reference", () => {
  it("takes a list's item defaults from a profile that gives an object instead of a list", () => {
    const schema = z.strictObject({
      services: z.array(z.strictObject({ port: z.number().int().optional().describe("port") })).optional(),
    });
    const docs = describeConfig("x", schema, {
      dev: { services: { port: 8080 } },
      prod: { services: { port: 9090 } },
    });
    expect(docs.map((d) => [d.key, d.defaults])).toEqual([
      ["x:services", { dev: "", prod: "" }],
      ["x:services[].port", { dev: "`8080`", prod: "`9090`" }],
    ]);
  });

  it("documents leaves, list items and per-profile defaults", () => {
    const schema = z.strictObject({
      profile: z.enum(["a", "b"]).describe("which"),
      db: z.strictObject({ size: z.number().int().optional().describe("GiB") }),
      services: z
        .array(z.strictObject({ name: z.string().describe("DNS label") }))
        .optional()
        .describe("apps"),
    });
    const docs = describeConfig("x", schema, { dev: { db: { size: 20 } }, prod: { db: { size: 100 } } });
    expect(docs).toEqual([
      {
        key: "x:profile",
        type: "`a` \\| `b`",
        description: "which",
        defaults: { dev: "required", prod: "required" },
      },
      { key: "x:db.size", type: "integer", description: "GiB", defaults: { dev: "`20`", prod: "`100`" } },
      { key: "x:services", type: "list", description: "apps", defaults: { dev: "", prod: "" } },
      {
        key: "x:services[].name",
        type: "string",
        description: "DNS label",
        defaults: { dev: "required", prod: "required" },
      },
    ]);
    expect(renderConfigTable(docs, ["dev", "prod"]).split("\n")[3]).toBe(
      "| `x:db.size` | integer | `20` | `100` | GiB |",
    );
  });
});
