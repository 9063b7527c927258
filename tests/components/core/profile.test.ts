import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { kmsDeletionWindowDays, profileField } from "../../../components/core";

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe("shared argument fields", () => {
  it("a missing profile is production, the stricter; a wrong one names the allowed ones", () => {
    expect(profileField.parse(undefined)).toBe("production");
    expect(profileField.parse("development")).toBe("development");
    expect(messages(profileField, "staging")).toEqual([
      '"staging" is not a profile; use one of "development", "production"',
    ]);
  });

  it("a KMS deletion window is a whole number of days from 7 to 30", () => {
    const field = kmsDeletionWindowDays();
    for (const days of [7, 30]) expect(messages(field, days)).toEqual([]);
    for (const days of [6, 31, 7.5, "7"]) expect(messages(field, days)).toHaveLength(1);
    expect(messages(field, 31)[0]).toMatch(/KMS waits 7 to 30 days/);
  });
});
