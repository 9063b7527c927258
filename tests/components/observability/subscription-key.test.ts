import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { subscriptionKey } from "../../../components/observability/subscription-key";

describe("subscription keys", () => {
  it("prefers the explicit key", () => {
    expect(
      subscriptionKey({
        protocol: "https",
        endpoint: pulumi.output("https://x.example.com"),
        key: "pagerduty",
      }),
    ).toBe("pagerduty");
  });

  it("hashes a plain endpoint so the address never appears in a URN, stably", () => {
    const key = subscriptionKey({ protocol: "email", endpoint: "oncall@example.com" });
    expect(key).toMatch(/^email-[0-9a-f]{10}$/);
    expect(key).not.toContain("oncall");
    expect(subscriptionKey({ protocol: "email", endpoint: "oncall@example.com" })).toBe(key);
    expect(subscriptionKey({ protocol: "email", endpoint: "other@example.com" })).not.toBe(key);
  });

  it("has no key for an unknown endpoint without an explicit one", () => {
    expect(
      subscriptionKey({ protocol: "https", endpoint: pulumi.secret("https://x.example.com") }),
    ).toBeUndefined();
  });
});
