import { describe, expect, it } from "vitest";
import { alertmanagerConfig } from "../../../components/observability/alertmanager-config";

type Route = { receiver: string; matchers?: string[]; repeat_interval?: string };
type Receiver = Record<string, unknown> & { name: string };
interface Config {
  route: Route & { routes: Route[]; group_by: string[] };
  receivers: Receiver[];
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
}

const config = alertmanagerConfig({
  page: { pagerDutyRoutingKey: "pd-routing-key" },
  ticket: {
    slackWebhookUrl: "https://hooks.slack.example.com/T/B/x",
    slackChannel: "#platform",
    webhookUrl: "https://tickets.example.com/hook",
  },
}) as unknown as Config;
const receiver = (c: Config, name: string) => c.receivers.find((r) => r.name === name)!;

describe("Alertmanager configuration", () => {
  it("routes severity page to the page receiver and severity ticket (and the chart's critical) to the ticket receiver", () => {
    expect(config.route.receiver).toBe("null");
    expect(config.route.routes).toEqual([
      { receiver: "null", matchers: ['alertname = "Watchdog"'] },
      { receiver: "page", matchers: ['severity = "page"'], repeat_interval: "1h" },
      { receiver: "ticket", matchers: ['severity =~ "ticket|critical"'], repeat_interval: "24h" },
    ]);
    expect(config.route.group_by).toEqual(["alertname", "namespace", "slo", "sli"]);
  });

  it("sends pages to PagerDuty with the runbook link, resolving when the alert clears", () => {
    expect(receiver(config, "page").pagerduty_configs).toEqual([
      expect.objectContaining({
        routing_key: "pd-routing-key",
        send_resolved: true,
        links: [{ href: "{{ .CommonAnnotations.runbook_url }}", text: "Runbook" }],
      }),
    ]);
  });

  it("sends tickets to Slack and to a webhook", () => {
    const ticket = receiver(config, "ticket");
    expect(ticket.slack_configs).toEqual([
      expect.objectContaining({
        api_url: "https://hooks.slack.example.com/T/B/x",
        channel: "#platform",
        send_resolved: true,
      }),
    ]);
    expect(ticket.webhook_configs).toEqual([
      { url: "https://tickets.example.com/hook", send_resolved: true },
    ]);
    expect(ticket.pagerduty_configs).toBeUndefined();
  });

  it("lets a paging SLO alert silence the ticket of the same SLO only", () => {
    expect(config.inhibit_rules[0]).toEqual({
      source_matchers: ['alertname = "SLOErrorBudgetBurn"', 'severity = "page"'],
      target_matchers: ['alertname = "SLOErrorBudgetBurn"', 'severity = "ticket"'],
      equal: ["slo", "sli"],
    });
  });

  it("keeps receivers without destinations when none are configured, so routing stays valid", () => {
    const bare = alertmanagerConfig({}) as unknown as Config;
    expect(bare.receivers).toEqual([{ name: "null" }, { name: "page" }, { name: "ticket" }]);
  });
});
