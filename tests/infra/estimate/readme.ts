import { format, resolveConfig } from "prettier";
import { estimateStack, type StackEstimate } from "../../../infra/estimate/estimate";
import { estimateTable, withEstimateSection } from "../../../infra/estimate/readme-section";
import { listStacks } from "../../../infra/synth/project";
import { synthesize } from "../../../infra/synth/synth";

/** Every stack of the repository, synthesized and estimated as `infra estimate` does. */
export async function estimateAllStacks(root: string): Promise<StackEstimate[]> {
  const estimates: StackEstimate[] = [];
  for (const stack of listStacks(root)) {
    const result = await synthesize({ cwd: root, stack });
    estimates.push(estimateStack(stack, result.region, result.resources));
  }
  return estimates;
}

/** The README with its estimate section regenerated, formatted as committed. */
export async function withEstimates(readme: string, path: string, estimates: readonly StackEstimate[]) {
  const text = withEstimateSection(readme, estimateTable(estimates));
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}
