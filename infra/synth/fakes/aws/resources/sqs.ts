import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const SQS_RESOURCES: FakeResourceTable = {
  "aws:sqs/queue:Queue": {
    autoName: "name",
    // SQS identifies a queue by its URL.
    id: (r) =>
      `https://sqs.${r.account.region.name}.${r.account.dnsSuffix}/${r.account.accountId}/${String(r.inputs.name)}`,
    outputs: (r) => ({ arn: arn(r.account, "sqs", String(r.inputs.name)), url: r.id }),
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    id: (r) => String(r.inputs.queueUrl),
  },
};
