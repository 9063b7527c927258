import { describe, expect, it } from "vitest";
import { checkSecretConfig, receiverCredentialPaths } from "../../../stacks/preflight";

const observability = {
  alertEmails: ["platform-alerts@example.com"],
  alertReceivers: {
    page: { pagerDutyRoutingKey: "R0UT1NGKEY" },
    ticket: { slackWebhookUrl: "https://hooks.example/x", slackChannel: "#tickets" },
    heartbeatUrl: "https://heartbeat.example/ping",
  },
  alertWebhooks: [{ key: "ops", url: "https://ops.example/sns" }],
};

describe("receiver credentials come from secret config", () => {
  it("refuses each credential of a plain observability config, by its config path, never echoing it", () => {
    const issues = checkSecretConfig(observability, false);
    expect(issues.map((i) => i.path)).toEqual([
      "infra:observability.alertReceivers.page.pagerDutyRoutingKey",
      "infra:observability.alertReceivers.ticket.slackWebhookUrl",
      "infra:observability.alertReceivers.heartbeatUrl",
      "infra:observability.alertWebhooks[0].url",
    ]);
    expect(issues[0]?.message).toContain(
      "pulumi config set --secret --path 'infra:observability.alertReceivers.page.pagerDutyRoutingKey'",
    );
    expect(JSON.stringify(issues)).not.toContain("R0UT1NGKEY");
  });

  it("accepts them from secret config, and a plain config without credentials", () => {
    expect(checkSecretConfig(observability, true)).toEqual([]);
    // Near miss: the Slack channel and alert emails are not credentials.
    expect(
      checkSecretConfig(
        { alertEmails: ["a@example.com"], alertReceivers: { ticket: { slackChannel: "#x" } } },
        false,
      ),
    ).toEqual([]);
    expect(receiverCredentialPaths(undefined)).toEqual([]);
  });
});
