import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { buildAnalysisTemplates, buildPreviewService, buildRollout, type ProgressiveSpec } from "./rollout";

/**
 * Registers a progressive service's Argo Rollouts objects: one AnalysisTemplate per criterion, the
 * blue-green preview Service, then the Rollout, which needs all of them and the Deployment whose pod
 * template it takes. The Argo Rollouts CRDs must be installed (the platform's `RolloutsController`).
 */
export function createRollout(
  name: string,
  spec: ProgressiveSpec,
  deployment: pulumi.Resource,
  opts: { readonly parent: pulumi.Resource; readonly dependsOn: pulumi.Input<pulumi.Resource>[] },
): k8s.apiextensions.CustomResource {
  const templates = buildAnalysisTemplates(spec).map(
    (template) =>
      new k8s.apiextensions.CustomResource(
        `${name}-analysis-${template.spec.metrics[0]!.name}`,
        template,
        opts,
      ),
  );
  const preview =
    spec.delivery.strategy === "blueGreen"
      ? [new k8s.core.v1.Service(`${name}-preview-service`, buildPreviewService(spec), opts)]
      : [];
  return new k8s.apiextensions.CustomResource(`${name}-rollout`, buildRollout(spec), {
    parent: opts.parent,
    dependsOn: [...opts.dependsOn, deployment, ...templates, ...preview],
  });
}
