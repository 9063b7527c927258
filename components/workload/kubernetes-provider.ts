import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ValidationIssue } from "../core";

/** The arg path a missing provider is reported at. */
export const KUBERNETES_PROVIDER_PATH = "opts.providers.kubernetes";

/**
 * Where the component's children will get their Kubernetes provider from, following the SDK's
 * order: `opts.provider`, then `opts.providers`, then the parent's providers. `undefined` means the
 * ambient default provider, i.e. whatever cluster the local kubeconfig points at.
 */
function explicitKubernetesProvider(opts: pulumi.ComponentResourceOptions | undefined): unknown {
  if (!opts) return undefined;
  if (k8s.Provider.isInstance(opts.provider)) return opts.provider;
  const providers = opts.providers;
  if (Array.isArray(providers)) {
    const listed = providers.find((p) => k8s.Provider.isInstance(p));
    if (listed) return listed;
  } else if (providers && "kubernetes" in providers) {
    return providers.kubernetes;
  }
  return opts.parent?.getProvider("kubernetes:core/v1:Namespace");
}

/**
 * An issue unless the options carry a Kubernetes provider. Falling back to the default provider would
 * deploy to whichever cluster the operator's kubeconfig happens to select, so it is refused.
 */
export function kubernetesProviderIssues(
  opts: pulumi.ComponentResourceOptions | undefined,
): ValidationIssue[] {
  const provider = explicitKubernetesProvider(opts);
  if (provider === undefined) {
    return [
      {
        path: KUBERNETES_PROVIDER_PATH,
        message:
          "no Kubernetes provider was given, and the default one would deploy to whatever cluster the local kubeconfig selects; " +
          "pass { provider: clusterProvider } or { providers: { kubernetes: clusterProvider } } (e.g. the Cluster component's provider)",
      },
    ];
  }
  if (!k8s.Provider.isInstance(provider)) {
    return [
      {
        path: KUBERNETES_PROVIDER_PATH,
        message:
          "is not a Kubernetes provider (a k8s.Provider); pass the cluster's kubernetes provider under this key",
      },
    ];
  }
  return [];
}
