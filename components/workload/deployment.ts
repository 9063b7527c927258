import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { SERVICE_DEFAULTS } from "./defaults";
import { renderEnv, renderEnvFrom } from "./env";
import { commonLabels, objectMetadata, selectorLabels } from "./labels";
import type { Plain } from "./plain";
import { HTTP_PORT_NAME, renderProbe } from "./probes";
import { POD_TEMPLATE_HASH_LABEL } from "./analysis";
import { isProgressive } from "./rollout";
import type { ServiceSpec } from "./service-spec";

/**
 * The Deployment as plain data, except the values a caller may pass as Outputs (the image, literal
 * env values), which stay as given: the resource resolves them.
 */
export type DeploymentObject = Omit<Plain<k8s.types.input.apps.v1.Deployment>, "spec"> & {
  spec: Omit<Plain<k8s.types.input.apps.v1.DeploymentSpec>, "template"> & { template: PodTemplate };
};
type PodTemplate = Omit<Plain<k8s.types.input.core.v1.PodTemplateSpec>, "spec"> & { spec: PodSpec };
type PodSpec = Omit<Plain<k8s.types.input.core.v1.PodSpec>, "containers"> & { containers: Container[] };
/** A container as the builders render it; the image and literal env values may still be Outputs. */
type Container = Omit<Plain<k8s.types.input.core.v1.Container>, "image" | "env"> & {
  image: pulumi.Input<string>;
  env?: ReturnType<typeof renderEnv>;
};

export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
export const NODE_TOPOLOGY_KEY = "kubernetes.io/hostname";
const TMP_VOLUME = "tmp";

function container(spec: ServiceSpec): Container {
  const { startup, readiness, liveness } = spec.probes;
  const env = renderEnv(spec.env);
  const envFrom = renderEnvFrom(spec.envFrom);
  return {
    name: spec.name,
    image: spec.image,
    // Tags are immutable by validation, so a cached image is the right image.
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: HTTP_PORT_NAME, containerPort: spec.port, protocol: "TCP" }],
    ...(env.length ? { env } : {}),
    ...(envFrom.length ? { envFrom } : {}),
    resources: {
      requests: {
        cpu: spec.resources.requests.cpu,
        memory: spec.resources.requests.memory,
        "ephemeral-storage": spec.resources.requests.ephemeralStorage,
      },
      limits: {
        cpu: spec.resources.limits.cpu,
        memory: spec.resources.limits.memory,
        "ephemeral-storage": spec.resources.limits.ephemeralStorage,
      },
    },
    ...(startup ? { startupProbe: renderProbe(startup) } : {}),
    ...(readiness ? { readinessProbe: renderProbe(readiness) } : {}),
    ...(liveness ? { livenessProbe: renderProbe(liveness) } : {}),
    // The pause lets endpoint removal reach kube-proxy and load balancers before SIGTERM; the
    // `sleep` action needs no shell or sleep binary in the image (Kubernetes 1.30+).
    ...(spec.preStopSleepSeconds > 0
      ? { lifecycle: { preStop: { sleep: { seconds: spec.preStopSleepSeconds } } } }
      : {}),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: spec.runAsUser,
      runAsGroup: spec.runAsGroup,
      readOnlyRootFilesystem: spec.readOnlyRootFilesystem,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...(spec.readOnlyRootFilesystem ? { volumeMounts: [{ name: TMP_VOLUME, mountPath: "/tmp" }] } : {}),
  };
}

function podSpec(spec: ServiceSpec): PodSpec {
  const spread = (topologyKey: string, whenUnsatisfiable: string) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: selectorLabels(spec) },
    // Counts only pods of the same revision, so a rollout's surge pods do not skew the spread. A
    // Rollout's ReplicaSets label their pods with their own hash key instead of the Deployment's.
    matchLabelKeys: [isProgressive(spec) ? POD_TEMPLATE_HASH_LABEL : "pod-template-hash"],
  });
  return {
    serviceAccountName: spec.serviceAccountName,
    automountServiceAccountToken: spec.automountServiceAccountToken,
    enableServiceLinks: false,
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: spec.runAsUser,
      runAsGroup: spec.runAsGroup,
      seccompProfile: { type: "RuntimeDefault" },
    },
    topologySpreadConstraints: [
      spread(ZONE_TOPOLOGY_KEY, spec.zoneSpread),
      spread(NODE_TOPOLOGY_KEY, spec.nodeSpread),
    ],
    containers: [container(spec)],
    ...(spec.readOnlyRootFilesystem
      ? { volumes: [{ name: TMP_VOLUME, emptyDir: { sizeLimit: SERVICE_DEFAULTS.tmpSizeLimit } }] }
      : {}),
  };
}

/**
 * The Deployment. It has no `spec.replicas`: the HPA owns the replica count, and a value here would
 * be re-applied by every `pulumi up`, scaling the service back down under load.
 */
export function buildDeployment(spec: ServiceSpec): DeploymentObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: objectMetadata(spec),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: {
          maxUnavailable: spec.rollingUpdate.maxUnavailable,
          maxSurge: spec.rollingUpdate.maxSurge,
        },
      },
      template: {
        metadata: { labels: commonLabels(spec) },
        spec: podSpec(spec),
      },
    },
  };
}
