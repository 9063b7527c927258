import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../core";
import type {
  AutoscaledServiceArgs,
  CustomMetricArgs,
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
  readonly image: string;
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

function disruptionBudget(args: AutoscaledServiceArgs): DisruptionBudget {
  const budget = args.disruptionBudget;
  if (budget?.minAvailable !== undefined) return { minAvailable: budget.minAvailable };
  return { maxUnavailable: budget?.maxUnavailable ?? SERVICE_DEFAULTS.disruptionBudget.maxUnavailable };
}

/** The HPA's bounds: explicit args, else the profile's, with a raised minimum lifting the default maximum. */
export function replicaBounds(args: Pick<AutoscaledServiceArgs, "profile" | "minReplicas" | "maxReplicas">): {
  readonly minReplicas: number;
  readonly maxReplicas: number;
} {
  const defaults = AUTOSCALED_SERVICE_DEFAULTS[args.profile ?? "production"];
  const minReplicas = args.minReplicas ?? defaults.minReplicas;
  return { minReplicas, maxReplicas: args.maxReplicas ?? Math.max(defaults.maxReplicas, minReplicas) };
}

/** Applies the profile table and the playbook defaults to validated args. */
export function resolveServiceSpec(componentName: string, args: AutoscaledServiceArgs): ServiceSpec {
  const profile = args.profile ?? "production";
  const profileDefaults = AUTOSCALED_SERVICE_DEFAULTS[profile];
  const name = args.name ?? componentName;
  return {
    profile,
    name,
    namespace: args.namespace ?? name,
    createNamespace: args.createNamespace ?? false,
    image: args.image,
    port: args.port ?? SERVICE_DEFAULTS.port,
    servicePort: args.servicePort ?? SERVICE_DEFAULTS.servicePort,
    resources: {
      requests: { cpu: args.cpu.request, memory: args.memory.request },
      limits: { cpu: args.cpu.limit, memory: args.memory.limit },
    },
    ...replicaBounds(args),
    targetCpuUtilization: args.targetCpuUtilization ?? SERVICE_DEFAULTS.targetCpuUtilization,
    ...(args.targetMemoryUtilization !== undefined
      ? { targetMemoryUtilization: args.targetMemoryUtilization }
      : {}),
    customMetrics: args.customMetrics ?? [],
    scaleUp: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleUp, args.scalingBehavior?.scaleUp),
    scaleDown: scalingRule(SCALING_BEHAVIOR_DEFAULTS.scaleDown, args.scalingBehavior?.scaleDown),
    probes: resolveProbes(args.probes),
    env: args.env ?? {},
    envFrom: args.envFrom ?? [],
    serviceAccountName: args.serviceAccount?.name ?? name,
    ...(args.serviceAccount?.roleArn !== undefined ? { roleArn: args.serviceAccount.roleArn } : {}),
    automountServiceAccountToken: args.automountServiceAccountToken ?? false,
    ...(args.runAsUser !== undefined ? { runAsUser: args.runAsUser } : {}),
    readOnlyRootFilesystem: !(args.allowWritableRootFilesystem ?? false),
    rollingUpdate: {
      maxUnavailable: args.rollingUpdate?.maxUnavailable ?? SERVICE_DEFAULTS.rollingUpdate.maxUnavailable,
      maxSurge: args.rollingUpdate?.maxSurge ?? SERVICE_DEFAULTS.rollingUpdate.maxSurge,
    },
    terminationGracePeriodSeconds:
      args.shutdown?.terminationGracePeriodSeconds ?? SERVICE_DEFAULTS.terminationGracePeriodSeconds,
    preStopSleepSeconds: args.shutdown?.preStopSleepSeconds ?? SERVICE_DEFAULTS.preStopSleepSeconds,
    zoneSpread: args.topologySpread?.zones ?? profileDefaults.zoneSpread,
    nodeSpread: args.topologySpread?.nodes ?? profileDefaults.nodeSpread,
    disruptionBudget: disruptionBudget(args),
    labels: args.labels ?? {},
    metrics: args.metrics && {
      path: args.metrics.path ?? SERVICE_DEFAULTS.metricsPath,
      interval: args.metrics.interval ?? SERVICE_DEFAULTS.metricsInterval,
    },
  };
}
