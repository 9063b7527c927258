import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InfraValidationError } from "../components/core";
import { driftConfigSchema } from "../infra/drift/config-schema";
import { configIssues } from "./config-issues";
import { DEPLOY_RUNNERS, resolveDelivery } from "./delivery";
import { PROFILE_NAMES, PROFILES } from "./profiles";

/** The config namespace of this project: every key is `infra:<key>`. */
export const CONFIG_NAMESPACE = "infra";

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const tags = z
  .record(
    z.string().regex(TAG_KEY, "AWS tag keys are 1-128 letters, digits, spaces and _.:/=+-@"),
    z.string().max(256),
  )
  .refine(
    (t) => !Object.keys(t).some((k) => k.toLowerCase().startsWith("aws:")),
    "tag keys starting with aws: are reserved",
  );

const network = z.strictObject({
  cidrBlock: z.string().describe("The VPC's IPv4 range, e.g. `10.10.0.0/16`; environments must not overlap."),
  availabilityZoneCount: z
    .number()
    .int()
    .min(1)
    .max(6)
    .optional()
    .describe("Availability zones to spread subnets over."),
  natGateways: z
    .enum(["none", "single", "perAz"])
    .optional()
    .describe("NAT gateways: none, one shared, or one per zone (no cross-zone dependency)."),
  interfaceEndpoints: z
    .array(z.string())
    .optional()
    .describe("AWS services reached through interface endpoints, by short name (`ecr.api`, `sts`, ...)."),
});

const nodeGroup = z.strictObject({
  name: z.string().describe("Stable key of the group; part of its AWS names (a rename replaces the group)."),
  instanceTypes: z
    .array(z.string())
    .describe("EC2 instance types, first preferred, all of one CPU architecture."),
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).optional().describe("How capacity is bought."),
  minSize: z.number().int().describe("Fewest nodes."),
  desiredSize: z
    .number()
    .int()
    .optional()
    .describe("Nodes at creation; an autoscaler owns the count afterwards."),
  maxSize: z.number().int().describe("Most nodes."),
  labels: z.record(z.string(), z.string()).optional().describe("Kubernetes labels on every node."),
  taints: z
    .array(
      z.strictObject({
        key: z.string().describe("Taint key."),
        value: z.string().optional().describe("Taint value."),
        effect: z
          .enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"])
          .describe("What happens to pods that do not tolerate it."),
      }),
    )
    .optional()
    .describe("Kubernetes taints on every node."),
});

const cluster = z.strictObject({
  version: z
    .string()
    .optional()
    .describe("Kubernetes minor version, one EKS supports (see components/cluster/versions.ts)."),
  nodeGroups: z.array(nodeGroup).optional().describe("Managed node groups; replaces the profile's list."),
  endpointPublicAccess: z
    .boolean()
    .optional()
    .describe(
      "Also serve the API publicly, only to `publicAccessCidrs` (the private endpoint is always on).",
    ),
  publicAccessCidrs: z
    .array(z.string())
    .optional()
    .describe("IPv4 ranges allowed to reach the public API endpoint."),
  adminRoleArns: z
    .array(z.string())
    .optional()
    .describe("IAM roles given cluster-admin through EKS access entries (include the deploying role)."),
  readOnlyRoleArns: z
    .array(z.string())
    .optional()
    .describe(
      "IAM roles given read access to every Kubernetes object, Secrets included (`AmazonEKSAdminViewPolicy`): the pipeline's read-only role, for preview and refresh.",
    ),
});

const database = z.strictObject({
  engineVersion: z
    .string()
    .describe("PostgreSQL version RDS offers, e.g. `17` or `17.6`; pinned, never implied."),
  instanceClass: z.string().optional().describe("RDS instance class, `db.<family>.<size>`."),
  allocatedStorageGb: z.number().int().optional().describe("Initial gp3 storage in GiB (20-65536)."),
  maxAllocatedStorageGb: z.number().int().optional().describe("Storage autoscaling ceiling in GiB."),
  multiAz: z.boolean().optional().describe("A standby in another zone with automatic failover."),
  backupRetentionDays: z
    .number()
    .int()
    .optional()
    .describe("Days automated backups are kept (0-35; production at least 7)."),
  upgradeFromMajorVersion: z
    .number()
    .int()
    .optional()
    .describe("Set only for the deployment that raises `engineVersion`'s major: the major it runs now."),
  backupWindow: z.string().optional().describe("Daily backup window, `hh24:mi-hh24:mi` UTC."),
  maintenanceWindow: z
    .string()
    .optional()
    .describe("Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC."),
});

const receiver = z.strictObject({
  pagerDutyRoutingKey: z
    .string()
    .optional()
    .describe("PagerDuty Events API v2 routing key (set with --secret)."),
  slackWebhookUrl: z.string().optional().describe("Slack incoming webhook URL (set with --secret)."),
  slackChannel: z.string().optional().describe("Slack channel, when the webhook is not bound to one."),
  webhookUrl: z
    .string()
    .optional()
    .describe("https URL receiving Alertmanager's webhook JSON (set with --secret)."),
});

const slo = z.strictObject({
  name: z.string().describe("Unique DNS label naming the SLO's rules and alerts."),
  service: z.string().describe("The service it protects, one of `infra:services[].name`."),
  objective: z.number().describe("Target share of good events in percent, e.g. 99.9."),
  window: z.string().optional().describe("Error budget period, e.g. `30d`."),
  availability: z
    .strictObject({
      good: z.string().describe("PromQL counter selector of good events."),
      total: z.string().describe("PromQL counter selector of all events."),
    })
    .describe("Availability SLI: good events over all events."),
  latency: z
    .strictObject({
      bucket: z.string().describe("Histogram `_bucket` selector, without `le`."),
      thresholdSeconds: z.number().describe("A bucket bound in seconds."),
    })
    .optional()
    .describe("Latency SLI: requests within the threshold over all requests."),
});

const observability = z.strictObject({
  alertEmails: z.array(z.string()).optional().describe("Email addresses subscribed to the alert topic."),
  alertWebhooks: z
    .array(
      z.strictObject({
        key: z.string().describe("Stable key naming the subscription."),
        url: z.string().describe("https endpoint that confirms the SNS subscription."),
      }),
    )
    .optional()
    .describe(
      "https endpoints subscribed to the alert topic, each with a stable key (URLs set with --secret).",
    ),
  logRetentionDays: z
    .number()
    .int()
    .optional()
    .describe("Days every platform log group keeps logs (flow logs, EKS control plane, Container Insights)."),
  runbookBaseUrl: z.string().optional().describe("Base URL of the runbooks every alarm and alert links to."),
  containerInsights: z
    .boolean()
    .optional()
    .describe("Install the CloudWatch Observability add-on (Container Insights)."),
  prometheus: z
    .strictObject({
      enabled: z.boolean().optional().describe("Install kube-prometheus-stack and the SLO rules."),
      retentionDays: z.number().int().optional().describe("Days Prometheus keeps samples."),
      persistent: z.boolean().optional().describe("Keep metrics on an encrypted gp3 volume."),
      storageGi: z.number().int().optional().describe("Prometheus volume size in GiB."),
    })
    .optional(),
  alertReceivers: z
    .strictObject({
      page: receiver.optional().describe("Where `severity=page` alerts go (wakes someone up)."),
      ticket: receiver.optional().describe("Where `severity=ticket` alerts go (next working day)."),
    })
    .optional(),
  slos: z.array(slo).optional().describe("SLOs with multi-window, multi-burn-rate alerts."),
});

const quantities = z.strictObject({
  request: z.string().describe("What the scheduler reserves."),
  limit: z.string().describe("The ceiling, at least the request."),
});

const probe = z.strictObject({
  enabled: z.boolean().optional().describe("`false` runs without this probe."),
  path: z.string().optional().describe("HTTP path."),
  initialDelaySeconds: z.number().int().optional().describe("Seconds before the first probe."),
  periodSeconds: z.number().int().optional().describe("Seconds between probes."),
  failureThreshold: z.number().int().optional().describe("Failures before the probe fails."),
});

const service = z.strictObject({
  name: z.string().describe("DNS label naming the Deployment, Service and autoscaler."),
  image: z.string().describe("Image with a tag or digest; no `:latest`, no mutable tag in production."),
  port: z.number().int().optional().describe("Container port."),
  cpu: quantities.describe("CPU request and limit, e.g. `{ request: 250m, limit: 500m }`."),
  memory: quantities.describe("Memory request and limit, e.g. `{ request: 128Mi, limit: 256Mi }`."),
  minReplicas: z.number().int().optional().describe("Fewest pods the autoscaler keeps."),
  maxReplicas: z.number().int().optional().describe("Most pods the autoscaler runs."),
  targetCpuUtilization: z
    .number()
    .int()
    .optional()
    .describe("Average CPU utilisation the autoscaler aims for, percent."),
  namespace: z
    .string()
    .optional()
    .describe("Namespace, created for the service; defaults to the service name."),
  env: z.record(z.string(), z.string()).optional().describe("Literal, non-secret environment variables."),
  runAsUser: z.number().int().optional().describe("UID to run as, for images whose user is not numeric."),
  metrics: z
    .strictObject({
      path: z.string().optional().describe("Metrics endpoint path on the container port."),
      interval: z.string().optional().describe("Scrape interval, a Prometheus duration."),
    })
    .optional()
    .describe("Let Prometheus scrape the service (needed for its SLOs)."),
  probes: z
    .strictObject({ startup: probe.optional(), readiness: probe.optional(), liveness: probe.optional() })
    .optional()
    .describe("Probe overrides (path, timings, or `enabled: false`)."),
});

export const deliveryConfigSchema = z.strictObject({
  runner: z
    .enum(DEPLOY_RUNNERS)
    .optional()
    .describe(
      "Where the pipeline's jobs for this stack run: `codebuild` (a runner in the private subnets, created by the stack), `self-hosted` (your runners, reaching the public endpoint from `infra:cluster.publicAccessCidrs`), `github-hosted` (cannot reach a cluster).",
    ),
  repository: z
    .string()
    .optional()
    .describe("GitHub repository `owner/name` whose workflow jobs the `codebuild` runner takes."),
  connectionArn: z
    .string()
    .optional()
    .describe(
      "ARN of the AWS CodeConnections connection to GitHub the `codebuild` runner uses (authorised once in the console).",
    ),
  selfHostedLabels: z
    .array(z.string())
    .optional()
    .describe("`runs-on` labels, after `self-hosted`, of the runners that deploy this stack."),
  environment: z
    .string()
    .optional()
    .describe("GitHub environment the deploy runs in (its reviewers gate it); defaults to the stack name."),
  order: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Deploy wave: lower deploys first, one wave in stack-name order; development 1, production 2."),
});

/**
 * The `infra:` namespace of `Pulumi.<stack>.yaml`. Keys not listed here are errors. Defaults come
 * from the profile (`stacks/profiles.ts`); the README's config reference is generated from this
 * schema (`npm run docs:config`).
 */
export const configSchema = z.strictObject({
  profile: z
    .enum(PROFILE_NAMES)
    .describe("Selects every default below: `development` is cheaper, `production` is safe."),
  tags: tags.optional().describe("Extra tags on every taggable AWS resource."),
  network: network.describe("The VPC."),
  cluster: cluster.optional().describe("The EKS cluster."),
  database: database.optional().describe("The PostgreSQL database; leave out for none."),
  observability: observability.optional().describe("Alerting, dashboards and in-cluster metrics."),
  services: z.array(service).optional().describe("Autoscaled services deployed on the cluster."),
  delivery: deliveryConfigSchema.optional().describe("How the pipeline reaches and deploys this stack."),
  drift: driftConfigSchema
    .optional()
    .describe("The nightly drift check (`infra drift`); not used by the program."),
});

export type StackConfigInput = z.input<typeof configSchema>;

/** Fills what the config leaves out from its profile. */
export function resolveConfig(config: z.output<typeof configSchema>, environment: string) {
  const defaults = PROFILES[config.profile];
  const observability = config.observability ?? {};
  return {
    profile: config.profile,
    /** The stack name: dev, prod, ... */
    environment,
    tags: { ...(config.tags ?? {}) },
    network: { ...defaults.network, ...config.network },
    cluster: { ...defaults.cluster, ...config.cluster },
    database: config.database ? { ...defaults.database, ...config.database } : undefined,
    observability: {
      ...defaults.observability,
      ...observability,
      prometheus: { ...defaults.observability.prometheus, ...observability.prometheus },
    },
    services: (config.services ?? []).map((s) => ({ ...defaults.services, ...s })),
    delivery: resolveDelivery(environment, config.profile, config.delivery),
  };
}

/** The validated config of one environment, with the profile's defaults filled in. */
export type EnvironmentConfig = ReturnType<typeof resolveConfig>;

/**
 * Validates raw `infra:` config (keys without the namespace, structured values already parsed) and
 * applies the profile defaults. Throws one InfraValidationError naming every problem by its config
 * path.
 */
export function parseEnvironmentConfig(raw: Record<string, unknown>, environment: string): EnvironmentConfig {
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new InfraValidationError(
      `invalid configuration for stack "${environment}"`,
      configIssues(CONFIG_NAMESPACE, configSchema, parsed.error),
    );
  }
  return resolveConfig(parsed.data, environment);
}

/** Structured values arrive as JSON strings; scalars stay strings. */
function decode(value: string): unknown {
  const trimmed = value.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** This stack's `infra:` config as the engine passes it, structured values decoded. */
export function readRawConfig(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decode(value);
  }
  return raw;
}
