import { describe, expect, it } from "vitest";
import { credentialKind } from "../../../components/workload/credential-values";
import {
  SECRET_NAME_MARKERS,
  looksLikeSecretName,
  renderEnv,
  renderEnvFrom,
} from "../../../components/workload/env";

describe("the secret-name heuristic", () => {
  it.each([
    "DB_PASSWORD",
    "db-password",
    "dbPassword",
    "GITHUB_TOKEN",
    "CLIENT_SECRET",
    "STRIPE_API_KEY",
    "apiKey",
    "PRIVATE_KEY",
    "AWS_ACCESS_KEY_ID",
    "JWT_SIGNING_KEY",
    "ENCRYPTION_KEY",
    "GOOGLE_CREDENTIALS",
    "SMTP_PASSWD",
    "GPG_PASSPHRASE",
  ])("treats %s as a secret", (name) => {
    expect(looksLikeSecretName(name)).toBe(true);
  });

  it.each(["LOG_LEVEL", "PORT", "DATABASE_HOST", "FEATURE_FLAGS", "PWD", "AUTH_URL", "KEYCLOAK_REALM"])(
    "lets %s through",
    (name) => {
      expect(looksLikeSecretName(name)).toBe(false);
    },
  );

  it("has a marker per documented word, upper case without separators", () => {
    for (const marker of SECRET_NAME_MARKERS) expect(marker).toMatch(/^[A-Z]+$/);
  });

  it("recognises secret values whatever the variable is called", () => {
    expect(credentialKind("-----BEGIN RSA PRIVATE KEY-----\nMIIE")).toBe("a PEM private key");
    expect(credentialKind("-----BEGIN PRIVATE KEY-----")).toBe("a PEM private key");
    expect(credentialKind("AKIAABCDEFGHIJKLMNOP")).toBe("an AWS access key id");
    expect(credentialKind("info")).toBeUndefined();
    expect(credentialKind("-----BEGIN CERTIFICATE-----")).toBeUndefined();
  });
});

describe("renderEnv", () => {
  it("renders literals, ConfigMap keys and Secret keys in the order given", () => {
    expect(
      renderEnv({
        LOG_LEVEL: "info",
        FEATURES: { configMapKeyRef: { name: "flags", key: "features" } },
        DB_PASSWORD: { secretKeyRef: { name: "db", key: "password", optional: false } },
      }),
    ).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "FEATURES", valueFrom: { configMapKeyRef: { name: "flags", key: "features" } } },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password", optional: false } } },
    ]);
  });

  it("renders whole ConfigMaps and Secrets with their prefixes", () => {
    expect(renderEnvFrom([{ configMap: "settings" }, { secret: "db", prefix: "DB_" }])).toEqual([
      { configMapRef: { name: "settings" } },
      { secretRef: { name: "db" }, prefix: "DB_" },
    ]);
  });
});
