import { PROFILES } from "../../stacks/profiles";
import { CONFIG_NAMESPACE, configSchema } from "../../stacks/config";
import { describeConfig, renderConfigTable } from "../../stacks/config-reference";

/** The stack config reference as a Markdown table (docs/reference/config.md). */
export function configReferenceTable(): string {
  return renderConfigTable(describeConfig(CONFIG_NAMESPACE, configSchema, PROFILES), Object.keys(PROFILES));
}
