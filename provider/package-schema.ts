import { join } from "node:path";
import { SERVED_COMPONENTS } from "./components";
import { packageSchema } from "./schema";
import packageJson from "./package.json";

/** The committed schema (`npm run schema:update`), which `getSchema` serves. */
export const SCHEMA_PATH = join(__dirname, "schema.json");

/** The package schema of every served component, as committed. */
export function renderSchema(): string {
  return `${JSON.stringify(packageSchema(SERVED_COMPONENTS, packageJson.version), null, 2)}\n`;
}
