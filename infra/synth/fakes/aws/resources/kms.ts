import { arn } from "../context";
import type { FakeResourceTable } from "./types";

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const KMS_RESOURCES: FakeResourceTable = {
  "aws:kms/key:Key": {
    id: (r) => uuidFrom(r.hex(32)),
    outputs: (r) => ({ arn: arn(r.account, "kms", `key/${r.id}`), keyId: r.id }),
  },
  "aws:kms/alias:Alias": {
    autoName: "name",
    outputs: (r) => ({
      arn: arn(r.account, "kms", String(r.inputs.name)),
      targetKeyArn: arn(r.account, "kms", `key/${String(r.inputs.targetKeyId)}`),
    }),
  },
};
