import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { referenceFiles } from "../docs/reference";
import { REPO_ROOT } from "../support/typecheck";

/**
 * `npm run docs:reference` (also `docs:config`): regenerates docs/reference/ — the stack config
 * reference and one page per component — from the schemas, profiles and argument definitions.
 */
void referenceFiles().then((files) => {
  for (const [file, text] of Object.entries(files)) {
    const path = join(REPO_ROOT, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
});
