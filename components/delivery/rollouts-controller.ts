import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentType, InfraValidationError } from "../core";
import { KUBE_PROMETHEUS_STACK_RELEASE } from "../observability/kube-prometheus-stack";
import { kubernetesProviderIssues } from "../workload/kubernetes-provider";
import {
  ARGO_ROLLOUTS_CHART,
  ARGO_ROLLOUTS_NAMESPACE,
  ARGO_ROLLOUTS_RELEASE,
  argoRolloutsValues,
  ROLLOUTS_CONTROLLER_DEFAULTS,
  rolloutAlertRules,
  rolloutsServiceMonitor,
} from "./argo-rollouts";
import { ROLLOUTS_CONTROLLER_ARGS, type RolloutsControllerArgs } from "./args";

export const ROLLOUTS_CONTROLLER_TYPE = componentType("RolloutsController");

/** Options of a {@link RolloutsController}: a component's options, plus what its release alone waits for. */
export interface RolloutsControllerOptions extends pulumi.ComponentResourceOptions {
  /**
   * What the release waits for beyond the provider, e.g. the cluster's CoreDNS add-on (`Cluster.clusterDns`)
   * its pods resolve names with. `dependsOn` holds back the monitoring objects only.
   */
  releaseDependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * The Argo Rollouts controller in `argo-rollouts`, from its pinned official chart, with its CRDs;
 * with `monitoring`, a ServiceMonitor and the alerts on aborted rollouts. Those two wait for the
 * component's `dependsOn` (the kube-prometheus-stack release, which installs their CRDs); the release
 * does not, so both charts install side by side. The Kubernetes provider must come through `opts`.
 */
export class RolloutsController extends pulumi.ComponentResource {
  /** Namespace of the controller. */
  public readonly namespace: pulumi.Output<string>;
  /**
   * The release, which installs the Argo Rollouts CRDs: whatever creates a Rollout or an
   * AnalysisTemplate should depend on it.
   */
  public readonly crds: pulumi.Resource;

  constructor(name: string, rawArgs: RolloutsControllerArgs = {}, options?: RolloutsControllerOptions) {
    const { releaseDependsOn = [], ...opts } = options ?? {};
    const issues = [
      ...ROLLOUTS_CONTROLLER_ARGS.issues(rawArgs, undefined),
      ...kubernetesProviderIssues(opts),
    ];
    if (issues.length > 0) throw new InfraValidationError(`RolloutsController "${name}"`, issues);
    const args = ROLLOUTS_CONTROLLER_ARGS.parse(rawArgs, name, undefined);
    super(ROLLOUTS_CONTROLLER_TYPE, name, {}, opts);

    const release = new k8s.helm.v3.Release(
      `${name}-argo-rollouts`,
      {
        name: ARGO_ROLLOUTS_RELEASE,
        chart: ARGO_ROLLOUTS_CHART.name,
        version: ARGO_ROLLOUTS_CHART.version,
        repositoryOpts: { repo: ARGO_ROLLOUTS_CHART.repository },
        namespace: ARGO_ROLLOUTS_NAMESPACE,
        createNamespace: true,
        values: argoRolloutsValues({
          ...ROLLOUTS_CONTROLLER_DEFAULTS[args.profile],
          monitoring: args.monitoring,
        }),
        atomic: true,
        cleanupOnFail: true,
        timeout: 600,
        maxHistory: 10,
      },
      // Only the cluster (through the provider) and what the caller named for it: the release runs
      // beside kube-prometheus-stack.
      { parent: this, dependsOn: releaseDependsOn },
    );
    if (args.monitoring) {
      // After the release, which creates the namespace and the metrics Service, and after what the
      // caller named (the release installing the monitoring CRDs): a component's dependsOn is not
      // inherited.
      const callerDependsOn = opts.dependsOn === undefined ? [] : [opts.dependsOn].flat();
      const after = {
        parent: this,
        dependsOn: [...(callerDependsOn as pulumi.Input<pulumi.Resource>[]), release],
      };
      const labels = { "app.kubernetes.io/managed-by": "pulumi", release: KUBE_PROMETHEUS_STACK_RELEASE };
      new k8s.apiextensions.CustomResource(`${name}-service-monitor`, rolloutsServiceMonitor(labels), after);
      const rule = rolloutAlertRules({
        name: `${ARGO_ROLLOUTS_RELEASE}-alerts`,
        namespace: ARGO_ROLLOUTS_NAMESPACE,
        runbookBaseUrl: args.runbookBaseUrl.replace(/\/+$/, ""),
        labels,
      });
      new k8s.apiextensions.CustomResource(`${name}-rollout-alerts`, rule, after);
    }

    this.namespace = release.namespace;
    this.crds = release;
    this.registerOutputs({ namespace: this.namespace });
  }
}
