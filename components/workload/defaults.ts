import { MONITORING_NAMESPACE } from "../core/namespaces";
import type { ProfileDefaults } from "../core";

/** What differs between the profiles beyond the arguments' own defaults (`args.ts`). */
export interface AutoscaledServiceProfileDefaults {
  /** `maxReplicas` when the args leave it out (raised to `minReplicas` when that is higher). */
  readonly maxReplicas: number;
}

export const AUTOSCALED_SERVICE_DEFAULTS: ProfileDefaults<AutoscaledServiceProfileDefaults> = {
  development: { maxReplicas: 3 },
  production: { maxReplicas: 10 },
};

/** The playbook defaults shared by both profiles. */
export const SERVICE_DEFAULTS = {
  port: 8080,
  servicePort: 80,
  targetCpuUtilization: 70,
  rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
  terminationGracePeriodSeconds: 45,
  preStopSleepSeconds: 10,
  disruptionBudget: { maxUnavailable: 1 },
  /** Caps the `/tmp` emptyDir so a runaway writer evicts its own pod rather than filling the node's disk. */
  tmpSizeLimit: "256Mi",
  /**
   * The user a container runs as unless told otherwise: `nonroot` of distroless and Chainguard
   * images. Set explicitly so the kubelet never depends on the image's USER to keep it off root.
   */
  runAsUser: 65532,
  /** Room for the container's logs and writable layer beside `/tmp`; the limit well above `tmpSizeLimit`. */
  ephemeralStorage: { request: "256Mi", limit: "1Gi" },
  /** Where kube-prometheus-stack runs, so its Prometheus may scrape the service. */
  monitoringNamespace: MONITORING_NAMESPACE,
  metricsPath: "/metrics",
  metricsInterval: "30s",
} as const;

export interface ProbeDefaults {
  readonly path: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
}

/** The playbook's probes: startup allows 60 s to boot, then readiness and liveness take over. */
export const PROBE_DEFAULTS: Readonly<Record<"startup" | "readiness" | "liveness", ProbeDefaults>> = {
  startup: {
    path: "/healthz/startup",
    initialDelaySeconds: 0,
    periodSeconds: 2,
    timeoutSeconds: 1,
    failureThreshold: 30,
    successThreshold: 1,
  },
  readiness: {
    path: "/healthz/ready",
    initialDelaySeconds: 5,
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
  },
  liveness: {
    path: "/healthz/live",
    initialDelaySeconds: 15,
    periodSeconds: 20,
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
  },
};

export interface ScalingPolicy {
  readonly type: "Pods" | "Percent";
  readonly value: number;
  readonly periodSeconds: number;
}

export interface ScalingRule {
  readonly stabilizationWindowSeconds: number;
  readonly selectPolicy: "Max" | "Min" | "Disabled";
  readonly policies: readonly ScalingPolicy[];
}

/** The playbook's HPA behaviour: scale up fast but bounded, scale down slowly. */
export const SCALING_BEHAVIOR_DEFAULTS: Readonly<Record<"scaleUp" | "scaleDown", ScalingRule>> = {
  scaleUp: {
    stabilizationWindowSeconds: 60,
    selectPolicy: "Max",
    policies: [{ type: "Pods", value: 4, periodSeconds: 60 }],
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: "Max",
    policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
  },
};

/** How a new version replaces the running one. */
export const DELIVERY_STRATEGIES = ["rolling", "canary", "blueGreen"] as const;
export type DeliveryStrategy = (typeof DELIVERY_STRATEGIES)[number];

/** The strategy the args choose: a rolling update unless they say otherwise, so existing services keep their Deployment. */
export function deliveryStrategy(args: {
  readonly strategy?: { readonly type?: DeliveryStrategy };
}): DeliveryStrategy {
  return args.strategy?.type ?? "rolling";
}

/**
 * blueGreen: whether the new version takes the traffic as soon as its pre-promotion analysis passes.
 * Production waits for a person (`kubectl argo rollouts promote`).
 */
export const BLUE_GREEN_AUTO_PROMOTION: ProfileDefaults<boolean> = {
  development: true,
  production: false,
};

/** The playbook's progressive delivery, shared by both profiles. */
export const PROGRESSIVE_DELIVERY_DEFAULTS = {
  /** Canary weights in percent; each is promoted only once its analysis passes. */
  canarySteps: [5, 10, 25, 50, 100],
  /**
   * blueGreen: seconds the previous version keeps running after a promotion, so an undo within
   * that time only switches the Service back (an instant rollback, at 2x capacity meanwhile).
   */
  scaleDownDelaySeconds: 600,
  /** blueGreen: seconds the preview version keeps running after an abort, for a look at what failed. */
  abortScaleDownDelaySeconds: 30,
} as const;
