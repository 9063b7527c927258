import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type { SloSpec } from "./slo";

/** A node group of the cluster, as the cluster component exposes it. */
export interface ObservedNodeGroup {
  /** The node group's name; a stable key in alarm names, so it must be a plain string. */
  readonly name: string;
  /** Name of the Auto Scaling group behind the node group (it must collect group metrics). */
  readonly autoscalingGroupName: pulumi.Input<string>;
  /** The most nodes the group may run, in nodes. */
  readonly maxSize: pulumi.Input<number>;
}

/** The EKS cluster to observe, as the cluster component exposes it. */
export interface ObservedCluster {
  /** The EKS cluster name. */
  readonly name: pulumi.Input<string>;
  /** ARN of the cluster's IAM OIDC provider (for the Container Insights agent's role). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** The cluster's OIDC issuer URL, `https://oidc.eks.<region>.amazonaws.com/id/<ID>`. */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** Node groups to chart and to alarm on when they reach their maximum size. @default [] */
  readonly nodeGroups?: readonly ObservedNodeGroup[];
  /**
   * The cluster's Kubernetes minor version (a row of `components/cluster/versions.ts`): selects the
   * pinned Container Insights add-on build. @default the cluster component's default version
   */
  readonly kubernetesVersion?: string;
}

/** The RDS instance to observe, as the database component exposes it. */
export interface ObservedDatabase {
  /** The RDS DB instance identifier. */
  readonly instanceIdentifier: pulumi.Input<string>;
  /** Allocated storage, in GiB (the dashboard marks 10% of it as the low free-storage line). */
  readonly allocatedStorageGb: pulumi.Input<number>;
}

/** One subscription to the alert topic. */
export interface AlertSubscription {
  /** `email` or `https`; other protocols are rejected. */
  readonly protocol: string;
  /** An email address, or an https URL that confirms the SNS subscription. May be a secret. */
  readonly endpoint: pulumi.Input<string>;
  /**
   * Stable key in the subscription's resource name (letters, digits, dashes).
   * @default a hash of `endpoint` (required when `endpoint` is not a plain string)
   */
  readonly key?: string;
}

/** Where Alertmanager sends one severity; every credential stays a secret end to end. */
export interface AlertReceiver {
  /** PagerDuty Events API v2 routing key. @default none */
  readonly pagerDutyRoutingKey?: pulumi.Input<string>;
  /** Slack incoming webhook URL (https). @default none */
  readonly slackWebhookUrl?: pulumi.Input<string>;
  /** Slack channel, when the webhook is not bound to one. @default the webhook's channel */
  readonly slackChannel?: string;
  /** URL receiving Alertmanager's webhook JSON (https). @default none */
  readonly webhookUrl?: pulumi.Input<string>;
}

export interface ContainerInsightsArgs {
  /**
   * Install the `amazon-cloudwatch-observability` EKS add-on with its IAM role and pre-created log groups.
   * @default true when `cluster` is given
   */
  readonly enabled?: boolean;
  /**
   * Add-on version, e.g. `v4.5.0-eksbuild.1`.
   * @default the build pinned for `cluster.kubernetesVersion` in `components/cluster/versions.ts`
   */
  readonly addonVersion?: string;
}

export interface PrometheusArgs {
  /** Install kube-prometheus-stack and the SLO rules; needs a Kubernetes provider in the resource options. @default true */
  readonly enabled?: boolean;
  /** How long Prometheus keeps samples, in days (production: at least 15). @default 3 / 15 (development / production) */
  readonly retentionDays?: number;
  /** Keep metrics on an EBS volume; `false` loses them on every restart (not allowed in production). @default false / true */
  readonly persistent?: boolean;
  /** Prometheus volume size, in GiB. @default 10 / 50 */
  readonly storageGi?: number;
  /** StorageClass for Prometheus and Alertmanager volumes; must provision encrypted gp3 EBS. @default "gp3" */
  readonly storageClassName?: string;
  /** Alertmanager replicas (more than one keeps paging through a node loss). @default 1 / 2 */
  readonly alertmanagerReplicas?: number;
  /**
   * Scrape and alert on kube-proxy. Only enable after kube-proxy's `metricsBindAddress` is set to
   * `0.0.0.0:10249`: EKS binds it to 127.0.0.1, so the target is down and KubeProxyDown fires forever.
   * @default false
   */
  readonly scrapeKubeProxy?: boolean;
}

export interface ObservabilityArgs {
  /** Selects the defaults of `defaults.ts`. @default "production" */
  readonly profile?: Profile;
  /** Extra tags on every taggable AWS resource. @default {} */
  readonly tags?: Record<string, string>;
  /** The EKS cluster: dashboard, node-group alarms, Container Insights. @default none */
  readonly cluster?: ObservedCluster;
  /** The RDS instance: dashboard widgets. @default none */
  readonly database?: ObservedDatabase;
  /** NAT gateway ids (at most 10): dashboard widgets and the port-allocation alarm. @default [] */
  readonly natGatewayIds?: pulumi.Input<string>[];
  /** Email and https subscriptions to the alert topic. @default [] */
  readonly alertSubscriptions?: readonly AlertSubscription[];
  /**
   * ARN of the customer KMS key encrypting the component's log groups (a key ARN, not an alias; its
   * policy must let CloudWatch Logs of the region use it, as `LogsKey`'s does). When given, the
   * component creates no logs key of its own. @default none: a key of the component's own
   */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Retention of the component's log groups, in days, one of the values CloudWatch accepts. @default 7 / 90 */
  readonly logRetentionDays?: number;
  /** Base https URL of the runbooks every alarm and alert links to (`<base>/<alert slug>`). @default "https://runbooks.platform.internal/infra" */
  readonly runbookBaseUrl?: string;
  /** CloudWatch dashboard name (letters, digits, `-`, `_`). @default the component name, other characters replaced by `-` */
  readonly dashboardName?: string;
  /** Container Insights (EKS add-on, agent role, log groups). @default enabled when `cluster` is given */
  readonly containerInsights?: ContainerInsightsArgs;
  /** In-cluster metrics and SLO alerting (kube-prometheus-stack). @default enabled, profile-sized */
  readonly prometheus?: PrometheusArgs;
  /** Alertmanager receivers for `severity=page` and `severity=ticket`. @default none (alerts stay in the Alertmanager UI) */
  readonly alertReceivers?: { readonly page?: AlertReceiver; readonly ticket?: AlertReceiver };
  /** SLOs to generate burn-rate recording and alerting rules for; needs Prometheus. @default [] */
  readonly slos?: readonly SloSpec[];
}

export const DEFAULT_RUNBOOK_BASE_URL = "https://runbooks.platform.internal/infra";
export const DEFAULT_STORAGE_CLASS = "gp3";

/** The customer KMS key every log group of the platform is encrypted with (`LogsKey`). */
export interface LogsKeyArgs {
  /** Selects the deletion window of `defaults.ts`. @default "production" */
  readonly profile?: Profile;
  /** Waiting period before a deleted key is gone and the logs it encrypts become unreadable, in days (7-30). @default 7 / 30 */
  readonly deletionWindowDays?: number;
  /**
   * Names of the log groups CloudWatch Logs may use the key for, with `*` and `?` wildcards
   * (`/aws/eks/prod/*`, `/vpc-flow-logs/*`); always of this account and region.
   * @default ["*"] (every log group of the account in the region)
   */
  readonly logGroupNamePatterns?: readonly string[];
  /** The key's alias (`alias/<letters, digits, /, _, ->`, not under `alias/aws/`). @default "alias/logs/<component name>" */
  readonly aliasName?: string;
  /** Extra tags on the key. @default {} */
  readonly tags?: Record<string, string>;
}
