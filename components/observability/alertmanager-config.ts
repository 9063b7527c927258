import { SLO_ALERT_NAME } from "./slo-rules";

/** Where one severity's notifications go, with secrets already resolved (only ever inside a secret Output). */
export interface ResolvedReceiver {
  readonly pagerDutyRoutingKey?: string;
  readonly slackWebhookUrl?: string;
  readonly slackChannel?: string;
  readonly webhookUrl?: string;
}

export interface AlertRouting {
  readonly page?: ResolvedReceiver;
  readonly ticket?: ResolvedReceiver;
}

/** Receiver names in the Alertmanager configuration. */
export const RECEIVERS = { discard: "null", page: "page", ticket: "ticket" } as const;

function receiver(name: string, targets: ResolvedReceiver | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  if (!targets) return out;
  if (targets.pagerDutyRoutingKey !== undefined) {
    out.pagerduty_configs = [
      {
        routing_key: targets.pagerDutyRoutingKey,
        send_resolved: true,
        description: "{{ .CommonAnnotations.summary }}",
        links: [{ href: "{{ .CommonAnnotations.runbook_url }}", text: "Runbook" }],
      },
    ];
  }
  if (targets.slackWebhookUrl !== undefined) {
    out.slack_configs = [
      {
        api_url: targets.slackWebhookUrl,
        ...(targets.slackChannel !== undefined ? { channel: targets.slackChannel } : {}),
        send_resolved: true,
        title: "{{ .CommonAnnotations.summary }}",
        text: "{{ .CommonAnnotations.description }}\nRunbook: {{ .CommonAnnotations.runbook_url }}",
      },
    ];
  }
  if (targets.webhookUrl !== undefined) {
    out.webhook_configs = [{ url: targets.webhookUrl, send_resolved: true }];
  }
  return out;
}

/**
 * The Alertmanager configuration: `severity=page` goes to the page receiver, `severity=ticket` and the
 * chart's own `critical` alerts to the ticket receiver; `warning` and `info` stay in the UI, so only
 * user impact interrupts anyone. A paging SLO alert silences the ticket for the same SLO.
 */
export function alertmanagerConfig(routing: AlertRouting): Record<string, unknown> {
  const sloAlert = `alertname = "${SLO_ALERT_NAME}"`;
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: RECEIVERS.discard,
      group_by: ["alertname", "namespace", "slo", "sli"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "12h",
      routes: [
        // The chart's always-firing dead man's switch; an external heartbeat watches it, not people.
        { receiver: RECEIVERS.discard, matchers: ['alertname = "Watchdog"'] },
        { receiver: RECEIVERS.page, matchers: ['severity = "page"'], repeat_interval: "1h" },
        { receiver: RECEIVERS.ticket, matchers: ['severity =~ "ticket|critical"'], repeat_interval: "24h" },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: [sloAlert, 'severity = "page"'],
        target_matchers: [sloAlert, 'severity = "ticket"'],
        equal: ["slo", "sli"],
      },
      {
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity =~ "warning|info"'],
        equal: ["namespace", "alertname"],
      },
    ],
    receivers: [
      receiver(RECEIVERS.discard, undefined),
      receiver(RECEIVERS.page, routing.page),
      receiver(RECEIVERS.ticket, routing.ticket),
    ],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}
