import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InfraValidationError, componentType, withLegacyType } from "../core";
import { AUTOSCALED_SERVICE_ARGS, type AutoscaledServiceArgs } from "./args";
import { buildAutoscaler } from "./autoscaler";
import { buildDeployment } from "./deployment";
import { buildAllowPolicy, buildDefaultDenyPolicy } from "./network-policy";
import { buildDisruptionBudget } from "./disruption-budget";
import { kubernetesProviderIssues } from "./kubernetes-provider";
import { buildNamespace } from "./namespace";
import { isProgressive } from "./rollout";
import { createRollout } from "./rollout-resources";
import { buildService } from "./service";
import { buildServiceMonitor } from "./service-monitor";
import { buildServiceAccount } from "./service-account";
import { resolveServiceSpec } from "./service-spec";

export const AUTOSCALED_SERVICE_TYPE = componentType("AutoscaledService");

type DependsOn = pulumi.ComponentResourceOptions["dependsOn"];

/** `dependsOn` as a list (the engine flattens an Output inside it when it resolves). */
function dependencyList(dependsOn: DependsOn): pulumi.Input<pulumi.Resource>[] {
  if (dependsOn === undefined) return [];
  return Array.isArray(dependsOn) ? dependsOn : [dependsOn as pulumi.Input<pulumi.Resource>];
}

/** Options of an {@link AutoscaledService}: a component's options, plus what its ServiceMonitor alone waits for. */
export interface AutoscaledServiceOptions extends pulumi.ComponentResourceOptions {
  /**
   * What only the ServiceMonitor waits for: the release that installs the ServiceMonitor CRD. The
   * Deployment, Service and autoscaler need no CRD, so they do not wait for it; `dependsOn` instead
   * holds every object of the service back.
   */
  serviceMonitorDependsOn?: pulumi.Input<pulumi.Resource>[];
  /**
   * What only the Rollout and its AnalysisTemplates (and preview Service) wait for, with a canary or
   * blue-green `strategy`: the release that installs the Argo Rollouts CRDs.
   */
  rolloutDependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * An HTTP service on Kubernetes, scaled by an HPA: optional Namespace, ServiceAccount (with an
 * optional IRSA role), Deployment, ClusterIP Service, PodDisruptionBudget and `autoscaling/v2`
 * HorizontalPodAutoscaler, a ServiceMonitor when `metrics` is set, and with a canary or blue-green
 * `strategy` an Argo Rollouts Rollout (running the pods the Deployment describes) and its analysis. The objects come from the pure builders in this folder; this class only
 * registers them. The Kubernetes provider must come through `opts` (see `kubernetes-provider.ts`).
 */
export class AutoscaledService extends pulumi.ComponentResource {
  /** Name of the Deployment. */
  public readonly deploymentName: pulumi.Output<string>;
  /** Name of the ClusterIP Service: in-cluster clients call `http://<serviceName>.<namespace>`. */
  public readonly serviceName: pulumi.Output<string>;
  /** Namespace of every object. */
  public readonly namespace: pulumi.Output<string>;
  /** Name of the HorizontalPodAutoscaler. */
  public readonly hpaName: pulumi.Output<string>;

  constructor(name: string, rawArgs: AutoscaledServiceArgs, options?: AutoscaledServiceOptions) {
    const { serviceMonitorDependsOn = [], rolloutDependsOn = [], ...opts } = options ?? {};
    const issues = [
      ...AUTOSCALED_SERVICE_ARGS.issues(rawArgs, { componentName: name }),
      ...kubernetesProviderIssues(opts),
    ];
    if (issues.length > 0) throw new InfraValidationError(`AutoscaledService "${name}"`, issues);
    const args = AUTOSCALED_SERVICE_ARGS.parse(rawArgs, name, { componentName: name });
    super(AUTOSCALED_SERVICE_TYPE, name, {}, withLegacyType("infra:workload:AutoscaledService", opts));

    const spec = resolveServiceSpec(name, args);
    // What the caller made this service depend on holds for every object of it: a component's
    // dependsOn is not inherited by its children.
    const callerDependsOn = dependencyList(opts?.dependsOn);
    const namespace = spec.createNamespace
      ? new k8s.core.v1.Namespace(`${name}-namespace`, buildNamespace(spec), {
          parent: this,
          dependsOn: callerDependsOn,
        })
      : undefined;
    const inNamespace = {
      parent: this,
      dependsOn: [...callerDependsOn, ...(namespace ? [namespace] : [])],
    };

    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-service-account`,
      buildServiceAccount(spec),
      inNamespace,
    );
    // Without its ServiceAccount the ReplicaSet cannot create pods, so the rollout would stall.
    const deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, buildDeployment(spec), {
      ...inNamespace,
      dependsOn: [...callerDependsOn, ...(namespace ? [namespace] : []), serviceAccount],
    });
    const service = new k8s.core.v1.Service(`${name}-service`, buildService(spec), inNamespace);
    new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, buildDisruptionBudget(spec), inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-default-deny`, buildDefaultDenyPolicy(spec), inNamespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-network-policy`, buildAllowPolicy(spec), inNamespace);
    // canary and blueGreen: a Rollout runs the pods instead, and the HPA scales it.
    const rollout = isProgressive(spec)
      ? createRollout(name, spec, deployment, {
          ...inNamespace,
          dependsOn: [...inNamespace.dependsOn, ...rolloutDependsOn],
        })
      : undefined;
    const autoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(`${name}-hpa`, buildAutoscaler(spec), {
      ...inNamespace,
      dependsOn: [...callerDependsOn, ...(namespace ? [namespace] : []), rollout ?? deployment],
    });
    if (spec.metrics) {
      new k8s.apiextensions.CustomResource(
        `${name}-service-monitor`,
        buildServiceMonitor({ ...spec, metrics: spec.metrics }),
        {
          ...inNamespace,
          dependsOn: [...callerDependsOn, ...(namespace ? [namespace] : []), ...serviceMonitorDependsOn],
        },
      );
    }

    this.deploymentName = deployment.metadata.name;
    this.serviceName = service.metadata.name;
    this.namespace = namespace ? namespace.metadata.name : deployment.metadata.namespace;
    this.hpaName = autoscaler.metadata.name;
    this.registerOutputs({
      deploymentName: this.deploymentName,
      serviceName: this.serviceName,
      namespace: this.namespace,
      hpaName: this.hpaName,
    });
  }
}
