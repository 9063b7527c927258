import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { estimateAllStacks, withEstimates } from "./readme";

/** `npm run docs:estimate`: regenerates the README's estimate table after a stack or the price table changed. */
const root = join(__dirname, "..", "..", "..");
const path = join(root, "README.md");
void estimateAllStacks(root)
  .then((estimates) => withEstimates(readFileSync(path, "utf8"), path, estimates))
  .then((text) => writeFileSync(path, text));
