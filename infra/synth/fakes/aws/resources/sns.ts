import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const SNS_RESOURCES: FakeResourceTable = {
  "aws:sns/topic:Topic": {
    autoName: "name",
    id: (r) => arn(r.account, "sns", String(r.inputs.name)),
    outputs: (r) => ({ arn: r.id, owner: r.account.accountId }),
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    id: (r) => String(r.inputs.arn),
    outputs: (r) => ({ owner: r.account.accountId }),
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    id: (r) =>
      `${String(r.inputs.topic)}:${r.hex(8)}-${r.hex(4, "b")}-${r.hex(4, "c")}-${r.hex(4, "d")}-${r.hex(12, "e")}`,
    outputs: (r) => ({
      arn: r.id,
      ownerId: r.account.accountId,
      pendingConfirmation: r.inputs.protocol === "email",
    }),
  },
};
