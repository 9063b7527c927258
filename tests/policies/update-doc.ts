import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withRuleTable } from "./rule-table";

/** `npm run docs:policy`: regenerates the rule list of docs/operators/policy.md from the rules. */
const path = join(__dirname, "..", "..", "docs", "operators", "policy.md");
void withRuleTable(readFileSync(path, "utf8"), path).then((text) => writeFileSync(path, text));
