import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { estimateAllStacks, withEstimates } from "./readme";

/** `npm run docs:estimate`: regenerates docs/operators/estimates.md after a stack or the price table changed. */
const root = join(__dirname, "..", "..", "..");
const path = join(root, "docs", "operators", "estimates.md");
void estimateAllStacks(root)
  .then((estimates) => withEstimates(readFileSync(path, "utf8"), path, estimates))
  .then((text) => writeFileSync(path, text));
