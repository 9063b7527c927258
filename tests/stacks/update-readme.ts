import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withConfigReference } from "./config-reference";

/** `npm run docs:config`: regenerates the README's config reference from the schema and profiles. */
const path = join(__dirname, "..", "..", "README.md");
void withConfigReference(readFileSync(path, "utf8"), path).then((text) => writeFileSync(path, text));
