/** What a kubeconfig for an EKS cluster is built from. */
export interface KubeconfigInputs {
  readonly clusterName: string;
  /** The API server URL, `https://<id>.gr7.<region>.eks.amazonaws.com`. */
  readonly endpoint: string;
  /** The cluster CA bundle, base64 PEM as EKS returns it. */
  readonly certificateAuthorityData: string;
  readonly region: string;
}

/**
 * A kubeconfig that holds no credential: every client asks `aws eks get-token` for a short-lived
 * token with whatever AWS identity it runs as, so the file can be shared and never goes stale.
 */
export function kubeconfigFor(inputs: KubeconfigInputs): Record<string, unknown> {
  const name = inputs.clusterName;
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster: { server: inputs.endpoint, "certificate-authority-data": inputs.certificateAuthorityData },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    preferences: {},
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", name, "--region", inputs.region, "--output", "json"],
            interactiveMode: "Never",
          },
        },
      },
    ],
  };
}

/** The kubeconfig as text (JSON, which every YAML reader accepts). */
export function renderKubeconfig(inputs: KubeconfigInputs): string {
  return JSON.stringify(kubeconfigFor(inputs), null, 2);
}
