import { valueAt } from "./property-path";
import type { NoiseRule } from "./noise";
import { sameValue } from "./same-value";

/**
 * pulumi-aws#5067: with `applyImmediately` off, RDS accepts a modification but keeps running the old
 * value (listed under PendingModifiedValues) until the maintenance window. Pulumi records what AWS
 * runs, while the recorded inputs hold what the program asked for. The same change then shows up
 * every night until the window, in both places:
 * - a preview compares the recorded outputs with the program: noise when the program asks for the
 *   value it asked for at the last deploy (old inputs equal new inputs, `inputDiff` false); a real
 *   code change (old inputs differ) is still reported;
 * - a refresh preview (CLI >= 3.120) compares what the cloud has with the program: noise when the
 *   cloud still has exactly what Pulumi recorded at the last deploy (nothing changed out of band;
 *   the program's value is simply not applied yet). Someone resizing the instance by hand changes
 *   the cloud's value away from the recorded one, and that stays drift.
 */
const RDS_TYPES = new Set(["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"]);

/** Modifications RDS defers to the maintenance window unless applied immediately. */
export const DEFERRED_PROPERTIES = new Set([
  "allocatedStorage",
  "caCertIdentifier",
  "engineVersion",
  "instanceClass",
  "iops",
  "multiAz",
  "storageThroughput",
  "storageType",
]);

export const RDS_PENDING_MODIFICATION: NoiseRule = {
  id: "rds-pending-modification",
  title:
    "an RDS setting deployed without `applyImmediately` that waits for the maintenance window (pulumi-aws#5067)",
  sections: ["drift", "pending"],
  match(change, property) {
    const top = property.segments[0];
    if (!RDS_TYPES.has(change.type) || change.op !== "update" || property.inputDiff) return undefined;
    if (typeof top !== "string" || !DEFERRED_PROPERTIES.has(top)) return undefined;
    const { oldState, newState } = change.step;
    if (!oldState?.inputs || oldState.inputs.applyImmediately === true) return undefined;
    const program = valueAt(oldState.inputs, property.segments);
    if (change.section === "drift") {
      const recorded = valueAt(oldState.outputs, property.segments);
      const cloud = valueAt(newState?.outputs, property.segments);
      if (recorded === undefined || program === undefined || !sameValue(recorded, cloud)) return undefined;
      return `RDS applies the program's value in the next maintenance window (applyImmediately is off); the cloud still has what Pulumi recorded at the last deploy (pulumi-aws#5067)`;
    }
    const newInputs = newState?.inputs;
    if (!newInputs || newInputs.applyImmediately === true) return undefined;
    if (program === undefined || !sameValue(program, valueAt(newInputs, property.segments))) return undefined;
    return `RDS applies this change in the next maintenance window (applyImmediately is off); the code asks for the same value as at the last deploy (pulumi-aws#5067)`;
  },
};
