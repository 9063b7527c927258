import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";

/** What the scheduler does when a spread constraint cannot be met. */
export type WhenUnsatisfiable = "DoNotSchedule" | "ScheduleAnyway";

/** A request and a limit for one resource, as Kubernetes quantities (see `quantity.ts`). */
export interface ResourceQuantities {
  /** What the scheduler reserves: CPU in cores (`250m`, `0.5`), memory in bytes (`256Mi`, `1Gi`). Required. */
  readonly request: string;
  /** The ceiling, at least the request: CPU throttles above it, memory is OOM-killed above it. Required. */
  readonly limit: string;
}

/** Overrides for one HTTP probe; every field left out keeps the playbook default (`defaults.ts`). */
export interface ProbeArgs {
  /** Set to `false` to run without this probe (an explicit opt-out). @default true */
  readonly enabled?: boolean;
  /** HTTP path, starting with `/`. @default `/healthz/startup`, `/healthz/ready` or `/healthz/live` */
  readonly path?: string;
  /** Container port the probe calls, 1-65535. @default the container's `port` */
  readonly port?: number;
  /** Seconds after the container starts before the first probe. @default 0 / 5 / 15 (startup / readiness / liveness) */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes, at least 1. @default 2 / 10 / 20 */
  readonly periodSeconds?: number;
  /** Seconds before one probe times out, at least 1. @default 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the probe fails, at least 1. @default 30 / 3 / 3 */
  readonly failureThreshold?: number;
  /** Consecutive successes before the probe passes; Kubernetes requires 1 for startup and liveness. @default 1 */
  readonly successThreshold?: number;
}

/** The three probes of the container. */
export interface ProbesArgs {
  /** Gates the other two until the application has started. @default GET /healthz/startup, failureThreshold 30, period 2 s */
  readonly startup?: ProbeArgs;
  /** Takes the pod out of the Service's endpoints while it fails. @default GET /healthz/ready, initial 5 s, period 10 s, failureThreshold 3 */
  readonly readiness?: ProbeArgs;
  /** Restarts the container while it fails. @default GET /healthz/live, initial 15 s, period 20 s, failureThreshold 3 */
  readonly liveness?: ProbeArgs;
}

/** One key of a ConfigMap or Secret in the service's namespace. */
export interface KeyReference {
  /** Name of the ConfigMap or Secret. Required. */
  readonly name: string;
  /** Key inside it. Required. */
  readonly key: string;
  /** Start the pod even when the object or key is missing. @default false */
  readonly optional?: boolean;
}

/**
 * The value of one environment variable: a literal that is not a secret, a ConfigMap key, or a
 * Secret key. Secret values never appear as literals (see `env.ts` for how names are judged).
 */
export type EnvValue =
  string | { readonly configMapKeyRef: KeyReference } | { readonly secretKeyRef: KeyReference };

/** Every key of a ConfigMap or of a Secret as environment variables, optionally prefixed. */
export type EnvFromSource =
  | { readonly configMap: string; readonly prefix?: string }
  | { readonly secret: string; readonly prefix?: string };

/** A per-pod metric from the custom metrics API (e.g. requests per second), averaged over the pods. */
export interface PodsMetricArgs {
  readonly type: "Pods";
  /** Metric name as the metrics adapter serves it. Required. */
  readonly name: string;
  /** Label selector narrowing the metric series. @default none */
  readonly selector?: Record<string, string>;
  /** Target average per pod, as a quantity (`100`, `500m`). Required. */
  readonly targetAverageValue: string;
}

/** A metric from outside the cluster (e.g. a queue length) from the external metrics API. */
export interface ExternalMetricArgs {
  readonly type: "External";
  /** Metric name as the metrics adapter serves it. Required. */
  readonly name: string;
  /** Label selector narrowing the metric series. @default none */
  readonly selector?: Record<string, string>;
  /** Target for the metric's total value, as a quantity. Set this or `targetAverageValue`, not both. */
  readonly targetValue?: string;
  /** Target for the metric divided by the pod count, as a quantity. Set this or `targetValue`, not both. */
  readonly targetAverageValue?: string;
}

export type CustomMetricArgs = PodsMetricArgs | ExternalMetricArgs;

/** One HPA scaling policy: at most `value` pods (or percent of pods) per `periodSeconds`. */
export interface ScalingPolicyArgs {
  readonly type: "Pods" | "Percent";
  /** Pods or percent, at least 1. Required. */
  readonly value: number;
  /** Window the policy counts over, 1-1800 seconds. Required. */
  readonly periodSeconds: number;
}

/** Overrides for one scaling direction; fields left out keep the playbook default. */
export interface ScalingRuleArgs {
  /** Seconds of past recommendations considered before scaling, 0-3600. @default 60 (up) / 300 (down) */
  readonly stabilizationWindowSeconds?: number;
  /** Replaces the default policies (non-empty). @default up: 4 pods per 60 s; down: 10 percent per 60 s */
  readonly policies?: readonly ScalingPolicyArgs[];
  /** Which policy wins when several apply; `Disabled` turns this direction off. @default "Max" */
  readonly selectPolicy?: "Max" | "Min" | "Disabled";
}

/** HPA behaviour overrides. */
export interface ScalingBehaviorArgs {
  /** @default stabilisation 60 s, at most 4 pods per 60 s */
  readonly scaleUp?: ScalingRuleArgs;
  /** @default stabilisation 300 s, at most 10 percent per 60 s */
  readonly scaleDown?: ScalingRuleArgs;
}

/** Rolling update pacing: a count of pods or a percentage string (`"25%"`). */
export interface RollingUpdateArgs {
  /** Pods that may be unavailable during a rollout. @default 0 (zero downtime) */
  readonly maxUnavailable?: number | string;
  /** Extra pods created above the desired count during a rollout. @default 1 */
  readonly maxSurge?: number | string;
}

/** Graceful shutdown. */
export interface ShutdownArgs {
  /** Seconds Kubernetes waits after the preStop pause and SIGTERM before SIGKILL, at least 1. @default 45 */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Seconds the preStop hook pauses before SIGTERM, so load balancers and kube-proxy stop sending
   * traffic first; 0 turns the pause off. Must be below the grace period. @default 10
   */
  readonly preStopSleepSeconds?: number;
}

/** How strictly pods spread over zones and nodes (max skew 1). */
export interface TopologySpreadArgs {
  /** Across `topology.kubernetes.io/zone`. @default "DoNotSchedule" (production) / "ScheduleAnyway" (development) */
  readonly zones?: WhenUnsatisfiable;
  /** Across `kubernetes.io/hostname`. @default "ScheduleAnyway" */
  readonly nodes?: WhenUnsatisfiable;
}

/** The PodDisruptionBudget: set one of the two. */
export interface DisruptionBudgetArgs {
  /** Pods a voluntary disruption (drain, upgrade) may take down at once, at least 1. @default 1 */
  readonly maxUnavailable?: number;
  /** Pods that must stay up instead; must be below `minReplicas`, so one pod can always be evicted. @default unset */
  readonly minAvailable?: number;
}

/**
 * Prometheus scraping of the service's own metrics, through a prometheus-operator `ServiceMonitor`
 * (the CRD comes with kube-prometheus-stack; make the service depend on what installs it).
 */
export interface MetricsArgs {
  /** HTTP path of the metrics endpoint on the container port, starting with `/`. @default "/metrics" */
  readonly path?: string;
  /** How often Prometheus scrapes, a Prometheus duration (`15s`, `1m`). @default "30s" */
  readonly interval?: string;
}

/** The pod's identity. */
export interface ServiceAccountArgs {
  /** ServiceAccount name, a DNS-1123 subdomain. @default the service `name` */
  readonly name?: string;
  /**
   * IAM role ARN for IRSA, written to the `eks.amazonaws.com/role-arn` annotation; the role's trust
   * policy must name this namespace and service account (`irsaTrustPolicy`). @default none
   */
  readonly roleArn?: pulumi.Input<string>;
}

/**
 * An HTTP service on Kubernetes that scales with an `autoscaling/v2` HPA and follows the production
 * playbook. The Kubernetes provider comes through the resource options (`provider` or
 * `providers.kubernetes`, or a parent that has one); there is no fallback to the ambient kubeconfig.
 */
export interface AutoscaledServiceArgs {
  /** `production` turns on the production-only guardrails and defaults. @default "production" */
  readonly profile?: Profile;
  /** Name of every Kubernetes object and the `app.kubernetes.io/name` label; a DNS-1035 label (Service names must start with a letter). @default the component's name */
  readonly name?: string;
  /** Namespace of every object, a DNS-1123 label. @default the service `name` */
  readonly namespace?: string;
  /** Create the namespace (with Pod Security `restricted` enforced) instead of expecting it to exist. @default false */
  readonly createNamespace?: boolean;
  /** Container image with a tag or a `@sha256:` digest (see `image.ts` for the rules). Required. */
  readonly image: string;
  /** Port the container listens on, 1-65535. @default 8080 */
  readonly port?: number;
  /** Port the ClusterIP Service exposes, 1-65535. @default 80 */
  readonly servicePort?: number;
  /** CPU request and limit in cores (`250m`, `1`). Required. */
  readonly cpu: ResourceQuantities;
  /** Memory request and limit in bytes (`256Mi`, `1Gi`). Required. */
  readonly memory: ResourceQuantities;
  /** Fewest pods the HPA keeps; production needs at least 2. @default 2 (production) / 1 (development) */
  readonly minReplicas?: number;
  /** Most pods the HPA may run, at least `minReplicas`. @default 10 (production) / 3 (development), or `minReplicas` when that is higher */
  readonly maxReplicas?: number;
  /** Average CPU use the HPA aims for, in percent of the CPU request (1-100). @default 70 */
  readonly targetCpuUtilization?: number;
  /** Average memory use the HPA aims for, in percent of the memory request (1-100). @default none (memory does not scale) */
  readonly targetMemoryUtilization?: number;
  /** Extra `Pods` or `External` metrics; the HPA follows whichever metric asks for the most pods. @default [] */
  readonly customMetrics?: readonly CustomMetricArgs[];
  /** HPA behaviour overrides. @default see `ScalingBehaviorArgs` */
  readonly scalingBehavior?: ScalingBehaviorArgs;
  /** Probe overrides, or `enabled: false` to drop one. @default all three on the playbook paths */
  readonly probes?: ProbesArgs;
  /** Environment variables by name: literals (never secrets), ConfigMap keys or Secret keys. @default {} */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** Whole ConfigMaps or Secrets as environment variables, later entries winning. @default [] */
  readonly envFrom?: readonly EnvFromSource[];
  /** ServiceAccount name and IRSA role. @default a ServiceAccount named like the service, no role */
  readonly serviceAccount?: ServiceAccountArgs;
  /** Mount a Kubernetes API token in the pod (IRSA does not need it). @default false */
  readonly automountServiceAccountToken?: boolean;
  /** Numeric user the container runs as (not 0). @default the image's own numeric USER */
  readonly runAsUser?: number;
  /** Let the container write to its root filesystem (then no `/tmp` volume is added). @default false */
  readonly allowWritableRootFilesystem?: boolean;
  /** Rolling update pacing. @default maxUnavailable 0, maxSurge 1 */
  readonly rollingUpdate?: RollingUpdateArgs;
  /** Graceful shutdown timing. @default grace period 45 s, preStop pause 10 s */
  readonly shutdown?: ShutdownArgs;
  /** Spread strictness over zones and nodes. @default see `TopologySpreadArgs` */
  readonly topologySpread?: TopologySpreadArgs;
  /** The PodDisruptionBudget. @default maxUnavailable 1 */
  readonly disruptionBudget?: DisruptionBudgetArgs;
  /** Extra labels on every object and on the pods (not `app.kubernetes.io/name` or `app.kubernetes.io/managed-by`). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Let Prometheus scrape the service's metrics (a ServiceMonitor). @default none (not scraped) */
  readonly metrics?: MetricsArgs;
}
