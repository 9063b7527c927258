import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../policies/rules";
import { ruleTable, withRuleTable } from "./rule-table";

const path = join(__dirname, "..", "..", "docs", "operators", "policy.md");

describe("docs/operators/policy.md", () => {
  it("lists exactly the pack's rules, as the code defines them (npm run docs:policy)", async () => {
    const text = readFileSync(path, "utf8");
    expect(await withRuleTable(text, path), "run `npm run docs:policy`").toBe(text);
  });

  it("gives each rule one row naming how it binds", () => {
    const rows = ruleTable()
      .split("\n")
      .filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(RULES.length);
    const multiAz = rows.find((r) => r.startsWith("| `rds-multi-az`"))!;
    expect(multiAz).toContain("| production (advisory in development) |");
    expect(rows.find((r) => r.startsWith("| `kms-key-rotation`"))).toContain("| mandatory |");
  });
});
