import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CLUSTER_ARGS } from "../components/cluster";
import { POSTGRES_ARGS } from "../components/database";
import { NETWORK_ARGS } from "../components/network";
import { OBSERVABILITY_ARGS } from "../components/observability";
import { AUTOSCALED_SERVICE_ARGS } from "../components/workload";
import {
  ALERT_SEVERITIES,
  configField,
  configObjectField,
  InfraValidationError,
  requiredConfigField,
} from "../components/core";
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
  cidrBlock: requiredConfigField(
    NETWORK_ARGS,
    "cidrBlock",
    "The VPC's IPv4 range, e.g. `10.10.0.0/16`; environments must not overlap.",
  ),
  availabilityZoneCount: z
    .number()
    .int()
    .min(1)
    .max(6)
    .optional()
    .describe("Availability zones to spread subnets over."),
  natGateways: configField(
    NETWORK_ARGS,
    "natGateways",
    "NAT gateways: none, one shared, or one per zone (no cross-zone dependency).",
  ),
  interfaceEndpoints: configField(
    NETWORK_ARGS,
    "interfaceEndpoints",
    "AWS services reached through interface endpoints, by short name (`ecr.api`, `sts`, ...).",
  ),
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
  version: configField(
    CLUSTER_ARGS,
    "version",
    "Kubernetes minor version, one EKS supports (see components/cluster/versions.ts).",
  ),
  nodeGroups: z.array(nodeGroup).optional().describe("Managed node groups; replaces the profile's list."),
  endpointPublicAccess: configField(
    CLUSTER_ARGS,
    "endpointPublicAccess",
    "Also serve the API publicly, only to `publicAccessCidrs` (the private endpoint is always on).",
  ),
  publicAccessCidrs: configField(
    CLUSTER_ARGS,
    "publicAccessCidrs",
    "IPv4 ranges allowed to reach the public API endpoint.",
  ),
  adminRoleArns: configField(
    CLUSTER_ARGS,
    "adminRoleArns",
    "IAM roles given cluster-admin through EKS access entries (include the deploying role).",
  ),
  readOnlyRoleArns: configField(
    CLUSTER_ARGS,
    "readOnlyRoleArns",
    "IAM roles given read access to every Kubernetes object, Secrets included (`AmazonEKSAdminViewPolicy`): the pipeline's read-only role, for preview and refresh.",
  ),
  autoscaling: configObjectField(
    CLUSTER_ARGS,
    "autoscaling",
    "Node autoscaling with Karpenter (its default NodePool); each field left out keeps the profile's default.",
  ),
});

const database = z.strictObject({
  engineVersion: requiredConfigField(POSTGRES_ARGS, "engineVersion"),
  instanceClass: configField(POSTGRES_ARGS, "instanceClass"),
  allocatedStorageGb: configField(POSTGRES_ARGS, "allocatedStorageGb"),
  maxAllocatedStorageGb: configField(POSTGRES_ARGS, "maxAllocatedStorageGb"),
  multiAz: configField(POSTGRES_ARGS, "multiAz"),
  backupRetentionDays: configField(POSTGRES_ARGS, "backupRetentionDays"),
  upgradeFromMajorVersion: configField(POSTGRES_ARGS, "upgradeFromMajorVersion"),
  backupWindow: configField(POSTGRES_ARGS, "backupWindow"),
  maintenanceWindow: configField(POSTGRES_ARGS, "maintenanceWindow"),
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

const observability = z.strictObject({
  alertEmails: z
    .array(z.string())
    .optional()
    .describe("Email addresses subscribed to the ticket alert topic."),
  alertWebhooks: z
    .array(
      z.strictObject({
        key: z.string().describe("Stable key naming the subscription."),
        url: z
          .string()
          .describe(
            "https endpoint that confirms the SNS subscription, e.g. a PagerDuty CloudWatch integration URL (set with --secret).",
          ),
        topic: z
          .enum(ALERT_SEVERITIES)
          .optional()
          .describe("`page` or `ticket` (default): the alert topic the endpoint subscribes to."),
      }),
    )
    .optional()
    .describe(
      "https endpoints subscribed to the alert topics, each with a stable key (URLs set with --secret); production needs one on `page`.",
    ),
  logRetentionDays: configField(
    OBSERVABILITY_ARGS,
    "logRetentionDays",
    "Days every platform log group keeps logs (flow logs, EKS control plane, Container Insights).",
  ),
  runbookBaseUrl: configField(OBSERVABILITY_ARGS, "runbookBaseUrl"),
  containerInsights: z
    .boolean()
    .optional()
    .describe("Install the CloudWatch Observability add-on (Container Insights)."),
  prometheus: z
    .strictObject({
      enabled: z.boolean().optional().describe("Install kube-prometheus-stack and the SLO rules."),
      retentionDays: z.number().int().optional().describe("Days Prometheus keeps samples."),
      replicas: z
        .number()
        .int()
        .optional()
        .describe("Prometheus replicas, kept in different zones (production: at least 2)."),
      persistent: z.boolean().optional().describe("Keep metrics on an encrypted gp3 volume."),
      storageGi: z.number().int().optional().describe("Prometheus volume size in GiB."),
    })
    .optional(),
  alertReceivers: z
    .strictObject({
      page: receiver.optional().describe("Where `severity=page` alerts go (wakes someone up)."),
      ticket: receiver.optional().describe("Where `severity=ticket` alerts go (next working day)."),
      heartbeatUrl: z
        .string()
        .optional()
        .describe("https check-in URL of an external dead man's switch (set with --secret)."),
    })
    .optional()
    .describe("Alertmanager receivers; production needs page, ticket and heartbeatUrl."),
  silencedAlerts: configField(OBSERVABILITY_ARGS, "silencedAlerts"),
  slos: configField(OBSERVABILITY_ARGS, "slos", "SLOs with multi-window, multi-burn-rate alerts."),
});

const service = z.strictObject({
  name: requiredConfigField(
    AUTOSCALED_SERVICE_ARGS,
    "name",
    "DNS label naming the Deployment, Service and autoscaler.",
  ),
  // The image rules depend on the profile; the component checks them against the stack's.
  image: z.string().describe("Image with a tag or digest; no `:latest`, no mutable tag in production."),
  port: configField(AUTOSCALED_SERVICE_ARGS, "port", "Container port."),
  cpu: requiredConfigField(
    AUTOSCALED_SERVICE_ARGS,
    "cpu",
    "CPU request and limit, e.g. `{ request: 250m, limit: 500m }`.",
  ),
  memory: requiredConfigField(
    AUTOSCALED_SERVICE_ARGS,
    "memory",
    "Memory request and limit, e.g. `{ request: 128Mi, limit: 256Mi }`.",
  ),
  minReplicas: configField(AUTOSCALED_SERVICE_ARGS, "minReplicas", "Fewest pods the autoscaler keeps."),
  maxReplicas: configField(AUTOSCALED_SERVICE_ARGS, "maxReplicas", "Most pods the autoscaler runs."),
  targetCpuUtilization: configField(
    AUTOSCALED_SERVICE_ARGS,
    "targetCpuUtilization",
    "Average CPU utilisation the autoscaler aims for, percent.",
  ),
  namespace: configField(
    AUTOSCALED_SERVICE_ARGS,
    "namespace",
    "Namespace, created for the service; defaults to the service name.",
  ),
  env: configField(AUTOSCALED_SERVICE_ARGS, "env", "Literal, non-secret environment variables."),
  runAsUser: configField(
    AUTOSCALED_SERVICE_ARGS,
    "runAsUser",
    "UID to run as, for images whose user is not numeric.",
  ),
  runAsGroup: configField(AUTOSCALED_SERVICE_ARGS, "runAsGroup", "GID to run as; defaults to runAsUser."),
  ephemeralStorage: configField(
    AUTOSCALED_SERVICE_ARGS,
    "ephemeralStorage",
    "Local disk request and limit, e.g. `{ request: 256Mi, limit: 1Gi }`.",
  ),
  networkPolicy: configField(
    AUTOSCALED_SERVICE_ARGS,
    "networkPolicy",
    "Who may call the service (`allowFromNamespaces`) and what it may reach (`egress`: `{ cidrs, ports }`).",
  ),
  metrics: configField(
    AUTOSCALED_SERVICE_ARGS,
    "metrics",
    "Let Prometheus scrape the service (needed for its SLOs).",
  ),
  probes: configField(
    AUTOSCALED_SERVICE_ARGS,
    "probes",
    "Probe overrides (path, timings, or `enabled: false`).",
  ),
  strategy: configField(
    AUTOSCALED_SERVICE_ARGS,
    "strategy",
    "How a release replaces the running version: `type` rolling, canary or blueGreen (default: canary in production, rolling in development), canary `steps`, and the `analysis` selectors (default: those of the service's SLO in `infra:observability.slos`). See docs/teams/progressive-delivery.md.",
  ),
});

const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

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
  roles: z
    .strictObject({
      deploy: z
        .string()
        .regex(IAM_ROLE_ARN, { error: (i) => `${JSON.stringify(i.input)} is not an IAM role ARN` })
        .describe("The deploy role of this stack's environment (GithubOidc `deployRoleArns[<env>]`)."),
      readOnly: z
        .string()
        .regex(IAM_ROLE_ARN, { error: (i) => `${JSON.stringify(i.input)} is not an IAM role ARN` })
        .describe("The read-only role of this stack's account (GithubOidc `readOnlyRoleArn`)."),
    })
    .optional()
    .describe(
      "The roles the workflows assume for this stack, in the stack's own account (`aws:allowedAccountIds`): `up` the deploy role, previews and the drift check the read-only role.",
    ),
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
  keys: configObjectField(
    CLUSTER_ARGS,
    "kmsKeyAccess",
    "Who administers the stack's customer KMS keys (EKS secrets, database, alert topics, logs) and the break-glass role that alone may disable or delete them; production needs `breakGlassRoleArn` (docs/operators/keys.md).",
  ),
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
    cluster: {
      ...defaults.cluster,
      ...config.cluster,
      autoscaling: { ...defaults.cluster.autoscaling, ...config.cluster?.autoscaling },
    },
    database: config.database ? { ...defaults.database, ...config.database } : undefined,
    observability: {
      ...defaults.observability,
      ...observability,
      prometheus: { ...defaults.observability.prometheus, ...observability.prometheus },
    },
    services: (config.services ?? []).map((s) => ({
      ...defaults.services,
      ...s,
      strategy: { ...defaults.services.strategy, ...s.strategy },
    })),
    /** Each field left out keeps the components' profile default. */
    keys: { ...config.keys },
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
/**
 * The full config keys (`infra:observability`) the engine passed as secrets. The Node SDK keeps
 * this list for its own `Config.get` warnings and exports the lookup from its runtime module
 * without typings; without it (an SDK that drops it), nothing is reported rather than everything.
 */
export function secretConfigKeys(): string[] | undefined {
  const isConfigSecret = (pulumi.runtime as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  if (typeof isConfigSecret !== "function") return undefined;
  return Object.keys(pulumi.runtime.allConfig()).filter((key) => isConfigSecret(key));
}

export function readRawConfig(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decode(value);
  }
  return raw;
}
