import { KARPENTER_REPLICAS, KARPENTER_RESOURCES } from "../../components/cluster/karpenter-chart";
import { ROLLOUTS_CONTROLLER_DEFAULTS } from "../../components/delivery";
import { OBSERVABILITY_DEFAULTS } from "../../components/observability";
import { parseQuantity, type Quantity } from "../../components/workload/quantity";
import type { EnvironmentConfig } from "../config";
import type { Resources, Workload } from "./capacity";

/**
 * Every pod the platform puts on the nodes, with its requests: what the pod-capacity check counts.
 *
 * - kube-prometheus-stack: this repository's own sizing (`components/observability/defaults.ts`),
 *   the source of truth.
 * - Container Insights: the `amazon-cloudwatch-observability` chart's default values
 *   (aws-observability/helm-charts `charts/amazon-cloudwatch-observability/values.yaml`: agent
 *   250m / 128Mi, Fluent Bit 50m / 25Mi, operator 100m / 64Mi).
 * - EBS CSI driver: the chart's default values (kubernetes-sigs/aws-ebs-csi-driver
 *   `charts/aws-ebs-csi-driver/values.yaml`: 10m / 40Mi on the driver container of the node and of
 *   the controller, 2 controller replicas; the sidecars set no request).
 * - vpc-cni `aws-node`, `kube-proxy`, CoreDNS, metrics-server and the pod identity agent: the
 *   requests of their EKS manifests as commonly deployed, not checked against the pinned builds.
 *
 * The EKS add-ons are not configured by this repository and their requests can change with a
 * build: after a first deploy compare them with
 * `kubectl get ds,deploy -A -o custom-columns=NAME:.metadata.name,REQ:.spec.template.spec.containers[*].resources.requests`
 * and correct this table. An add-on that sets no request is counted as a pod only.
 */

const pod = (cpuMilli: number, memoryMib: number): Resources => ({ pods: 1, cpuMilli, memoryMib });

/** DaemonSets of the EKS add-ons every cluster gets. */
const CLUSTER_DAEMONSETS: readonly Workload[] = [
  { name: "aws-node (vpc-cni)", perNode: true, pod: pod(25, 0) },
  { name: "kube-proxy", perNode: true, pod: pod(100, 0) },
  { name: "eks-pod-identity-agent", perNode: true, pod: pod(0, 0) },
  { name: "ebs-csi-node", perNode: true, pod: pod(10, 40) },
];

/**
 * Deployments of the EKS add-ons installed after the node groups. All tolerate the system group's
 * `CriticalAddonsOnly` taint: CoreDNS and metrics-server through the configuration the cluster gives
 * them (components/cluster/addons.ts), the EBS CSI controller by its chart's default tolerations.
 */
const CLUSTER_DEPLOYMENTS: readonly Workload[] = [
  { name: "coredns", replicas: 2, pod: pod(100, 70), system: true },
  { name: "metrics-server", replicas: 2, pod: pod(100, 200), system: true },
  { name: "ebs-csi-controller", replicas: 2, pod: pod(10, 40), system: true },
];

/** The `amazon-cloudwatch-observability` add-on (Container Insights). */
const CONTAINER_INSIGHTS: readonly Workload[] = [
  { name: "cloudwatch-agent", perNode: true, pod: pod(250, 128) },
  { name: "fluent-bit", perNode: true, pod: pod(50, 25) },
  { name: "amazon-cloudwatch-observability-controller-manager", replicas: 1, pod: pod(100, 64) },
];

const MIB = 2n ** 20n;

/** Millicores of a CPU quantity, rounded up. */
function milli(quantity: Quantity | undefined): number {
  if (!quantity) return 0;
  return Number((quantity.numerator * 1000n + quantity.denominator - 1n) / quantity.denominator);
}

/** MiB of a memory quantity, rounded up. */
function mebibytes(quantity: Quantity | undefined): number {
  if (!quantity) return 0;
  const denominator = quantity.denominator * MIB;
  return Number((quantity.numerator + denominator - 1n) / denominator);
}

/** A pod's requests from Kubernetes quantities (`250m`, `1Gi`); unparsable ones count as 0 (validation reports them). */
function requests(...containers: { readonly cpu: string; readonly memory: string }[]): Resources {
  return containers.reduce<Resources>(
    (sum, c) => ({
      pods: 1,
      cpuMilli: sum.cpuMilli + milli(parseQuantity(c.cpu)),
      memoryMib: sum.memoryMib + mebibytes(parseQuantity(c.memory)),
    }),
    { pods: 1, cpuMilli: 0, memoryMib: 0 },
  );
}

/** kube-prometheus-stack as the observability component sizes it for the profile. */
function prometheusStack(config: EnvironmentConfig): Workload[] {
  const defaults = OBSERVABILITY_DEFAULTS[config.profile];
  const r = defaults.resources;
  const req = (x: { requests: { cpu: string; memory: string } }) => x.requests;
  return [
    { name: "prometheus-node-exporter", perNode: true, pod: requests(req(r.nodeExporter)) },
    { name: "prometheus", replicas: 1, pod: requests(req(r.prometheus), req(r.configReloader)) },
    {
      name: "alertmanager",
      replicas: defaults.alertmanager.replicas,
      pod: requests(req(r.alertmanager), req(r.configReloader)),
    },
    // Grafana runs a dashboards and a datasources sidecar.
    {
      name: "grafana",
      replicas: 1,
      pod: requests(req(r.grafana), req(r.grafanaSidecar), req(r.grafanaSidecar)),
    },
    { name: "prometheus-operator", replicas: 1, pod: requests(req(r.operator)) },
    { name: "kube-state-metrics", replicas: 1, pod: requests(req(r.kubeStateMetrics)) },
  ];
}

/** Whether the stack installs kube-prometheus-stack (and with it the prometheus-operator CRDs). */
export function installsPrometheus(config: Pick<EnvironmentConfig, "observability">): boolean {
  return config.observability.prometheus.enabled !== false;
}

/** Whether the stack installs the Container Insights add-on. */
export function installsContainerInsights(config: Pick<EnvironmentConfig, "observability">): boolean {
  return config.observability.containerInsights !== false;
}

/** Karpenter's controller as the cluster installs it (components/cluster/karpenter-chart.ts). */
function karpenter(config: EnvironmentConfig): Workload[] {
  if (!config.cluster.autoscaling.enabled) return [];
  return [
    {
      name: "karpenter",
      replicas: KARPENTER_REPLICAS[config.profile],
      pod: requests(KARPENTER_RESOURCES.requests),
      system: true,
    },
  ];
}

/** The Argo Rollouts controller as the RolloutsController component sizes it for the profile. */
function rolloutsController(config: EnvironmentConfig): Workload {
  const sizing = ROLLOUTS_CONTROLLER_DEFAULTS[config.profile];
  return { name: "argo-rollouts", replicas: sizing.replicas, pod: requests(sizing.resources.requests) };
}

/**
 * Every workload the stack runs on its nodes: add-ons, Karpenter, monitoring, the rollouts
 * controller, and each service at `minReplicas` (up to `maxReplicas`), twice over for a blue-green
 * service (during a release its preview runs a full copy next to the active version).
 */
export function platformWorkloads(config: EnvironmentConfig): Workload[] {
  return [
    ...CLUSTER_DAEMONSETS,
    ...CLUSTER_DEPLOYMENTS,
    ...karpenter(config),
    ...(installsContainerInsights(config) ? CONTAINER_INSIGHTS : []),
    ...(installsPrometheus(config) ? prometheusStack(config) : []),
    rolloutsController(config),
    ...config.services.map((service): Workload => ({
      name: `service ${service.name}`,
      replicas: service.minReplicas * (service.strategy.type === "blueGreen" ? 2 : 1),
      maxReplicas: service.maxReplicas * (service.strategy.type === "blueGreen" ? 2 : 1),
      pod: requests({ cpu: service.cpu.request, memory: service.memory.request }),
    })),
  ];
}
