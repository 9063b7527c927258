import { describe, expect, it } from "vitest";
import { roleNameOf } from "../../../components/cluster/principals";

describe("roleNameOf", () => {
  it("returns the role name of an IAM role ARN, without its path", () => {
    expect(roleNameOf("arn:aws:iam::123456789012:role/platform-admin")).toBe("platform-admin");
    expect(roleNameOf("arn:aws:iam::123456789012:role/ci/github/deployer")).toBe("deployer");
    expect(roleNameOf("arn:aws-us-gov:iam::123456789012:role/admin")).toBe("admin");
  });

  it("rejects anything that is not an IAM role ARN", () => {
    for (const arn of [
      "platform-admin",
      "arn:aws:iam::123456789012:user/alice",
      "arn:aws:sts::123456789012:assumed-role/admin/alice",
      "arn:aws:iam::1234:role/admin",
      "arn:aws:iam::123456789012:role/",
      "arn:aws:iam::123456789012:role/has space",
    ]) {
      expect(roleNameOf(arn)).toBeUndefined();
    }
  });
});
