import { describe, expect, it } from "vitest";
import { validateLogsKeyArgs, type LogsKeyArgs } from "../../../components/observability";

/** The message of the one issue for `args`, which must be at `path`. */
const only = (args: LogsKeyArgs, path: string) => {
  const issues = validateLogsKeyArgs(args);
  expect(issues.map((i) => i.path)).toEqual([path]);
  return issues[0]!.message;
};

describe("validateLogsKeyArgs", () => {
  it("accepts no args and a fully specified key", () => {
    expect(validateLogsKeyArgs({})).toEqual([]);
    expect(
      validateLogsKeyArgs({
        profile: "development",
        kmsKeyDeletionWindowDays: 14,
        logGroupNamePatterns: [
          "/aws/eks/dev/cluster",
          "/vpc-flow-logs/dev-*",
          "/aws/containerinsights/dev/?ost",
        ],
        aliasName: "alias/platform/dev_logs-1",
        tags: { team: "platform" },
      }),
    ).toEqual([]);
  });

  it("rejects an unknown profile", () => {
    expect(only({ profile: "staging" as never }, "profile")).toBe(
      '"staging" is not a profile; use one of "development", "production"',
    );
  });

  it.each([6, 31, 7.5])("rejects a deletion window of %s days", (kmsKeyDeletionWindowDays) => {
    expect(only({ kmsKeyDeletionWindowDays }, "kmsKeyDeletionWindowDays")).toMatch(/KMS waits 7 to 30 days/);
  });

  it("accepts the deletion window's bounds", () => {
    expect(validateLogsKeyArgs({ kmsKeyDeletionWindowDays: 7 })).toEqual([]);
    expect(validateLogsKeyArgs({ kmsKeyDeletionWindowDays: 30 })).toEqual([]);
  });

  it("rejects an empty pattern list, which no log group could use", () => {
    expect(only({ logGroupNamePatterns: [] }, "logGroupNamePatterns")).toMatch(/is empty, so no log group/);
  });

  it("rejects patterns that are not log group names, by index", () => {
    const issues = validateLogsKeyArgs({ logGroupNamePatterns: ["/ok/*", "", "/bad name", "x".repeat(513)] });
    expect(issues.map((i) => i.path)).toEqual([
      "logGroupNamePatterns[1]",
      "logGroupNamePatterns[2]",
      "logGroupNamePatterns[3]",
    ]);
    expect(issues[1]!.message).toMatch(/^"\/bad name" is not a log group name pattern/);
  });

  it("rejects an alias outside alias/ or under AWS's reserved alias/aws/", () => {
    expect(only({ aliasName: "logs" }, "aliasName")).toMatch(/^"logs" is not a KMS alias name/);
    expect(only({ aliasName: "alias/with space" }, "aliasName")).toMatch(/is not a KMS alias name/);
    expect(only({ aliasName: "alias/aws/logs" }, "aliasName")).toMatch(/AWS reserves for its own keys/);
  });

  it("reports every problem at once", () => {
    expect(
      validateLogsKeyArgs({
        profile: "qa" as never,
        kmsKeyDeletionWindowDays: 0,
        logGroupNamePatterns: ["a b"],
        aliasName: "alias/aws/x",
      }).map((i) => i.path),
    ).toEqual(["profile", "kmsKeyDeletionWindowDays", "logGroupNamePatterns[0]", "aliasName"]);
  });
});
