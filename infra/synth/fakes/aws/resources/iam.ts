import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const IAM_RESOURCES: FakeResourceTable = {
  "aws:iam/role:Role": {
    autoName: "name",
    outputs: (r) => ({
      arn: arn(r.account, "iam", `role${r.inputs.path ?? "/"}${r.id}`, "global"),
      uniqueId: `AROA${r.hex(17).toUpperCase()}`,
      createDate: "2026-01-01T00:00:00Z",
    }),
  },
  "aws:iam/policy:Policy": {
    autoName: "name",
    id: (r) => arn(r.account, "iam", `policy${r.inputs.path ?? "/"}${r.inputs.name}`, "global"),
    outputs: (r) => ({ arn: r.id, policyId: `ANPA${r.hex(17).toUpperCase()}` }),
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    id: (r) => `${r.inputs.role}-${r.hex(26)}`,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    autoName: "name",
    id: (r) => `${r.inputs.role}:${r.inputs.name}`,
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    id: (r) =>
      arn(r.account, "iam", `oidc-provider/${String(r.inputs.url).replace(/^https:\/\//, "")}`, "global"),
    outputs: (r) => ({ arn: r.id }),
  },
};
