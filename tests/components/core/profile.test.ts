import { describe, expect, it } from "vitest";
import { checkKmsDeletionWindow, checkProfile, IssueCollector } from "../../../components/core";

describe("shared argument checks", () => {
  it("a missing or wrong profile validates the rest as production, the stricter", () => {
    const issues = new IssueCollector();
    expect(checkProfile(issues, undefined)).toBe("production");
    expect(checkProfile(issues, "development")).toBe("development");
    expect(checkProfile(issues, "staging")).toBe("production");
    expect(issues.issues).toEqual([
      { path: "profile", message: '"staging" is not a profile; use one of "development", "production"' },
    ]);
  });

  it("a KMS deletion window is a whole number of days from 7 to 30", () => {
    const issues = new IssueCollector();
    for (const days of [7, 30, undefined]) checkKmsDeletionWindow(issues, "window", days);
    expect(issues.issues).toEqual([]);
    for (const days of [6, 31, 7.5]) checkKmsDeletionWindow(issues, "window", days);
    expect(issues.issues.map((i) => i.path)).toEqual(["window", "window", "window"]);
  });
});
