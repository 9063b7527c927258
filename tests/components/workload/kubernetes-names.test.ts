import { describe, expect, it } from "vitest";
import {
  isConfigKey,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isLabelKey,
  isLabelValue,
} from "../../../components/workload/kubernetes-names";

describe("Kubernetes naming rules", () => {
  it("DNS-1123 labels: lowercase alphanumerics and '-', at most 63", () => {
    expect(isDns1123Label("payments-api")).toBe(true);
    expect(isDns1123Label("9lives")).toBe(true);
    expect(isDns1123Label("a".repeat(63))).toBe(true);
    for (const bad of ["a".repeat(64), "Payments", "api_v2", "-api", "api-", "a.b", ""]) {
      expect(isDns1123Label(bad)).toBe(false);
    }
  });

  it("DNS-1035 labels also start with a letter (Service names)", () => {
    expect(isDns1035Label("api")).toBe(true);
    expect(isDns1035Label("9lives")).toBe(false);
  });

  it("DNS-1123 subdomains: dot-separated labels, at most 253", () => {
    expect(isDns1123Subdomain("db.credentials")).toBe(true);
    expect(isDns1123Subdomain("db..credentials")).toBe(false);
    expect(isDns1123Subdomain(`${"a".repeat(63)}.`.repeat(4) + "a")).toBe(false);
  });

  it("label keys and values", () => {
    expect(isLabelKey("team")).toBe(true);
    expect(isLabelKey("acme.com/cost-center")).toBe(true);
    expect(isLabelKey("Acme.com/team")).toBe(false);
    expect(isLabelKey("acme.com/")).toBe(false);
    expect(isLabelKey("a".repeat(64))).toBe(false);
    expect(isLabelValue("")).toBe(true);
    expect(isLabelValue("Payments_Team-1.0")).toBe(true);
    expect(isLabelValue("has space")).toBe(false);
    expect(isLabelValue("-lead")).toBe(false);
  });

  it("environment variable names and ConfigMap keys", () => {
    expect(isEnvVarName("LOG_LEVEL")).toBe(true);
    expect(isEnvVarName("app.mode")).toBe(true);
    expect(isEnvVarName("1ST")).toBe(false);
    expect(isEnvVarName("A=B")).toBe(false);
    expect(isConfigKey("application.yaml")).toBe(true);
    expect(isConfigKey("a/b")).toBe(false);
  });
});
