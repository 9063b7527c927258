import { describe, expect, it } from "vitest";
import { checkAccounts, configArns, PLACEHOLDER_ACCOUNT_ID } from "../../../stacks/preflight";

const raw = {
  cluster: {
    adminRoleArns: ["arn:aws:iam::111122223333:role/platform-admin", "arn:aws:iam::999999999999:role/other"],
    readOnlyRoleArns: ["arn:aws:iam::111122223333:role/infra-read-only"],
  },
  delivery: { connectionArn: "arn:aws:codeconnections:eu-west-1:111122223333:connection/abc" },
  // An AWS-managed policy ARN has no account: not a finding.
  other: "arn:aws:iam::aws:policy/ReadOnlyAccess",
};
const arns = Object.entries(raw).flatMap(([key, value]) => configArns(value, `infra:${key}`));

describe("accounts", () => {
  it("finds every account-bound ARN in the config with its path", () => {
    expect(arns.map((a) => `${a.path}=${a.accountId}`)).toEqual([
      "infra:cluster.adminRoleArns[0]=111122223333",
      "infra:cluster.adminRoleArns[1]=999999999999",
      "infra:cluster.readOnlyRoleArns[0]=111122223333",
      "infra:delivery.connectionArn=111122223333",
    ]);
  });

  it("rejects an admin role ARN outside the allowed accounts, naming the key and the fix", () => {
    const issues = checkAccounts(["111122223333"], arns);
    expect(issues).toEqual([
      {
        path: "infra:cluster.adminRoleArns[1]",
        message: expect.stringMatching(
          /in account 999999999999, not in aws:allowedAccountIds \(111122223333\); use the ARN in the stack's own account/,
        ) as string,
      },
    ]);
    expect(checkAccounts(["111122223333", "999999999999"], arns)).toEqual([]);
  });

  it("requires aws:allowedAccountIds, and says how to set it", () => {
    for (const missing of [undefined, []])
      expect(checkAccounts(missing, [])).toEqual([
        {
          path: "aws:allowedAccountIds",
          message: expect.stringContaining("pulumi config set --path 'aws:allowedAccountIds[0]'") as string,
        },
      ]);
    expect(checkAccounts("111122223333", [])[0]!.message).toMatch(/not a list/);
    expect(checkAccounts(["11112222333"], [])[0]!.message).toMatch(/not an AWS account id/);
  });

  it("flags AWS's documentation account as a placeholder, in the allowed list and in ARNs", () => {
    const placeholder = configArns(
      `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:role/platform-admin`,
      "infra:cluster.adminRoleArns[0]",
    );
    const issues = checkAccounts([PLACEHOLDER_ACCOUNT_ID], placeholder);
    expect(issues.map((i) => i.path)).toEqual(["aws:allowedAccountIds[0]", "infra:cluster.adminRoleArns[0]"]);
    expect(issues.every((i) => i.message.includes("placeholder"))).toBe(true);
    // Even without an allowed list, a placeholder ARN is reported with the missing key.
    expect(checkAccounts(undefined, placeholder).map((i) => i.path)).toEqual([
      "aws:allowedAccountIds",
      "infra:cluster.adminRoleArns[0]",
    ]);
  });
});
