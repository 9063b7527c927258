import type { PolicyResource, StackFinding, StackRule } from "../types";
import { ALERTING_RULES } from "./alerting";
import { isPodWorkload, namespaceOf, podOf, selects } from "./pods";
import { isFalse, isSet, ofType, record, strings, text, TYPES } from "./values";

/** What one resource cannot show: how resources of a stack cover each other. */

const finding = (resource: PolicyResource, message: string): StackFinding => ({ urn: resource.urn, message });
const metadataName = (resource: PolicyResource) => text(record(resource.inputs.metadata).name, resource.name);

/** Zones of the stack's subnets, and its NAT gateways: one per zone when it has any. */
export const natPerZone: StackRule = {
  kind: "stack",
  name: "nat-per-zone",
  description:
    "A production network with NAT gateways has one in every zone its subnets use, so a zone loss cuts no other zone off",
  fix: 'set infra:network.natGateways: "perAz"',
  scope: "production",
  check: (resources) => {
    const nats = ofType(resources, TYPES.natGateway);
    if (nats.length === 0) return [];
    const zones = new Set(
      ofType(resources, TYPES.subnet)
        .map((s) => s.inputs.availabilityZone ?? s.inputs.availabilityZoneId)
        .filter(isSet),
    );
    return nats.length >= zones.size
      ? []
      : [finding(nats[0]!, `${nats.length} NAT gateway(s) for ${zones.size} zones: not one per zone`)];
  },
};

const DEPLOYMENT_TYPES = [TYPES.deployment, "kubernetes:argoproj.io/v1alpha1:Rollout"];

export const deploymentDisruptionBudget: StackRule = {
  kind: "stack",
  name: "deployment-disruption-budget",
  description:
    "Every Deployment's pods are covered by a PodDisruptionBudget in its namespace, so node drains keep it serving",
  fix: "add a PodDisruptionBudget selecting the pods' labels (the AutoscaledService creates one)",
  scope: "everywhere",
  check: (resources) => {
    const budgets = ofType(resources, TYPES.pdb);
    return ofType(resources, ...DEPLOYMENT_TYPES).flatMap((workload) => {
      const pod = podOf(workload);
      if (!pod) return [];
      const covered = budgets.some(
        (b) => namespaceOf(b) === pod.namespace && selects(record(b.inputs.spec).selector, pod.labels),
      );
      return covered ? [] : [finding(workload, "no PodDisruptionBudget selects its pods")];
    });
  },
};

export const autoscaledWithoutReplicas: StackRule = {
  kind: "stack",
  name: "autoscaled-without-replicas",
  description:
    "A workload an HPA scales sets no `replicas`: every `pulumi up` would reset the count and scale it down under load",
  fix: "remove spec.replicas; the HPA's minReplicas sets the floor",
  scope: "everywhere",
  check: (resources) =>
    ofType(resources, TYPES.hpa).flatMap((hpa) => {
      const target = record(record(hpa.inputs.spec).scaleTargetRef);
      const workload = resources.find(
        (r) =>
          isPodWorkload(r.type) &&
          record(r.inputs).kind === target.kind &&
          metadataName(r) === target.name &&
          namespaceOf(r) === namespaceOf(hpa),
      );
      return workload && isSet(record(workload.inputs.spec).replicas)
        ? [
            finding(
              workload,
              `sets replicas ${String(record(workload.inputs.spec).replicas)} while HPA ${metadataName(hpa)} scales it`,
            ),
          ]
        : [];
    }),
};

export const podsNetworkPolicy: StackRule = {
  kind: "stack",
  name: "pods-network-policy",
  description: "Every pod is selected by a NetworkPolicy in its namespace (default deny, then what it needs)",
  fix: "add a NetworkPolicy selecting the pods (the AutoscaledService creates a default-deny and its allow rules)",
  scope: "everywhere",
  check: (resources) => {
    const policies = ofType(resources, TYPES.networkPolicy);
    return resources
      .filter((r) => isPodWorkload(r.type))
      .flatMap((workload) => {
        const pod = podOf(workload);
        if (!pod) return [];
        const covered = policies.some(
          (p) => namespaceOf(p) === pod.namespace && selects(record(p.inputs.spec).podSelector, pod.labels),
        );
        return covered
          ? []
          : [finding(workload, `no NetworkPolicy in namespace ${pod.namespace} selects its pods`)];
      });
  },
};

/** API groups served by Kubernetes itself or handled by the Pulumi provider (no CRD needed). */
const BUILT_IN_GROUPS = new Set([
  "core",
  "apps",
  "batch",
  "autoscaling",
  "policy",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "apiextensions.k8s.io",
  "admissionregistration.k8s.io",
  "apiregistration.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "node.k8s.io",
  "certificates.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "events.k8s.io",
  "resource.k8s.io",
  "helm.sh",
  "yaml",
  "kustomize",
]);

/** CRD groups a chart installs with its release. */
export const CHART_CRD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  "kube-prometheus-stack": ["monitoring.coreos.com"],
  karpenter: ["karpenter.sh", "karpenter.k8s.aws"],
  "karpenter-crd": ["karpenter.sh", "karpenter.k8s.aws"],
  "argo-rollouts": ["argoproj.io"],
};

/** The API group of a Kubernetes type token `kubernetes:<group>/<version>:<Kind>`. */
export function kubernetesGroup(type: string): string | undefined {
  const match = /^kubernetes:([^/:]+)\/[^:]+:/.exec(type);
  return match?.[1];
}

export const customResourceDefinitions: StackRule = {
  kind: "stack",
  name: "custom-resource-definitions",
  description:
    "Every custom resource's CRD is installed by the stack (a CRD or a chart that ships it) or declared pre-existing",
  fix: "install the CRD in the stack (and make the resource depend on it), or list its group in the pack's preexistingCustomResourceGroups",
  scope: "everywhere",
  check: (resources, context) => {
    const installed = new Set<string>(context.preexistingCustomResourceGroups);
    for (const crd of ofType(resources, TYPES.crd)) installed.add(String(record(crd.inputs.spec).group));
    for (const release of ofType(resources, TYPES.helmRelease, TYPES.helmChart))
      // A chart by name, or by OCI reference (oci://public.ecr.aws/karpenter/karpenter): its last segment.
      for (const group of CHART_CRD_GROUPS[String(release.inputs.chart).split("/").pop()!] ?? [])
        installed.add(group);
    return resources.flatMap((r) => {
      const group = kubernetesGroup(r.type);
      if (group === undefined || BUILT_IN_GROUPS.has(group) || installed.has(group)) return [];
      return [
        finding(r, `its CRD (group ${group}) is neither installed by the stack nor declared pre-existing`),
      ];
    });
  },
};

/** The log groups AWS creates on its own, unencrypted and kept forever, unless the stack does first. */
function expectedLogGroups(resource: PolicyResource): string[] | undefined {
  const i = resource.inputs;
  switch (resource.type) {
    case TYPES.rdsInstance: {
      const exports = strings(i.enabledCloudwatchLogsExports);
      if (exports.length === 0) return [];
      return isSet(i.identifier)
        ? exports.map((log) => `/aws/rds/instance/${String(i.identifier)}/${log}`)
        : undefined;
    }
    case TYPES.eksCluster:
      if (strings(i.enabledClusterLogTypes).length === 0) return [];
      return isSet(i.name) ? [`/aws/eks/${String(i.name)}/cluster`] : undefined;
    case TYPES.lambda:
      if (isSet(record(i.loggingConfig).logGroup)) return [];
      return isSet(i.name) ? [`/aws/lambda/${String(i.name)}`] : undefined;
    default:
      return [];
  }
}

export const serviceLogGroupsManaged: StackRule = {
  kind: "stack",
  name: "service-log-groups-managed",
  description:
    "Every log group AWS would create on its own (RDS exports, EKS control plane, Lambda) is created by the stack, with the logs key",
  fix: "create the log group in the stack with kmsKeyId and retentionInDays, before the resource (dependsOn); name the resource explicitly so the group name is known",
  scope: "everywhere",
  check: (resources) => {
    const groups = new Map(
      ofType(resources, TYPES.logGroup).map((g) => [text(g.inputs.name, ""), g] as const),
    );
    return resources.flatMap((resource) => {
      const expected = expectedLogGroups(resource);
      if (expected === undefined)
        return [
          finding(
            resource,
            "writes logs to a group named after its generated name, which the stack cannot create first",
          ),
        ];
      return expected.flatMap((name) => {
        const group = groups.get(name);
        if (!group) return [finding(resource, `log group ${name} is not created by the stack`)];
        return isSet(group.inputs.kmsKeyId) ? [] : [finding(resource, `log group ${name} has no KMS key`)];
      });
    });
  },
};

const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

export const serviceAccountTokenOnlyForAws: StackRule = {
  kind: "stack",
  name: "service-account-token-only-for-aws",
  description: "A pod mounts a Kubernetes API token only when its service account has AWS access (IRSA)",
  fix: "set automountServiceAccountToken: false on the pod or its ServiceAccount, or give the ServiceAccount an IAM role",
  scope: "everywhere",
  check: (resources) => {
    const accounts = ofType(resources, TYPES.serviceAccount);
    return resources
      .filter((r) => isPodWorkload(r.type))
      .flatMap((workload) => {
        const pod = podOf(workload);
        if (!pod) return [];
        const accountName = text(pod.spec.serviceAccountName, "default");
        const account = accounts.find(
          (a) => namespaceOf(a) === pod.namespace && metadataName(a) === accountName,
        );
        // The pod's own setting wins over its ServiceAccount's; Kubernetes mounts the token by default.
        const mounted =
          pod.spec.automountServiceAccountToken !== undefined
            ? !isFalse(pod.spec.automountServiceAccountToken)
            : !isFalse(account?.inputs.automountServiceAccountToken);
        const aws = isSet(record(record(account?.inputs.metadata).annotations)[IRSA_ANNOTATION]);
        return mounted && !aws
          ? [
              finding(
                workload,
                `mounts the API token of service account ${accountName}, which has no IAM role`,
              ),
            ]
          : [];
      });
  },
};

export const STACK_RULES: StackRule[] = [
  natPerZone,
  deploymentDisruptionBudget,
  autoscaledWithoutReplicas,
  podsNetworkPolicy,
  customResourceDefinitions,
  serviceLogGroupsManaged,
  serviceAccountTokenOnlyForAws,
  ...ALERTING_RULES,
];
