import { describe, expect, it } from "vitest";
import {
  alertmanagerConfig,
  DEFAULT_SILENCED_ALERTS,
  NOTIFICATION_SUMMARY,
} from "../../../components/observability/alertmanager-config";

type Route = { receiver: string; matchers?: string[]; repeat_interval?: string; group_interval?: string };
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
  heartbeatUrl: "https://hc-ping.example.com/abc",
  silencedAlerts: DEFAULT_SILENCED_ALERTS,
}) as unknown as Config;
const receiver = (c: Config, name: string) => c.receivers.find((r) => r.name === name)!;

/** The routing itself is proven with amtool (amtool.test.ts); these check the pieces amtool cannot see. */
describe("Alertmanager configuration", () => {
  it("sends what no route claims to the ticket receiver, never to null", () => {
    expect(config.route.receiver).toBe("ticket");
    expect(config.route.routes.filter((r) => r.receiver === "null")).toEqual([
      { receiver: "null", matchers: ['alertname =~ "InfoInhibitor"'] },
    ]);
  });

  it("has no null route at all when the silence list is empty", () => {
    const none = alertmanagerConfig({ silencedAlerts: [] }) as unknown as Config;
    expect(none.route.routes.map((r) => r.receiver)).not.toContain("null");
    expect(none.route.receiver).toBe("ticket");
  });

  it("groups by the labels notifications are named by", () => {
    expect(config.route.group_by).toEqual(["alertname", "severity", "namespace", "service", "slo", "sli"]);
  });

  it("checks in with the heartbeat every minute, never resolving it", () => {
    const route = config.route.routes[0]!;
    expect(route).toMatchObject({ receiver: "heartbeat", matchers: ['alertname = "Watchdog"'] });
    expect(route.repeat_interval).toBe("1m");
    expect(route.group_interval).toBe("1m");
    expect(receiver(config, "heartbeat").webhook_configs).toEqual([
      { url: "https://hc-ping.example.com/abc", send_resolved: false },
    ]);
  });

  it("sends pages to PagerDuty with a summary from group labels and each alert's own runbook", () => {
    const [pd] = receiver(config, "page").pagerduty_configs as Record<string, unknown>[];
    expect(pd).toMatchObject({
      routing_key: "pd-routing-key",
      send_resolved: true,
      description: NOTIFICATION_SUMMARY,
      severity: "critical",
    });
    expect(JSON.stringify(pd)).not.toContain("CommonAnnotations");
    expect((pd!.details as { alerts: string }).alerts).toContain("{{ range .Alerts }}");
    expect((pd!.details as { alerts: string }).alerts).toContain(".Annotations.runbook_url");
  });

  it("builds the summary from the alert name and the group labels only", () => {
    expect(NOTIFICATION_SUMMARY).toContain("{{ .GroupLabels.alertname }}");
    for (const label of ["severity", "service", "slo", "sli"])
      expect(NOTIFICATION_SUMMARY).toContain(`{{ with .GroupLabels.${label} }} ${label}={{ . }}{{ end }}`);
    expect(NOTIFICATION_SUMMARY).not.toMatch(/Annotations|CommonLabels/);
  });

  it("sends tickets to Slack and to a webhook, titled like pages", () => {
    const ticket = receiver(config, "ticket");
    expect(ticket.slack_configs).toEqual([
      expect.objectContaining({
        api_url: "https://hooks.slack.example.com/T/B/x",
        channel: "#platform",
        send_resolved: true,
        title: NOTIFICATION_SUMMARY,
      }),
    ]);
    expect(ticket.webhook_configs).toEqual([
      { url: "https://tickets.example.com/hook", send_resolved: true },
    ]);
    expect(ticket.pagerduty_configs).toBeUndefined();
  });

  it("lets a paging SLO alert silence the ticket of the same SLO only, and InfoInhibitor lone info alerts", () => {
    expect(config.inhibit_rules[0]).toEqual({
      source_matchers: ['alertname = "SLOErrorBudgetBurn"', 'severity = "page"'],
      target_matchers: ['alertname = "SLOErrorBudgetBurn"', 'severity = "ticket"'],
      equal: ["slo", "sli"],
    });
    expect(config.inhibit_rules[2]).toEqual({
      source_matchers: ['alertname = "InfoInhibitor"'],
      target_matchers: ['severity = "info"'],
      equal: ["namespace"],
    });
  });

  it("keeps receivers without destinations when none are configured, so routing stays valid", () => {
    const bare = alertmanagerConfig({ silencedAlerts: [] }) as unknown as Config;
    expect(bare.receivers).toEqual([
      { name: "null" },
      { name: "page" },
      { name: "ticket" },
      { name: "heartbeat" },
    ]);
  });
});
