import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type {
  CustomMetricArgs,
  ResolvedAutoscaledServiceArgs,
  EnvFromSource,
  EnvValue,
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
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
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
  readonly runAsUser?: number;
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

/** Everything the builders need, from args resolved by `AUTOSCALED_SERVICE_ARGS`. */
export function resolveServiceSpec(componentName: string, args: ResolvedAutoscaledServiceArgs): ServiceSpec {
  const name = args.name ?? componentName;
  return {
    profile: args.profile,
    name,
    namespace: args.namespace ?? name,
    createNamespace: args.createNamespace,
    image: args.image,
    port: args.port,
    servicePort: args.servicePort,
    resources: {
      requests: { cpu: args.cpu.request, memory: args.memory.request },
      limits: { cpu: args.cpu.limit, memory: args.memory.limit },
    },
    ...replicaBounds(args),
    targetCpuUtilization: args.targetCpuUtilization,
    ...(args.targetMemoryUtilization !== undefined
      ? { targetMemoryUtilization: args.targetMemoryUtilization }
      : {}),
    customMetrics: args.customMetrics,
    scaleUp: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleUp, args.scalingBehavior?.scaleUp),
    scaleDown: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleDown, args.scalingBehavior?.scaleDown),
    probes: resolveProbes(args.probes),
    env: args.env,
    envFrom: args.envFrom,
    serviceAccountName: args.serviceAccount?.name ?? name,
    ...(args.serviceAccount?.roleArn !== undefined ? { roleArn: args.serviceAccount.roleArn } : {}),
    automountServiceAccountToken: args.automountServiceAccountToken,
    ...(args.runAsUser !== undefined ? { runAsUser: args.runAsUser } : {}),
    readOnlyRootFilesystem: !args.allowWritableRootFilesystem,
    rollingUpdate: args.rollingUpdate,
    terminationGracePeriodSeconds: args.shutdown.terminationGracePeriodSeconds,
    preStopSleepSeconds: args.shutdown.preStopSleepSeconds,
    zoneSpread: args.topologySpread.zones,
    nodeSpread: args.topologySpread.nodes,
    disruptionBudget: disruptionBudget(args),
    labels: args.labels,
    metrics: args.metrics,
  };
}
