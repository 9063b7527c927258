import { z } from "zod";
import {
  defineArgs,
  eachItem,
  ALERT_SEVERITIES,
  input,
  isHttpsUrl,
  isKnown,
  kmsDeletionWindowDays,
  kmsKeyAccess,
  kmsKeyArn,
  logRetentionDays,
  matching,
  PLATFORM_LOG_RETENTION_DAYS,
  profileField,
  runbookBaseUrlField,
  show,
  tagsField,
  uniqueBy,
  wholeNumber,
  type ArgsOf,
  type ResolvedArgsOf,
} from "../core";
import { isKubernetesVersion, KUBERNETES_VERSIONS } from "../cluster/versions";
import { burnRateThreshold, burnRateWindows, durationSeconds, fastestBurnRate } from "./burn-rate";
import { MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS, OBSERVABILITY_DEFAULTS } from "./defaults";
import { DEFAULT_SLO_PATH_LABEL, DEFAULT_SLO_WINDOW, WORKLOAD_UNINSTRUMENTED_PATHS } from "./slo";
import { DEFAULT_SILENCED_ALERTS } from "./alertmanager-config";
import { sloSelectorProblem } from "./series-selector";
import { subscriptionKey } from "./subscription-key";

export const DEFAULT_STORAGE_CLASS = "gp3";
/** Alarms on metric math may read at most 10 metrics (a hard CloudWatch limit). */
export const MAX_NAT_GATEWAYS = 10;
export const SUBSCRIPTION_PROTOCOLS = ["email", "https"] as const;
const MIN_SLO_WINDOW_SECONDS = 7 * 86400;

/** The burn-rate factors of an SLO window, for humans: "14.4x, 6x, 3x, 1x". */
function factorList(window: string): string {
  return burnRateWindows(window)
    .map((w) => `${w.burnRate}x`)
    .join(", ");
}

/**
 * What is wrong with a number of NAT gateways for the one port-allocation alarm, if anything; run on
 * a known list before any resource exists, and on an Output list when it resolves.
 */
export function natGatewayCountProblem(count: number): string | undefined {
  return count > MAX_NAT_GATEWAYS
    ? `has ${count} NAT gateways; at most ${MAX_NAT_GATEWAYS} fit in one CloudWatch metric-math alarm`
    : undefined;
}

/** Days of the longest SLO window (0 without SLOs): what Prometheus must keep for the budget to be true. */
export function longestSloWindowDays(slos: readonly { readonly window?: string }[]): number {
  return Math.max(
    0,
    ...slos.map((s) => Math.ceil((durationSeconds(s.window ?? DEFAULT_SLO_WINDOW) ?? 0) / 86400)),
  );
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const RESOURCE_KEY = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,62})$/;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAT_GATEWAY_ID = /^nat-[0-9a-f]{8,17}$/;

const httpsUrl = (message: (v: string) => string) =>
  z.string().refine(isHttpsUrl, { error: (i) => message(i.input as string) });

const positiveCount = (message: (v: number) => string) => wholeNumber(1, Number.MAX_SAFE_INTEGER, message);

/** A PromQL series selector, checked like the SLO selectors (the canary analysis reuses them). */
export function selector(example: string) {
  return z
    .string({
      error: (i) =>
        i.input === undefined ? `is missing; give a PromQL counter selector, e.g. ${example}` : undefined,
    })
    .superRefine((value, ctx) => {
      if (value.trim() === "") {
        ctx.addIssue({
          code: "custom",
          input: value,
          message: `is missing; give a PromQL counter selector, e.g. ${example}`,
        });
      } else {
        const problem = sloSelectorProblem(value);
        if (problem !== undefined)
          ctx.addIssue({
            code: "custom",
            input: value,
            message: `${show(value)} ${problem}; give a metric name with optional {label matchers}, e.g. ${example}`,
          });
      }
    });
}

const receiver = z
  .strictObject({
    pagerDutyRoutingKey: input(
      z.string().refine((v) => v.trim() !== "", {
        error: "is empty; give the Events API v2 routing key of the PagerDuty service",
      }),
    )
      .optional()
      .describe("PagerDuty Events API v2 routing key."),
    slackWebhookUrl: input(
      httpsUrl(() => "is not an https URL; notifications carry alert details and must use TLS"),
    )
      .optional()
      .describe("Slack incoming webhook URL (https)."),
    slackChannel: z.string().optional().describe("Slack channel, when the webhook is not bound to one."),
    webhookUrl: input(
      httpsUrl(() => "is not an https URL; notifications carry alert details and must use TLS"),
    )
      .optional()
      .describe("URL receiving Alertmanager's webhook JSON (https)."),
  })
  .meta({ typeName: "AlertReceiver" });

const slo = z
  .strictObject({
    name: matching(
      DNS_LABEL,
      (v) =>
        `${show(v)} is not a valid SLO name; use 1-63 lowercase letters, digits and "-" (it becomes a label and rule group name)`,
    ).describe("Unique name, a DNS label: the `slo` label and part of every rule group name."),
    service: z
      .string()
      .refine((v) => v.trim() !== "", {
        error: (i) => `${show(i.input)} is not a service name; give the service the SLO belongs to`,
      })
      .describe("The service the SLO protects: the `service` label of every rule and alert."),
    objective: z
      .number({
        error: (i) =>
          i.input === undefined
            ? undefined
            : `${show(i.input)} is outside (0, 100); give the target share of good events in percent, e.g. 99.9`,
      })
      .refine((v) => Number.isFinite(v) && v > 0 && v < 100, {
        error: (i) =>
          `${show(i.input)} is outside (0, 100); give the target share of good events in percent, e.g. 99.9`,
      })
      .describe(
        "Target share of good events in percent, strictly between 0 and 100 (99.9 allows 0.1% bad events).",
      ),
    window: z
      .string()
      .refine(
        (w) => {
          const seconds = /[dw]$/.test(w) ? durationSeconds(w) : undefined;
          return seconds !== undefined && seconds >= MIN_SLO_WINDOW_SECONDS;
        },
        {
          error: (i) =>
            `${show(i.input)} is not an SLO window; give whole days or weeks of at least 7d, e.g. "30d" or "4w"`,
        },
      )
      .default(DEFAULT_SLO_WINDOW)
      .describe(
        `The period the error budget covers, in days or weeks; each alert tier's burn-rate factor derives from it (30d: ${factorList("30d")}; 7d: ${factorList("7d")}).`,
      ),
    availability: z
      .strictObject(
        {
          good: selector('http_requests_total{job="api",code!~"5.."}').describe(
            "Counter selector of good events.",
          ),
          total: selector('http_requests_total{job="api"}').describe("Counter selector of all events."),
        },
        {
          error: (i) =>
            i.input === undefined ? "is missing; give the good and total event selectors" : undefined,
        },
      )
      .meta({ typeName: "AvailabilitySli" })
      .describe("Availability SLI: good events over all events."),
    latency: z
      .strictObject({
        bucket: selector('http_request_duration_seconds_bucket{job="api"}')
          .refine((b) => !/[{,]\s*le\s*(=|!=|=~|!~)/.test(b), {
            error: "already matches on `le`; leave it out, thresholdSeconds selects the bucket",
          })
          .describe("Selector of the histogram's `_bucket` series, without an `le` matcher."),
        thresholdSeconds: z
          .number({
            error: (i) =>
              i.input === undefined
                ? undefined
                : `${show(i.input)} is not a latency; give a bucket bound of the histogram in seconds, e.g. 0.3`,
          })
          .refine((v) => Number.isFinite(v) && v > 0, {
            error: (i) =>
              `${show(i.input)} is not a latency; give a bucket bound of the histogram in seconds, e.g. 0.3`,
          })
          .describe("The latency a request must stay within to count as good, in seconds; a bucket bound."),
        buckets: z
          .array(
            z.number().refine((v) => Number.isFinite(v) && v > 0, {
              error: (i) => `${show(i.input)} is not a bucket bound; give seconds above 0, e.g. 0.25`,
            }),
          )
          .min(1, { error: "is empty; list the histogram's bucket bounds in seconds or leave it out" })
          .optional()
          .describe(
            "The histogram's bucket upper bounds in seconds, as the service declares them; when given, thresholdSeconds must be one of them.",
          ),
      })
      .meta({ typeName: "LatencySli" })
      .optional()
      .describe("Latency SLI: requests served within a threshold over all requests, from a histogram."),
    runbookUrl: httpsUrl((v) => `${show(v)} is not an https URL`)
      .optional()
      .describe("Runbook the alerts link to. Default: `<runbookBaseUrl>/slo-error-budget-burn`."),
    excludePaths: z
      .array(
        matching(
          /^\/[^\s"\\]*$/,
          (v) => `${show(v)} is not an HTTP path; give a path starting with "/", e.g. "/healthz"`,
        ),
      )
      // No schema default: a stack fills in its service's own probe paths when this is absent.
      .optional()
      .describe(
        `Request paths left out of every SLI selector: probe and metrics endpoints, which always succeed and would dilute the error ratio. Default: the paths the AutoscaledService component probes and scrapes by default (${WORKLOAD_UNINSTRUMENTED_PATHS.join(", ")}); in a stack, the SLO's service's own. \`[]\` counts every path.`,
      ),
    pathLabel: matching(
      /^[A-Za-z_][A-Za-z0-9_]*$/,
      (v) => `${show(v)} is not a label name; give the label carrying the request path, e.g. "path"`,
    )
      .default(DEFAULT_SLO_PATH_LABEL)
      .describe("The label of the SLI series that carries the request path, matched by excludePaths."),
  })
  .meta({ typeName: "Slo" });

const OBSERVABILITY_OUTPUTS = z.object({
  alertTopicArn: z
    .string()
    .describe("ARN of the ticket SNS topic: alarms of severity ticket and RDS maintenance events."),
  pageTopicArn: z
    .string()
    .describe(
      "ARN of the page SNS topic: alarms of severity page and RDS failover, failure and low-storage events.",
    ),
  alertTopicKeyArn: z.string().describe("ARN of the customer key encrypting both alert topics."),
  logRetentionDays: z.number().int().describe("Retention of the component's log groups, in days."),
  logGroupNames: z
    .array(z.string())
    .describe("Names of the log groups the component created (Container Insights)."),
  logsKmsKeyArn: z
    .string()
    .optional()
    .describe("ARN of the key encrypting those log groups; absent when Container Insights is off."),
  containerInsightsRoleArn: z.string().optional().describe("ARN of the Container Insights agent's IAM role."),
  dashboardName: z.string(),
  dashboardArn: z.string(),
  alarmArns: z.array(z.string()).describe("ARNs of the component's CloudWatch alarms."),
  monitoringNamespace: z
    .string()
    .optional()
    .describe("Namespace of kube-prometheus-stack; absent when Prometheus is off."),
  sloRuleName: z
    .string()
    .optional()
    .describe("Name of the PrometheusRule holding the SLO rules; absent without SLOs."),
});

/** What the rules know besides the args: whether a Kubernetes provider came in the resource options. */
export type ObservabilityContext = { readonly hasKubernetesProvider: boolean } | undefined;

/** The one definition of the Observability component's arguments. */
export const OBSERVABILITY_ARGS = defineArgs({
  component: "Observability",
  description:
    "Alerting, dashboards and metrics for one environment: an encrypted SNS alert topic, alarms, a CloudWatch dashboard, Container Insights, and kube-prometheus-stack with SLO burn-rate alerting (needs a Kubernetes provider in the resource options unless `prometheus.enabled` is false).",
  schema: (profile) => {
    const defaults = OBSERVABILITY_DEFAULTS[profile];
    return z.strictObject({
      profile: profileField,
      tags: tagsField(),
      kmsKeyAccess: kmsKeyAccess(profile),
      cluster: z
        .strictObject({
          name: input(z.string()).describe("The EKS cluster name."),
          oidcProviderArn: input(z.string()).describe(
            "ARN of the cluster's IAM OIDC provider (for the Container Insights agent's role).",
          ),
          oidcIssuerUrl: input(z.string()).describe("The cluster's OIDC issuer URL."),
          nodeGroups: uniqueBy(
            z.array(
              z
                .strictObject({
                  name: matching(
                    RESOURCE_KEY,
                    (v) => `${show(v)} is not a valid node group name; use 1-63 letters, digits, "-" or "_"`,
                  ).describe("The node group's name; a stable key in alarm names."),
                  autoscalingGroupName: input(z.string()).describe(
                    "Name of the Auto Scaling group behind the node group.",
                  ),
                  maxSize: input(
                    positiveCount((v) => `${show(v)} is not a node count; give a whole number of at least 1`),
                  ).describe("The most nodes the group may run."),
                })
                .meta({ typeName: "ObservedNodeGroup" }),
            ),
            (g) => (g as { name?: unknown } | undefined)?.name,
            (name, first) =>
              `${show(name)} is already used by cluster.nodeGroups[${first}]; names must be unique`,
            "name",
          )
            .default([])
            .describe("Node groups to chart and to alarm on when they reach their maximum size."),
          kubernetesVersion: z
            .string()
            .refine(isKubernetesVersion, {
              error: (i) =>
                `${show(i.input)} is not a Kubernetes version this library supports on EKS; use one of ${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(", ")}`,
            })
            .optional()
            .describe(
              "The cluster's Kubernetes minor version (a row of components/cluster/versions.ts): selects the pinned Container Insights add-on build. Default: the cluster component's default version.",
            ),
        })
        .meta({ typeName: "ObservedCluster" })
        .optional()
        .describe("The EKS cluster: dashboard, node-group alarms, Container Insights."),
      database: z
        .strictObject({
          instanceIdentifier: input(z.string()).describe("The RDS DB instance identifier."),
          allocatedStorageGb: input(
            z.number().refine((v) => Number.isFinite(v) && v > 0, {
              error: (i) =>
                `${show(i.input)} is not a storage size; give the instance's allocated storage in GiB, e.g. 100`,
            }),
          ).describe(
            "Allocated storage in GiB (the dashboard marks 10% of it as the low free-storage line).",
          ),
          instanceClass: input(z.string())
            .optional()
            .describe(
              "The instance class, so the dashboard lists the CPU credit alarm of a burstable (db.t*) class.",
            ),
        })
        .meta({ typeName: "ObservedDatabase" })
        .optional()
        .describe("The RDS instance: dashboard widgets."),
      natGatewayIds: input(
        z.array(
          input(
            matching(
              NAT_GATEWAY_ID,
              (v) =>
                `${show(v)} is not a NAT gateway id; pass the network's NAT gateway ids ("nat-0123456789abcdef0")`,
            ),
          ),
        ),
      )
        .default([])
        .describe(
          `NAT gateway ids (at most ${MAX_NAT_GATEWAYS}), e.g. the network's \`natGatewayIds\` output: dashboard widgets and the port-allocation alarm. A list that is an Output is checked when it resolves; pass \`[]\` (or leave it out) for a network without NAT gateways.`,
        ),
      alertSubscriptions: uniqueBy(
        z.array(
          z
            .strictObject({
              protocol: z
                .enum(SUBSCRIPTION_PROTOCOLS, {
                  error: (i) =>
                    `${show(i.input)} is not allowed; use "email" or "https" (alerts must reach a person or an incident tool)`,
                })
                .meta({ typeName: "SubscriptionProtocol" })
                .describe("`email` or `https`."),
              endpoint: input(z.string()).describe(
                "An email address, or an https URL that confirms the SNS subscription. May be a secret.",
              ),
              key: matching(
                RESOURCE_KEY,
                (v) =>
                  `${show(v)} is not a valid key; use 1-63 letters, digits, "-" or "_", starting with a letter or digit`,
              )
                .optional()
                .describe(
                  "Stable key in the subscription's resource name. Default: a hash of `endpoint` (required when it is not a plain string).",
                ),
              topic: z
                .enum(ALERT_SEVERITIES, {
                  error: (i) =>
                    `${show(i.input)} is not a topic; use "page" (alarms that wake someone up) or "ticket"`,
                })
                .default("ticket")
                .describe(
                  "Which topic the endpoint subscribes to: `page` (alarms of severity page, RDS failover and failure events; https only, e.g. a PagerDuty CloudWatch integration URL) or `ticket`.",
                ),
            })
            .meta({ typeName: "AlertSubscription" }),
        ),
        (s) => {
          const subscription = s as { protocol?: unknown; endpoint?: unknown; key?: unknown } | undefined;
          return subscription && typeof subscription.protocol === "string"
            ? subscriptionKey(subscription as never)
            : undefined;
        },
        (key, first) =>
          `duplicates alertSubscriptions[${first}] (same key ${show(key)}); subscribe each endpoint once`,
      )
        .default([])
        .describe(
          "Email and https subscriptions to the ticket and page alert topics; production needs an https subscription to `page`.",
        ),
      logsKmsKeyArn: kmsKeyArn()
        .optional()
        .describe(
          "ARN of the customer KMS key encrypting the component's log groups (a key ARN, not an alias). Default: a key of the component's own.",
        ),
      logRetentionDays: logRetentionDays()
        .default(PLATFORM_LOG_RETENTION_DAYS[profile])
        .describe("Retention of the component's log groups, in days, one of the values CloudWatch accepts."),
      runbookBaseUrl: runbookBaseUrlField().describe(
        "Base https URL of the runbooks every alarm and alert links to (`<base>/<alert slug>`).",
      ),
      dashboardName: matching(
        DASHBOARD_NAME,
        (v) => `${show(v)} is not a valid dashboard name; use 1-255 letters, digits, "-" or "_"`,
      )
        .optional()
        .describe(
          "CloudWatch dashboard name. Default: the component name, other characters replaced by `-`.",
        ),
      containerInsights: z
        .strictObject({
          enabled: z
            .boolean()
            .optional()
            .describe(
              "Install the amazon-cloudwatch-observability EKS add-on with its IAM role and log groups. Default: true when `cluster` is given.",
            ),
          addonVersion: z
            .string()
            .optional()
            .describe("Add-on version. Default: the version EKS picks for the cluster."),
        })
        .meta({ typeName: "ContainerInsights" })
        .optional()
        .describe("Container Insights (EKS add-on, agent role, log groups)."),
      prometheus: z
        .strictObject({
          enabled: z.boolean().default(true).describe("Install kube-prometheus-stack and the SLO rules."),
          retentionDays: positiveCount((v) => `${show(v)} must be a whole number of at least 1`)
            .default(defaults.prometheus.retentionDays)
            .describe(
              `Days Prometheus keeps samples (production: at least ${MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS}).`,
            ),
          persistent: z
            .boolean()
            .default(defaults.prometheus.persistent)
            .describe(
              "Keep metrics on an EBS volume; false loses them on every restart (not allowed in production).",
            ),
          storageGi: positiveCount((v) => `${show(v)} must be a whole number of at least 1`)
            .default(defaults.prometheus.storageGi)
            .describe("Prometheus volume size, in GiB."),
          storageClassName: z
            .string()
            .refine((v) => v.trim() !== "", {
              error: 'is empty; name an encrypted gp3 StorageClass, e.g. "gp3"',
            })
            .default(DEFAULT_STORAGE_CLASS)
            .describe(
              "StorageClass for Prometheus and Alertmanager volumes; must provision encrypted gp3 EBS.",
            ),
          replicas: positiveCount((v) => `${show(v)} must be a whole number of at least 1`)
            .default(defaults.prometheus.replicas)
            .describe(
              "Prometheus replicas, each scraping every target and evaluating every rule; several are kept in different zones (production: at least 2).",
            ),
          alertmanagerReplicas: positiveCount((v) => `${show(v)} must be a whole number of at least 1`)
            .default(defaults.alertmanager.replicas)
            .describe("Alertmanager replicas (more than one keeps paging through a node loss)."),
          scrapeKubeProxy: z
            .boolean()
            .default(false)
            .describe(
              "Scrape and alert on kube-proxy; only after its metricsBindAddress is 0.0.0.0:10249 (EKS binds 127.0.0.1, so KubeProxyDown would fire forever).",
            ),
        })
        .meta({ typeName: "Prometheus" })
        .prefault({})
        .describe("In-cluster metrics and SLO alerting (kube-prometheus-stack)."),
      alertReceivers: z
        .strictObject({
          page: receiver.optional().describe("Where `severity=page` alerts go (wakes someone up)."),
          ticket: receiver.optional().describe("Where `severity=ticket` alerts go (next working day)."),
          heartbeatUrl: input(
            httpsUrl(
              () =>
                "is not an https URL; give the check-in URL of an external heartbeat monitor (it receives the always-firing Watchdog alert)",
            ),
          )
            .optional()
            .describe(
              "https check-in URL of an external dead man's switch (e.g. a PagerDuty or healthchecks.io heartbeat), called with the Watchdog alert at most every 5 minutes; pages when Prometheus or Alertmanager goes silent. A secret. Required in production.",
            ),
        })
        .meta({ typeName: "AlertReceivers" })
        .default({})
        .describe(
          "Alertmanager receivers; production needs page, ticket and heartbeatUrl. Without them (development only) alerts stay in the Alertmanager UI.",
        ),
      silencedAlerts: z
        .array(
          matching(
            /^[A-Za-z_:][A-Za-z0-9_:]*$/,
            (v) => `${show(v)} is not an alert name; give an alertname such as "InfoInhibitor"`,
          ),
        )
        .default([...DEFAULT_SILENCED_ALERTS])
        .describe(
          "Alert names routed to no one (the only way an alert reaches the `null` receiver). Default: the chart's InfoInhibitor, which exists only to inhibit `info` alerts.",
        ),
      slos: uniqueBy(
        z.array(slo),
        (s) => (s as { name?: unknown } | undefined)?.name,
        (name, first) => `${show(name)} is already used by slos[${first}]; SLO names must be unique`,
        "name",
      )
        .default([])
        .describe("SLOs to generate burn-rate recording and alerting rules for; needs Prometheus."),
    });
  },
  outputs: OBSERVABILITY_OUTPUTS,
}).withRules<ObservabilityContext>([
  {
    path: "prometheus.enabled",
    when: (a, context) => a.prometheus.enabled && context?.hasKubernetesProvider === false,
    message: () =>
      "is on but no Kubernetes provider was given; pass the cluster's provider in the resource options ({ providers: [k8sProvider] }) or set prometheus.enabled: false",
  },
  {
    path: "natGatewayIds",
    when: (a) => isKnown(a.natGatewayIds) && a.natGatewayIds.length > MAX_NAT_GATEWAYS,
    message: (a) => natGatewayCountProblem((a.natGatewayIds as readonly unknown[]).length)!,
  },
  eachItem("alertSubscriptions", (a) => a.alertSubscriptions, [
    {
      path: "endpoint",
      when: ({ item }) => isKnown(item.endpoint) && item.protocol === "email" && !EMAIL.test(item.endpoint),
      message: ({ item }) =>
        `${show(item.endpoint)} is not an email address; give one like "oncall@example.com"`,
    },
    {
      path: "endpoint",
      when: ({ item }) => isKnown(item.endpoint) && item.protocol === "https" && !isHttpsUrl(item.endpoint),
      message: ({ item }) =>
        `${show(item.endpoint)} is not an https URL; SNS must deliver alerts over TLS, e.g. "https://events.example.com/sns"`,
    },
    {
      path: "protocol",
      when: ({ item }) => item.topic === "page" && item.protocol === "email",
      message: () =>
        `is "email" on the page topic; email waits for a manual confirmation and wakes nobody, so page through https (e.g. a PagerDuty CloudWatch integration URL, "https://events.pagerduty.com/integration/<key>/enqueue")`,
    },
    {
      path: "key",
      when: ({ item }) => item.key === undefined && !isKnown(item.endpoint),
      message: () =>
        "is required when the endpoint is a secret or an Output: the key names the subscription resource, and an unknown endpoint cannot be hashed into a stable name",
    },
  ]),
  {
    path: "alertSubscriptions",
    when: (a) =>
      a.profile === "production" &&
      !a.alertSubscriptions.some((sub) => sub.topic === "page" && sub.protocol === "https"),
    message: () =>
      'has no https subscription to the page topic: in production the CloudWatch alarms that mean an outage (database silent or filling up, NAT port exhaustion) and RDS failover and failure events must page; add { protocol: "https", topic: "page", key, endpoint } with a PagerDuty CloudWatch integration URL or an incident webhook (a secret)',
  },
  {
    path: "containerInsights.enabled",
    when: (a) => a.containerInsights?.enabled === true && a.cluster === undefined,
    message: () =>
      "is true but no cluster is given; pass `cluster` (name and OIDC provider) or leave Container Insights off",
  },
  {
    path: "prometheus.retentionDays",
    when: (a) =>
      a.profile === "production" &&
      a.prometheus.enabled &&
      a.prometheus.retentionDays < MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS,
    message: (a) =>
      `${a.prometheus.retentionDays} days is too short for production; keep at least ${MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS} days so incidents can be investigated after the fact`,
  },
  {
    path: "prometheus.replicas",
    when: (a) => a.profile === "production" && a.prometheus.enabled && a.prometheus.replicas < 2,
    message: (a) =>
      `${a.prometheus.replicas} is too few for production: with one Prometheus a node or zone loss silences every alert until it is rescheduled; run at least 2`,
  },
  {
    path: "prometheus.retentionDays",
    when: (a) =>
      a.profile === "production" &&
      a.prometheus.enabled &&
      // Below the production minimum, that rule already speaks for this key.
      a.prometheus.retentionDays >= MIN_PRODUCTION_PROMETHEUS_RETENTION_DAYS &&
      a.prometheus.retentionDays < longestSloWindowDays(a.slos),
    message: (a) =>
      `${a.prometheus.retentionDays} days is shorter than the longest SLO window (${longestSloWindowDays(a.slos)} days); the remaining error budget would be computed from part of the window. Keep at least ${longestSloWindowDays(a.slos)} days (docs/decisions/0011-prometheus-retention.md)`,
  },
  {
    path: "prometheus.persistent",
    when: (a) => a.profile === "production" && a.prometheus.enabled && !a.prometheus.persistent,
    message: () =>
      "is false, but production metrics must survive a pod restart; remove the override (or use the development profile)",
  },
  {
    path: "alertReceivers.page",
    when: (a) => {
      const r = a.alertReceivers.page;
      return (
        r !== undefined &&
        [r.pagerDutyRoutingKey, r.slackWebhookUrl, r.webhookUrl].every((t) => t === undefined)
      );
    },
    message: () =>
      "names no destination; set pagerDutyRoutingKey, slackWebhookUrl or webhookUrl, or remove the receiver",
  },
  {
    path: "alertReceivers.ticket",
    when: (a) => {
      const r = a.alertReceivers.ticket;
      return (
        r !== undefined &&
        [r.pagerDutyRoutingKey, r.slackWebhookUrl, r.webhookUrl].every((t) => t === undefined)
      );
    },
    message: () =>
      "names no destination; set pagerDutyRoutingKey, slackWebhookUrl or webhookUrl, or remove the receiver",
  },
  {
    path: "slos",
    when: (a) => a.slos.length > 0 && !a.prometheus.enabled,
    message: () => "need Prometheus to evaluate their rules; remove prometheus.enabled: false or the SLOs",
  },
  {
    path: "alertReceivers.page",
    when: (a) => a.profile === "production" && a.prometheus.enabled && !a.alertReceivers.page,
    message: () =>
      "is missing: production pages on fast error-budget burn, missing SLO metrics and a failing alerting pipeline, so give a receiver (e.g. pagerDutyRoutingKey)",
  },
  {
    path: "alertReceivers.ticket",
    when: (a) => a.profile === "production" && a.prometheus.enabled && !a.alertReceivers.ticket,
    message: () =>
      "is missing: production sends slow error-budget burn and every warning and critical cluster alert to a ticket queue, so give a receiver (e.g. pagerDutyRoutingKey of a low-urgency service or webhookUrl)",
  },
  {
    path: "alertReceivers.heartbeatUrl",
    when: (a) =>
      a.profile === "production" && a.prometheus.enabled && a.alertReceivers.heartbeatUrl === undefined,
    message: () =>
      "is missing: in production an external heartbeat must notice when Prometheus or Alertmanager stops, so give the https check-in URL of a dead man's switch (as a secret)",
  },
  eachItem("slos", (a) => a.slos, [
    {
      path: "objective",
      // The fastest factor grows with the window (14.4x for 30d, 43.2x for 90d), so the lowest
      // objective that can still page does too.
      when: ({ item }) => burnRateThreshold(item.objective, fastestBurnRate(item.window)) >= 1,
      message: ({ item }) => {
        const fastest = fastestBurnRate(item.window);
        return `${item.objective}% leaves so much error budget that the ${fastest}x burn-rate page of a ${item.window} window could never fire; use an objective above ${(100 - 100 / fastest).toFixed(2)}`;
      },
    },
    {
      path: "latency.thresholdSeconds",
      when: ({ item }) =>
        (item.latency?.buckets?.length ?? 0) > 0 &&
        !item.latency!.buckets!.includes(item.latency!.thresholdSeconds),
      message: ({ item }) =>
        `${item.latency!.thresholdSeconds} is not one of the declared bucket bounds (${item.latency!.buckets!.join(", ")}); no series has that \`le\`, so the latency SLI would have no data and never alert. Use one of the bounds`,
    },
  ]),
]);

/** Observability arguments as a caller writes them. */
export type ObservabilityArgs = ArgsOf<typeof OBSERVABILITY_ARGS>;
/** Observability arguments with every default filled in. */
export type ResolvedObservabilityArgs = ResolvedArgsOf<typeof OBSERVABILITY_ARGS>;
export type ObservedCluster = NonNullable<ObservabilityArgs["cluster"]>;
export type ObservedNodeGroup = NonNullable<ObservedCluster["nodeGroups"]>[number];
export type ObservedDatabase = NonNullable<ObservabilityArgs["database"]>;
export type AlertSubscription = NonNullable<ObservabilityArgs["alertSubscriptions"]>[number];
export type AlertReceiver = NonNullable<NonNullable<ObservabilityArgs["alertReceivers"]>["page"]>;
export type ContainerInsightsArgs = NonNullable<ObservabilityArgs["containerInsights"]>;
export type PrometheusArgs = NonNullable<ObservabilityArgs["prometheus"]>;
export type SloArgs = NonNullable<ObservabilityArgs["slos"]>[number];

/** The one definition of the LogsKey component's arguments. */
export const LOGS_KEY_ARGS = defineArgs({
  component: "LogsKey",
  description:
    "The rotating customer KMS key the platform's log groups are encrypted with; CloudWatch Logs of the region may use it only for log groups of this account and region.",
  schema: (profile) =>
    z.strictObject({
      profile: profileField,
      kmsKeyAccess: kmsKeyAccess(profile),
      kmsKeyDeletionWindowDays: kmsDeletionWindowDays()
        .default(OBSERVABILITY_DEFAULTS[profile].kmsDeletionWindowDays)
        .describe(
          "Waiting period before a deleted key is gone and the logs it encrypts become unreadable, in days (7-30).",
        ),
      logGroupNamePatterns: z
        .array(
          matching(
            /^[A-Za-z0-9_\-/.#*?]{1,512}$/,
            (v) =>
              `${show(v)} is not a log group name pattern; use 1-512 letters, digits, "_", "-", "/", ".", "#" and the wildcards "*" and "?", e.g. "/aws/eks/prod/*"`,
          ),
        )
        .min(1, {
          error:
            'is empty, so no log group could use the key; list log group name patterns (e.g. "/aws/eks/*") or leave it out for every log group',
        })
        .default(["*"])
        .describe(
          "Names of the log groups CloudWatch Logs may use the key for, with `*` and `?` wildcards; always of this account and region.",
        ),
      aliasName: z
        .string()
        .superRefine((alias, ctx) => {
          if (!/^alias\/[A-Za-z0-9/_-]{1,250}$/.test(alias)) {
            ctx.addIssue({
              code: "custom",
              input: alias,
              message: `${show(alias)} is not a KMS alias name; use "alias/" followed by letters, digits, "/", "_" or "-", e.g. "alias/platform/logs"`,
            });
          } else if (alias.toLowerCase().startsWith("alias/aws/")) {
            ctx.addIssue({
              code: "custom",
              input: alias,
              message: `${show(alias)} is under "alias/aws/", which AWS reserves for its own keys; choose another prefix`,
            });
          }
        })
        .optional()
        .describe(
          "The key's alias (`alias/...`, not under `alias/aws/`). Default: `alias/logs/<component name>`.",
        ),
      tags: tagsField(),
    }),
  outputs: z.object({ keyArn: z.string().describe("ARN of the key, what a log group's `kmsKeyId` takes.") }),
}).withRules([]);

/** LogsKey arguments as a caller writes them. */
export type LogsKeyArgs = ArgsOf<typeof LOGS_KEY_ARGS>;
