import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const CODEBUILD_RESOURCES: FakeResourceTable = {
  "aws:codebuild/project:Project": {
    autoName: "name",
    // The provider's id is the project's ARN.
    id: (r) => arn(r.account, "codebuild", `project/${String(r.inputs.name)}`),
    outputs: (r) => ({
      arn: r.id,
      badgeUrl: "",
      projectVisibility: r.inputs.projectVisibility ?? "PRIVATE",
    }),
  },
  "aws:codebuild/webhook:Webhook": {
    id: (r) => String(r.inputs.projectName),
    outputs: (r) => ({
      // A webhook on a GitHub App connection has no URL or secret of its own.
      payloadUrl: `https://codebuild.${r.account.region.name}.${r.account.dnsSuffix}/webhooks?t=${r.hex(32)}`,
      url: "",
      secret: "",
    }),
  },
};
