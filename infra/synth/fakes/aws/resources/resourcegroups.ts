import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const RESOURCE_GROUPS_RESOURCES: FakeResourceTable = {
  "aws:resourcegroups/group:Group": {
    autoName: "name",
    outputs: (r) => ({ arn: arn(r.account, "resource-groups", `group/${r.id}`) }),
  },
};
