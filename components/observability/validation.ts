import * as pulumi from "@pulumi/pulumi";
import { checkLogGroupSettings, checkProfile, IssueCollector, show, type ValidationIssue } from "../core";
import type { AlertReceiver, AlertSubscription, ObservabilityArgs } from "./args";
import { burnRateThreshold, durationSeconds, FASTEST_BURN_RATE } from "./burn-rate";
import { MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS } from "./defaults";
import type { SloSpec } from "./slo";
import { subscriptionKey } from "./subscription-key";

/** Alarms on metric math may read at most 10 metrics (a hard CloudWatch limit). */
export const MAX_NAT_GATEWAYS = 10;
export const SUBSCRIPTION_PROTOCOLS = ["email", "https"] as const;
const MIN_SLO_WINDOW_SECONDS = 7 * 86400;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const RESOURCE_KEY = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,62})$/;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAT_GATEWAY_ID = /^nat-[0-9a-f]{8,17}$/;
/** A KMS key ARN (single- or multi-Region key); CloudWatch Logs accepts neither key ids nor aliases. */
/** A metric name with optional matchers, or matchers alone: what `rate(<selector>[5m])` accepts. */
const SERIES_SELECTOR = /^(?:[A-Za-z_:][A-Za-z0-9_:]*(?:\{[^{}]*\})?|\{[^{}]*[^{}\s][^{}]*\})$/;

/** Whether a value is known now (not an Output or a promise), so it can be checked at construction. */
function isPlain<T>(value: pulumi.Input<T> | undefined): value is T {
  return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

function checkSubscriptions(issues: IssueCollector, subscriptions: readonly AlertSubscription[]): void {
  const firstByKey = new Map<string, number>();
  subscriptions.forEach((subscription, i) => {
    const at = `alertSubscriptions[${i}]`;
    const protocolOk = issues.check(
      (SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(subscription.protocol),
      `${at}.protocol`,
      `${show(subscription.protocol)} is not allowed; use "email" or "https" (alerts must reach a person or an incident tool)`,
    );
    const endpoint = subscription.endpoint;
    if (protocolOk && isPlain(endpoint)) {
      if (subscription.protocol === "email") {
        issues.check(
          EMAIL.test(endpoint),
          `${at}.endpoint`,
          `${show(endpoint)} is not an email address; give one like "oncall@example.com"`,
        );
      } else {
        issues.check(
          isHttpsUrl(endpoint),
          `${at}.endpoint`,
          `${show(endpoint)} is not an https URL; SNS must deliver alerts over TLS, e.g. "https://events.example.com/sns"`,
        );
      }
    }
    if (subscription.key !== undefined) {
      issues.check(
        RESOURCE_KEY.test(subscription.key),
        `${at}.key`,
        `${show(subscription.key)} is not a valid key; use 1-63 letters, digits, "-" or "_", starting with a letter or digit`,
      );
    } else if (!isPlain(endpoint)) {
      issues.add(
        `${at}.key`,
        "is required when the endpoint is a secret or an Output: the key names the subscription resource, and an unknown endpoint cannot be hashed into a stable name",
      );
    }
    const key = subscriptionKey(subscription);
    if (key === undefined) return;
    const first = firstByKey.get(key);
    if (first !== undefined) {
      issues.add(
        at,
        `duplicates alertSubscriptions[${first}] (same key ${show(key)}); subscribe each endpoint once`,
      );
    } else {
      firstByKey.set(key, i);
    }
  });
}

function checkCluster(issues: IssueCollector, args: ObservabilityArgs): void {
  const firstByName = new Map<string, number>();
  (args.cluster?.nodeGroups ?? []).forEach((group, i) => {
    const at = `cluster.nodeGroups[${i}]`;
    if (
      issues.check(
        RESOURCE_KEY.test(group.name),
        `${at}.name`,
        `${show(group.name)} is not a valid node group name; use 1-63 letters, digits, "-" or "_"`,
      )
    ) {
      const first = firstByName.get(group.name);
      if (first !== undefined) {
        issues.add(
          `${at}.name`,
          `${show(group.name)} is already used by cluster.nodeGroups[${first}]; names must be unique`,
        );
      } else {
        firstByName.set(group.name, i);
      }
    }
    if (isPlain(group.maxSize)) {
      issues.check(
        isPositiveInteger(group.maxSize),
        `${at}.maxSize`,
        `${show(group.maxSize)} is not a node count; give a whole number of at least 1`,
      );
    }
  });
  if (args.containerInsights?.enabled === true && args.cluster === undefined) {
    issues.add(
      "containerInsights.enabled",
      "is true but no cluster is given; pass `cluster` (name and OIDC provider) or leave Container Insights off",
    );
  }
}

function checkAwsTargets(issues: IssueCollector, args: ObservabilityArgs): void {
  const storage = args.database?.allocatedStorageGb;
  if (isPlain(storage)) {
    issues.check(
      Number.isFinite(storage) && storage > 0,
      "database.allocatedStorageGb",
      `${show(storage)} is not a storage size; give the instance's allocated storage in GiB, e.g. 100`,
    );
  }
  const natGatewayIds = args.natGatewayIds ?? [];
  issues.check(
    natGatewayIds.length <= MAX_NAT_GATEWAYS,
    "natGatewayIds",
    `has ${natGatewayIds.length} NAT gateways; at most ${MAX_NAT_GATEWAYS} fit in one CloudWatch metric-math alarm`,
  );
  natGatewayIds.forEach((id, i) => {
    if (isPlain(id)) {
      issues.check(
        NAT_GATEWAY_ID.test(id),
        `natGatewayIds[${i}]`,
        `${show(id)} is not a NAT gateway id; pass the network's NAT gateway ids ("nat-0123456789abcdef0")`,
      );
    }
  });
  checkLogGroupSettings(
    issues,
    { retentionDays: args.logRetentionDays, kmsKeyArn: args.logsKmsKeyArn },
    { retentionDays: "logRetentionDays", kmsKeyArn: "logsKmsKeyArn" },
  );
  if (args.runbookBaseUrl !== undefined) {
    issues.check(
      isHttpsUrl(args.runbookBaseUrl),
      "runbookBaseUrl",
      `${show(args.runbookBaseUrl)} is not an https URL; give the base of the runbook site, e.g. "https://runbooks.example.com/infra"`,
    );
  }
  if (args.dashboardName !== undefined) {
    issues.check(
      DASHBOARD_NAME.test(args.dashboardName),
      "dashboardName",
      `${show(args.dashboardName)} is not a valid dashboard name; use 1-255 letters, digits, "-" or "_"`,
    );
  }
}

function checkReceiver(issues: IssueCollector, at: string, receiver: AlertReceiver): void {
  const targets = [receiver.pagerDutyRoutingKey, receiver.slackWebhookUrl, receiver.webhookUrl];
  issues.check(
    targets.some((t) => t !== undefined),
    at,
    "names no destination; set pagerDutyRoutingKey, slackWebhookUrl or webhookUrl, or remove the receiver",
  );
  if (isPlain(receiver.pagerDutyRoutingKey)) {
    issues.check(
      receiver.pagerDutyRoutingKey.trim() !== "",
      `${at}.pagerDutyRoutingKey`,
      "is empty; give the Events API v2 routing key of the PagerDuty service",
    );
  }
  for (const field of ["slackWebhookUrl", "webhookUrl"] as const) {
    const url = receiver[field];
    if (isPlain(url)) {
      issues.check(
        isHttpsUrl(url),
        `${at}.${field}`,
        "is not an https URL; notifications carry alert details and must use TLS",
      );
    }
  }
}

function checkPrometheus(issues: IssueCollector, args: ObservabilityArgs): void {
  const prometheus = args.prometheus ?? {};
  const production = (args.profile ?? "production") === "production";
  for (const field of ["retentionDays", "storageGi", "alertmanagerReplicas"] as const) {
    const value = prometheus[field];
    if (value !== undefined) {
      issues.check(
        isPositiveInteger(value),
        `prometheus.${field}`,
        `${show(value)} must be a whole number of at least 1`,
      );
    }
  }
  if (production && prometheus.enabled !== false) {
    const retention = prometheus.retentionDays;
    if (retention !== undefined) {
      issues.check(
        retention >= MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS,
        "prometheus.retentionDays",
        `${retention} days is too short for production; keep at least ${MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS} days so incidents can be investigated after the fact`,
      );
    }
    issues.check(
      prometheus.persistent !== false,
      "prometheus.persistent",
      "is false, but production metrics must survive a pod restart; remove the override (or use the development profile)",
    );
  }
  if (prometheus.storageClassName !== undefined) {
    issues.check(
      prometheus.storageClassName.trim() !== "",
      "prometheus.storageClassName",
      'is empty; name an encrypted gp3 StorageClass, e.g. "gp3"',
    );
  }
  const receivers = args.alertReceivers ?? {};
  if (receivers.page) checkReceiver(issues, "alertReceivers.page", receivers.page);
  if (receivers.ticket) checkReceiver(issues, "alertReceivers.ticket", receivers.ticket);
  const slos = args.slos ?? [];
  if (slos.length > 0 && prometheus.enabled === false) {
    issues.add(
      "slos",
      "need Prometheus to evaluate their rules; remove prometheus.enabled: false or the SLOs",
    );
  }
  if (slos.length > 0 && production && prometheus.enabled !== false && !receivers.page) {
    issues.add(
      "alertReceivers.page",
      "is missing: production SLOs page on fast error-budget burn, so give a receiver (e.g. pagerDutyRoutingKey)",
    );
  }
}

function checkSelector(issues: IssueCollector, path: string, selector: unknown, example: string): void {
  if (typeof selector !== "string" || selector.trim() === "") {
    issues.add(path, `is missing; give a PromQL counter selector, e.g. ${example}`);
    return;
  }
  issues.check(
    SERIES_SELECTOR.test(selector.trim()),
    path,
    `${show(selector)} is not a series selector; give a metric name with optional {label matchers}, e.g. ${example}`,
  );
}

function checkSlo(issues: IssueCollector, slo: SloSpec, at: string): void {
  issues.check(
    typeof slo.service === "string" && slo.service.trim() !== "",
    `${at}.service`,
    `${show(slo.service)} is not a service name; give the service the SLO belongs to`,
  );
  const objective = slo.objective;
  if (
    issues.check(
      typeof objective === "number" && Number.isFinite(objective) && objective > 0 && objective < 100,
      `${at}.objective`,
      `${show(objective)} is outside (0, 100); give the target share of good events in percent, e.g. 99.9`,
    )
  ) {
    issues.check(
      burnRateThreshold(objective, FASTEST_BURN_RATE) < 1,
      `${at}.objective`,
      `${objective}% leaves so much error budget that the ${FASTEST_BURN_RATE}x burn-rate page could never fire; use an objective above ${(100 - 100 / FASTEST_BURN_RATE).toFixed(2)}`,
    );
  }
  if (slo.window !== undefined) {
    const seconds = /[dw]$/.test(slo.window) ? durationSeconds(slo.window) : undefined;
    issues.check(
      seconds !== undefined && seconds >= MIN_SLO_WINDOW_SECONDS,
      `${at}.window`,
      `${show(slo.window)} is not an SLO window; give whole days or weeks of at least 7d, e.g. "30d" or "4w"`,
    );
  }
  if (
    issues.check(
      typeof slo.availability === "object" && slo.availability !== null,
      `${at}.availability`,
      "is missing; give the good and total event selectors",
    )
  ) {
    checkSelector(
      issues,
      `${at}.availability.good`,
      slo.availability.good,
      'http_requests_total{job="api",code!~"5.."}',
    );
    checkSelector(
      issues,
      `${at}.availability.total`,
      slo.availability.total,
      'http_requests_total{job="api"}',
    );
  }
  if (slo.latency) {
    const bucketPath = `${at}.latency.bucket`;
    checkSelector(issues, bucketPath, slo.latency.bucket, 'http_request_duration_seconds_bucket{job="api"}');
    if (typeof slo.latency.bucket === "string") {
      issues.check(
        !/[{,]\s*le\s*(=|!=|=~|!~)/.test(slo.latency.bucket),
        bucketPath,
        "already matches on `le`; leave it out, thresholdSeconds selects the bucket",
      );
    }
    const threshold = slo.latency.thresholdSeconds;
    issues.check(
      typeof threshold === "number" && Number.isFinite(threshold) && threshold > 0,
      `${at}.latency.thresholdSeconds`,
      `${show(threshold)} is not a latency; give a bucket bound of the histogram in seconds, e.g. 0.3`,
    );
  }
  if (slo.runbookUrl !== undefined) {
    issues.check(
      isHttpsUrl(slo.runbookUrl),
      `${at}.runbookUrl`,
      `${show(slo.runbookUrl)} is not an https URL`,
    );
  }
}

function checkSlos(issues: IssueCollector, slos: readonly SloSpec[]): void {
  const firstByName = new Map<string, number>();
  slos.forEach((slo, i) => {
    const at = `slos[${i}]`;
    if (
      issues.check(
        typeof slo.name === "string" && DNS_LABEL.test(slo.name),
        `${at}.name`,
        `${show(slo.name)} is not a valid SLO name; use 1-63 lowercase letters, digits and "-" (it becomes a label and rule group name)`,
      )
    ) {
      const first = firstByName.get(slo.name);
      if (first !== undefined) {
        issues.add(
          `${at}.name`,
          `${show(slo.name)} is already used by slos[${first}]; SLO names must be unique`,
        );
      } else {
        firstByName.set(slo.name, i);
      }
    }
    checkSlo(issues, slo, at);
  });
}

/** Every problem with Observability arguments, each with its arg path; empty when they are valid. */
export function validateObservabilityArgs(args: ObservabilityArgs): ValidationIssue[] {
  const issues = new IssueCollector();
  checkProfile(issues, args.profile);
  checkAwsTargets(issues, args);
  checkSubscriptions(issues, args.alertSubscriptions ?? []);
  checkCluster(issues, args);
  checkPrometheus(issues, args);
  checkSlos(issues, args.slos ?? []);
  return [...issues.issues];
}
