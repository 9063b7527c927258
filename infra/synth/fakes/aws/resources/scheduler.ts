import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const SCHEDULER_RESOURCES: FakeResourceTable = {
  "aws:scheduler/schedule:Schedule": {
    autoName: "name",
    // The provider's id is `<group>/<name>`; schedules without a group are in `default`.
    id: (r) => `${String(r.inputs.groupName ?? "default")}/${String(r.inputs.name)}`,
    outputs: (r) => ({
      arn: arn(r.account, "scheduler", `schedule/${r.id}`),
      groupName: String(r.inputs.groupName ?? "default"),
      state: r.inputs.state ?? "ENABLED",
    }),
  },
};
