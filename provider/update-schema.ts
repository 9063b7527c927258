import { writeFileSync } from "node:fs";
import { SCHEMA_PATH, renderSchema } from "./package-schema";

/** `npm run schema:update`: writes the package schema other languages are generated from. */
writeFileSync(SCHEMA_PATH, renderSchema());
console.log(`wrote ${SCHEMA_PATH}`);
