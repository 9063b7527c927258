import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { credentialKind } from "../../../components/workload/credential-values";

// Built from parts so this file holds no string a secret scanner would flag as a real credential.
const token = (prefix: string, length: number) => `${prefix}${"aB3".repeat(length).slice(0, length)}`;

describe("credentialKind: values that are credentials whatever their variable is called", () => {
  it.each([
    ["postgres://app:" + "s3cr3t-pw" + "@db.internal:5432/app", "a connection string with a password"],
    ["mongodb+srv://svc:" + "hunter22" + "@cluster0.example.net/db", "a connection string with a password"],
    ["redis://default:" + "x9x9x9x9" + "@cache:6379", "a connection string with a password"],
    [token("sk_" + "live_", 24), "a live Stripe key"],
    [token("rk_" + "live_", 24), "a live Stripe key"],
    [token("gh" + "p_", 36), "a GitHub token"],
    [token("github" + "_pat_", 40), "a GitHub token"],
    [token("xo" + "xb-", 30), "a Slack token"],
    ["Bearer " + token("", 40), "a bearer token"],
    ["bearer " + token("", 20) + "==", "a bearer token"],
    ["AKIA" + "ABCDEFGHIJKLMNOP", "an AWS access key id"],
    [
      "https://hooks.slack.com/" + "services/T0000/B0000/" + token("", 24),
      "a webhook URL with its secret in the path",
    ],
    [
      "https://discord.com/api/webhooks/" + "123456789/" + token("", 30),
      "a webhook URL with its secret in the path",
    ],
    [
      "https://acme.webhook.office.com/webhookb2/" + token("", 30),
      "a webhook URL with its secret in the path",
    ],
    [
      "https://api.example.com/v1/events?" + "api_key=" + token("", 20),
      "a URL carrying a credential in its query",
    ],
    ["eyJ" + token("", 20) + ".eyJ" + token("", 20) + "." + token("", 20), "a JSON Web Token"],
  ])("%s is %s", (value, kind) => {
    expect(credentialKind(value)).toBe(kind);
  });

  it.each([
    // Near misses each pattern must let through.
    "postgres://db.internal:5432/app",
    "postgres://app@db.internal:5432/app",
    "postgres://app:$(DB_PASSWORD)@db.internal:5432/app",
    "https://user@example.com/path",
    "sk_test_is_not_live",
    token("sk_" + "test_", 24),
    "ghp_short",
    "xoxo and hugs",
    "Bearer",
    "Bearer token authentication is enabled",
    "AKIA",
    "https://hooks.slack.com/",
    "https://example.com/webhooks/orders",
    "https://api.example.com/v1/events?page=2&sort=asc",
    "https://api.example.com/v1/events?token=$(API_TOKEN)",
    "info",
    "8080",
    "ghcr.io/stefanprodan/podinfo:6.9.2",
    "-----BEGIN CERTIFICATE-----",
  ])("near miss: %s is no credential", (value) => {
    expect(credentialKind(value)).toBeUndefined();
  });

  it("never flags plain words, numbers and host:port values", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[a-z]{1,12}$/),
          fc.integer({ min: 0, max: 65535 }).map(String),
          fc
            .tuple(fc.stringMatching(/^[a-z]{1,10}\.internal$/), fc.integer({ min: 1, max: 65535 }))
            .map(([host, port]) => `${host}:${port}`),
        ),
        (value) => {
          expect(credentialKind(value)).toBeUndefined();
        },
      ),
    );
  });
});
