import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type {
  CustomMetricArgs,
  ResolvedAutoscaledServiceArgs,
  EnvFromSource,
  EnvValue,
  NetworkPolicyArgs,
  ScalingRuleArgs,
  WhenUnsatisfiable,
} from "./args";
import {
  AUTOSCALED_SERVICE_DEFAULTS,
  SCALING_BEHAVIOR_DEFAULTS,
  SERVICE_DEFAULTS,
  type ScalingRule,
} from "./defaults";
import { resolveProbes, type ResolvedProbes } from "./probes";
import { BLUE_GREEN_AUTO_PROMOTION, deliveryStrategy, PROGRESSIVE_DELIVERY_DEFAULTS } from "./defaults";
import { DEFAULT_SLO_PATH_LABEL } from "../observability/slo";
import { PROMETHEUS_URL } from "../observability/kube-prometheus-stack";
import type { AnalysisSelectors } from "./analysis";
import type { DeliverySpec } from "./rollout";

/** The PodDisruptionBudget's one setting. */
export type DisruptionBudget = { readonly maxUnavailable: number } | { readonly minAvailable: number };

/**
 * Everything the builders need, with every default applied: the one place where args, the profile
 * table and the playbook defaults meet. Built only from args that passed validation.
 */
export interface ServiceSpec {
  readonly profile: Profile;
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly image: pulumi.Input<string>;
  readonly port: number;
  readonly servicePort: number;
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string };
    readonly limits: { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string };
  };
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
  readonly targetMemoryUtilization?: number;
  readonly customMetrics: readonly CustomMetricArgs[];
  readonly scaleUp: ScalingRule;
  readonly scaleDown: ScalingRule;
  readonly probes: ResolvedProbes;
  readonly env: Readonly<Record<string, EnvValue>>;
  readonly envFrom: readonly EnvFromSource[];
  readonly serviceAccountName: string;
  readonly roleArn?: pulumi.Input<string>;
  readonly automountServiceAccountToken: boolean;
  readonly runAsUser: number;
  /** The primary group; `runAsUser` unless set. */
  readonly runAsGroup: number;
  readonly networkPolicy: NetworkPolicyArgs;
  readonly readOnlyRootFilesystem: boolean;
  readonly rollingUpdate: { readonly maxUnavailable: number | string; readonly maxSurge: number | string };
  readonly terminationGracePeriodSeconds: number;
  readonly preStopSleepSeconds: number;
  readonly zoneSpread: WhenUnsatisfiable;
  readonly nodeSpread: WhenUnsatisfiable;
  readonly disruptionBudget: DisruptionBudget;
  readonly labels: Readonly<Record<string, string>>;
  /** Present when Prometheus scrapes the service. */
  readonly metrics?: { readonly path: string; readonly interval: string };
  readonly delivery: DeliverySpec;
}

function scalingRule(defaults: ScalingRule, override: ScalingRuleArgs = {}): ScalingRule {
  return {
    stabilizationWindowSeconds: override.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: override.selectPolicy ?? defaults.selectPolicy,
    policies: override.policies ?? defaults.policies,
  };
}

function disruptionBudget(args: ResolvedAutoscaledServiceArgs): DisruptionBudget {
  const budget = args.disruptionBudget;
  if (budget?.minAvailable !== undefined) return { minAvailable: budget.minAvailable };
  return { maxUnavailable: budget?.maxUnavailable ?? SERVICE_DEFAULTS.disruptionBudget.maxUnavailable };
}

/** The HPA's bounds: a raised minimum lifts the profile's default maximum. */
export function replicaBounds(args: {
  readonly profile: Profile;
  readonly minReplicas: number;
  readonly maxReplicas?: number;
}): {
  readonly minReplicas: number;
  readonly maxReplicas: number;
} {
  const defaultMax = AUTOSCALED_SERVICE_DEFAULTS[args.profile].maxReplicas;
  return {
    minReplicas: args.minReplicas,
    maxReplicas: args.maxReplicas ?? Math.max(defaultMax, args.minReplicas),
  };
}

/**
 * The paths kubelet and Prometheus call on the service (its probes and metrics endpoint): they always
 * succeed, so the analysis leaves them out as the SLO does.
 */
function uninstrumentedPaths(probes: ResolvedProbes, metricsPath: string | undefined): string[] {
  const paths = Object.values(probes).map((probe) => probe.path);
  return [...new Set([...paths, ...(metricsPath !== undefined ? [metricsPath] : [])])];
}

function resolveDelivery(args: ResolvedAutoscaledServiceArgs, probes: ResolvedProbes): DeliverySpec {
  const strategy = deliveryStrategy(args);
  if (strategy === "rolling") return { strategy };
  const given = args.strategy?.analysis;
  const analysis: AnalysisSelectors = {
    ...(given?.availability ? { availability: given.availability } : {}),
    ...(given?.latency ? { latency: given.latency } : {}),
    excludePaths: given?.excludePaths ?? uninstrumentedPaths(probes, args.metrics?.path),
    pathLabel: given?.pathLabel ?? DEFAULT_SLO_PATH_LABEL,
    prometheusUrl: given?.prometheusUrl ?? PROMETHEUS_URL,
  };
  if (strategy === "canary") {
    return { strategy, steps: args.strategy?.steps ?? PROGRESSIVE_DELIVERY_DEFAULTS.canarySteps, analysis };
  }
  return { strategy, autoPromotion: BLUE_GREEN_AUTO_PROMOTION[args.profile], analysis };
}

/** Everything the builders need, from args resolved by `AUTOSCALED_SERVICE_ARGS`. */
export function resolveServiceSpec(componentName: string, args: ResolvedAutoscaledServiceArgs): ServiceSpec {
  const name = args.name ?? componentName;
  const probes = resolveProbes(args.probes);
  return {
    profile: args.profile,
    name,
    namespace: args.namespace ?? name,
    createNamespace: args.createNamespace,
    image: args.image,
    port: args.port,
    servicePort: args.servicePort,
    resources: {
      requests: {
        cpu: args.cpu.request,
        memory: args.memory.request,
        ephemeralStorage: args.ephemeralStorage.request,
      },
      limits: {
        cpu: args.cpu.limit,
        memory: args.memory.limit,
        ephemeralStorage: args.ephemeralStorage.limit,
      },
    },
    ...replicaBounds(args),
    targetCpuUtilization: args.targetCpuUtilization,
    ...(args.targetMemoryUtilization !== undefined
      ? { targetMemoryUtilization: args.targetMemoryUtilization }
      : {}),
    customMetrics: args.customMetrics,
    scaleUp: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleUp, args.scalingBehavior?.scaleUp),
    scaleDown: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleDown, args.scalingBehavior?.scaleDown),
    probes,
    env: args.env,
    envFrom: args.envFrom,
    serviceAccountName: args.serviceAccount?.name ?? name,
    ...(args.serviceAccount?.roleArn !== undefined ? { roleArn: args.serviceAccount.roleArn } : {}),
    automountServiceAccountToken: args.automountServiceAccountToken,
    runAsUser: args.runAsUser,
    runAsGroup: args.runAsGroup ?? args.runAsUser,
    networkPolicy: args.networkPolicy,
    readOnlyRootFilesystem: !args.allowWritableRootFilesystem,
    rollingUpdate: args.rollingUpdate,
    terminationGracePeriodSeconds: args.shutdown.terminationGracePeriodSeconds,
    preStopSleepSeconds: args.shutdown.preStopSleepSeconds,
    zoneSpread: args.topologySpread.zones,
    nodeSpread: args.topologySpread.nodes,
    disruptionBudget: disruptionBudget(args),
    labels: args.labels,
    metrics: args.metrics,
    delivery: resolveDelivery(args, probes),
  };
}
