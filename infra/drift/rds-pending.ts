import { valueAt } from "./property-path";
import type { NoiseRule } from "./noise";
import { sameValue } from "./same-value";

/**
 * pulumi-aws#5067: with `applyImmediately` off, RDS accepts a modification but keeps running the old
 * value (listed under PendingModifiedValues) until the maintenance window. Pulumi records what AWS
 * runs, so every preview until the window shows the same change again although the code did not
 * change. It is noise exactly when the program asks for the value it asked for at the last deploy:
 * the engine compared recorded outputs with new inputs (`inputDiff` false) and the old inputs equal
 * the new inputs. A real code change (old inputs differ) is still reported.
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
  sections: ["pending"],
  match(change, property) {
    const top = property.segments[0];
    if (!RDS_TYPES.has(change.type) || change.op !== "update" || property.inputDiff) return undefined;
    if (typeof top !== "string" || !DEFERRED_PROPERTIES.has(top)) return undefined;
    const oldInputs = change.step.oldState?.inputs;
    const newInputs = change.step.newState?.inputs;
    if (!oldInputs || !newInputs || newInputs.applyImmediately === true) return undefined;
    const requested = valueAt(oldInputs, property.segments);
    if (requested === undefined || !sameValue(requested, valueAt(newInputs, property.segments)))
      return undefined;
    return `RDS applies this change in the next maintenance window (applyImmediately is off); the code asks for the same value as at the last deploy (pulumi-aws#5067)`;
  },
};
