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
  /** https check-in URL of the external dead man's switch the Watchdog alert keeps quiet. */
  readonly heartbeatUrl?: string;
  /** Alert names that go to no one: the only routes to the `null` receiver. */
  readonly silencedAlerts: readonly string[];
}

/** Receiver names in the Alertmanager configuration. */
export const RECEIVERS = { discard: "null", page: "page", ticket: "ticket", heartbeat: "heartbeat" } as const;

/**
 * The chart's InfoInhibitor fires whenever an `info` alert fires alone in its namespace; it exists
 * only to inhibit those `info` alerts (see the inhibit rule below) and means nothing to a person.
 */
export const DEFAULT_SILENCED_ALERTS: readonly string[] = ["InfoInhibitor"];

/** The chart's always-firing alert: as long as it arrives, Prometheus evaluates and Alertmanager sends. */
export const WATCHDOG_ALERT = "Watchdog";

/** The heartbeat check-in interval; an external monitor expecting one at least every 5 minutes. */
export const HEARTBEAT_REPEAT_INTERVAL = "1m";

/**
 * Alerts about the alerting pipeline itself (kube-prometheus-stack's rule names): when alerts stop
 * reaching Alertmanager or a receiver, or rules stop evaluating, every other alert may be lost, so
 * these page whatever their severity.
 */
export const PIPELINE_ALERTS: readonly string[] = [
  "AlertmanagerFailedReload",
  "AlertmanagerMembersInconsistent",
  "AlertmanagerFailedToSendAlerts",
  "AlertmanagerClusterFailedToSendAlerts",
  "AlertmanagerConfigInconsistent",
  "AlertmanagerClusterDown",
  "AlertmanagerClusterCrashlooping",
  "PrometheusBadConfig",
  "PrometheusNotificationQueueRunningFull",
  "PrometheusErrorSendingAlertsToSomeAlertmanagers",
  "PrometheusErrorSendingAlertsToAnyAlertmanager",
  "PrometheusNotConnectedToAlertmanagers",
  "PrometheusRuleFailures",
  "PrometheusMissingRuleEvaluations",
  "PrometheusOperatorRejectedResources",
];

/**
 * Labels every notification is grouped by, so every alert of a group shares them and notification
 * texts can name them; annotations (summary, description) differ between the alerts of one group.
 */
export const GROUP_BY = ["alertname", "severity", "namespace", "service", "slo", "sli"] as const;

/** `[FIRING:2] SLOErrorBudgetBurn page service=checkout slo=checkout-availability sli=availability` */
export const NOTIFICATION_SUMMARY =
  '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] ' +
  "{{ .GroupLabels.alertname }}" +
  GROUP_BY.filter((l) => l !== "alertname")
    .map((l) => `{{ with .GroupLabels.${l} }} ${l}={{ . }}{{ end }}`)
    .join("");

/** One line per alert: its own summary and runbook, which may differ within a group. */
const ALERT_LINES =
  "{{ range .Alerts }}- {{ .Labels.alertname }}: {{ .Annotations.summary }}" +
  "{{ with .Annotations.runbook_url }} (runbook: {{ . }}){{ end }}\n{{ end }}";

function receiver(name: string, targets: ResolvedReceiver | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  if (!targets) return out;
  if (targets.pagerDutyRoutingKey !== undefined) {
    out.pagerduty_configs = [
      {
        routing_key: targets.pagerDutyRoutingKey,
        send_resolved: true,
        // PagerDuty rejects an event without a summary: build it from group labels, never empty.
        description: NOTIFICATION_SUMMARY,
        severity: name === RECEIVERS.page ? "critical" : "warning",
        details: { alerts: ALERT_LINES },
      },
    ];
  }
  if (targets.slackWebhookUrl !== undefined) {
    out.slack_configs = [
      {
        api_url: targets.slackWebhookUrl,
        ...(targets.slackChannel !== undefined ? { channel: targets.slackChannel } : {}),
        send_resolved: true,
        title: NOTIFICATION_SUMMARY,
        text: ALERT_LINES,
      },
    ];
  }
  if (targets.webhookUrl !== undefined) {
    out.webhook_configs = [{ url: targets.webhookUrl, send_resolved: true }];
  }
  return out;
}

/** Alert names are plain identifiers (validated), so they join into a regex without escaping. */
const nameMatcher = (names: readonly string[]) => `alertname =~ "${names.join("|")}"`;

/**
 * The Alertmanager configuration, with no black hole: Watchdog checks in with the external
 * heartbeat; alerts about the alerting pipeline and `severity=page` page; `ticket`, `critical` and
 * `warning` go to the ticket receiver, and so does anything else (`info`, unknown severities) as the
 * root's receiver. Only the names in `silencedAlerts` reach `null`. A paging SLO alert silences the
 * ticket for the same SLO; a critical alert silences its warnings; InfoInhibitor silences lone
 * `info` alerts.
 */
export function alertmanagerConfig(routing: AlertRouting): Record<string, unknown> {
  const sloAlert = `alertname = "${SLO_ALERT_NAME}"`;
  const routes: Record<string, unknown>[] = [
    {
      receiver: RECEIVERS.heartbeat,
      matchers: [`alertname = "${WATCHDOG_ALERT}"`],
      group_by: ["alertname"],
      group_wait: "0s",
      group_interval: HEARTBEAT_REPEAT_INTERVAL,
      repeat_interval: HEARTBEAT_REPEAT_INTERVAL,
    },
    ...(routing.silencedAlerts.length > 0
      ? [{ receiver: RECEIVERS.discard, matchers: [nameMatcher(routing.silencedAlerts)] }]
      : []),
    { receiver: RECEIVERS.page, matchers: [nameMatcher(PIPELINE_ALERTS)], repeat_interval: "1h" },
    { receiver: RECEIVERS.page, matchers: ['severity = "page"'], repeat_interval: "1h" },
    {
      receiver: RECEIVERS.ticket,
      matchers: ['severity =~ "ticket|critical|warning"'],
      repeat_interval: "24h",
    },
  ];
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: RECEIVERS.ticket,
      group_by: [...GROUP_BY],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "24h",
      routes,
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
      {
        source_matchers: ['alertname = "InfoInhibitor"'],
        target_matchers: ['severity = "info"'],
        equal: ["namespace"],
      },
    ],
    receivers: [
      receiver(RECEIVERS.discard, undefined),
      receiver(RECEIVERS.page, routing.page),
      receiver(RECEIVERS.ticket, routing.ticket),
      {
        name: RECEIVERS.heartbeat,
        ...(routing.heartbeatUrl !== undefined
          ? { webhook_configs: [{ url: routing.heartbeatUrl, send_resolved: false }] }
          : {}),
      },
    ],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}
