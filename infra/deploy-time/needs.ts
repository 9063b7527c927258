import { addonPhase, CLUSTER_DNS_ADDON } from "../../components/cluster/addons";
import { EBS_CSI_ADDON } from "../../components/cluster/storage-class";
import { isEksAddonName } from "../../components/cluster/versions";
import { CHART_CRD_GROUPS, kubernetesGroup } from "../../policies/rules/stack";
import type { SynthResource } from "../synth/model";

/**
 * A wait a fresh `up` cannot do without: what AWS or the Kubernetes API server would reject, or
 * leave broken, if `dependent` were created before `dependency`. Waits that carry a value (an input
 * that is another resource's output) are always needed; these rules judge the others, the explicit
 * `dependsOn` of a resource and of its provider.
 */
export interface OrderingNeed {
  readonly why: string;
  readonly holds: (dependent: SynthResource, dependency: SynthResource) => boolean;
}

const T = {
  addon: "aws:eks/addon:Addon",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  accessEntry: "aws:eks/accessEntry:AccessEntry",
  accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  natGateway: "aws:ec2/natGateway:NatGateway",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  release: "kubernetes:helm.sh/v3:Release",
  namespace: "kubernetes:core/v1:Namespace",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
} as const;

const IAM_PERMISSIONS = new Set([
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
]);
const SECURITY_GROUP_RULES = new Set([
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
]);
/** Kinds that run pods (a Helm release runs its chart's). */
const POD_KINDS = new Set(["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Rollout"]);
/** An object that names another of these kinds by name (scale target, workload, analysis, node class). */
const REFERENCES: Readonly<Record<string, readonly string[]>> = {
  HorizontalPodAutoscaler: ["Deployment", "StatefulSet", "Rollout"],
  Rollout: ["Deployment", "AnalysisTemplate"],
  NodePool: ["EC2NodeClass"],
};

const kind = (r: SynthResource) => r.type.slice(r.type.lastIndexOf(":") + 1);
const isKubernetes = (r: SynthResource) => r.type.startsWith("kubernetes:");
const runsPods = (r: SynthResource) => r.type === T.release || (isKubernetes(r) && POD_KINDS.has(kind(r)));
const addonName = (r: SynthResource) =>
  r.type === T.addon && typeof r.inputs.addonName === "string" ? r.inputs.addonName : undefined;
const record = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
/** The node-group phase of an add-on resource, when it is one this library knows. */
const phaseOf = (r: SynthResource) => {
  const name = addonName(r);
  return name !== undefined && isEksAddonName(name) ? addonPhase(name) : undefined;
};

/**
 * Whether pods of `r` resolve names through cluster DNS: every pod does unless its `dnsPolicy` is
 * `Default` (the node's resolver), in a chart's values or a pod template.
 */
function usesClusterDns(r: SynthResource): boolean {
  const policy =
    r.type === T.release
      ? record(r.inputs.values).dnsPolicy
      : record(record(record(r.inputs.spec).template).spec).dnsPolicy;
  return policy !== "Default";
}

/** The chart a release installs, by name or by the last segment of its OCI reference. */
const chartOf = (release: SynthResource) => String(release.inputs.chart).split("/").pop()!;

export const ORDERING_NEEDS: readonly OrderingNeed[] = [
  {
    why: "a role's permissions are attached before whatever acts with the role first uses them",
    holds: (_, dependency) => IAM_PERMISSIONS.has(dependency.type),
  },
  {
    why: "a log group exists with its retention and key before the first log line, or AWS creates it without them",
    holds: (_, dependency) => dependency.type === T.logGroup,
  },
  {
    why: "a NAT gateway routes out only once the VPC has its internet gateway",
    holds: (dependent, dependency) =>
      dependent.type === T.natGateway && dependency.type === T.internetGateway,
  },
  {
    why: "nodes join and turn Ready only with the node security group rules and the networking add-ons",
    holds: (dependent, dependency) =>
      dependent.type === T.nodeGroup &&
      (SECURITY_GROUP_RULES.has(dependency.type) || phaseOf(dependency) === "beforeNodeGroups"),
  },
  {
    why: "an add-on that runs a Deployment stays degraded until a node can run it",
    holds: (dependent, dependency) =>
      phaseOf(dependent) === "afterNodeGroups" && dependency.type === T.nodeGroup,
  },
  {
    why: "pods need a node with pod networking, service routing and the Pod Identity agent",
    holds: (dependent, dependency) =>
      runsPods(dependent) && (dependency.type === T.nodeGroup || phaseOf(dependency) === "beforeNodeGroups"),
  },
  {
    why: "pods that resolve names through cluster DNS need CoreDNS running",
    holds: (dependent, dependency) =>
      runsPods(dependent) && usesClusterDns(dependent) && addonName(dependency) === CLUSTER_DNS_ADDON,
  },
  {
    why: "EKS gives pods Pod Identity credentials only once the association exists, and a queue takes its senders' messages once its policy does",
    holds: (dependent, dependency) =>
      runsPods(dependent) && (dependency.type === T.podIdentity || dependency.type === T.queuePolicy),
  },
  {
    why: "the deploying role may call the Kubernetes API once its access policy is associated",
    holds: (dependent, dependency) => isKubernetes(dependent) && dependency.type === T.accessPolicy,
  },
  {
    why: "the API server rejects an object in a namespace that does not exist yet",
    holds: (dependent, dependency) =>
      isKubernetes(dependent) &&
      (dependency.type === T.namespace ||
        (dependency.type === T.release &&
          dependency.inputs.createNamespace === true &&
          record(dependent.inputs.metadata).namespace === dependency.inputs.namespace)),
  },
  {
    why: "the API server rejects a kind until the release that ships its CRD is installed",
    holds: (dependent, dependency) => {
      const group = kubernetesGroup(dependent.type);
      return (
        dependency.type === T.release &&
        group !== undefined &&
        (CHART_CRD_GROUPS[chartOf(dependency)] ?? []).includes(group)
      );
    },
  },
  {
    why: "a pod is admitted only once its service account exists",
    holds: (dependent, dependency) => runsPods(dependent) && dependency.type === T.serviceAccount,
  },
  {
    why: "an object that names another (scale target, workload, analysis template, node class) waits for it, or its controller reports it missing",
    holds: (dependent, dependency) =>
      isKubernetes(dependent) &&
      isKubernetes(dependency) &&
      (REFERENCES[kind(dependent)] ?? []).includes(kind(dependency)),
  },
  {
    why: "nodes Karpenter launches join the cluster only with their role's access entry",
    holds: (dependent, dependency) => kind(dependent) === "EC2NodeClass" && dependency.type === T.accessEntry,
  },
  {
    why: "volumes of the gp3 class are provisioned by the EBS CSI driver, for pods on Karpenter's nodes",
    holds: (dependent, dependency) =>
      dependent.type === T.storageClass &&
      (addonName(dependency) === EBS_CSI_ADDON || kind(dependency) === "NodePool"),
  },
  {
    why: "a release whose pods claim volumes waits for their StorageClass",
    holds: (dependent, dependency) => runsPods(dependent) && dependency.type === T.storageClass,
  },
];

/** The need that explains why `dependent` waits for `dependency`, if any. */
export function orderingNeed(
  dependent: SynthResource,
  dependency: SynthResource,
  needs: readonly OrderingNeed[] = ORDERING_NEEDS,
): OrderingNeed | undefined {
  return needs.find((need) => need.holds(dependent, dependency));
}

/** URNs `r` waits for because an input carries their value (not an explicit `dependsOn`). */
function dataEdges(r: SynthResource): string[] {
  const explicit = new Set(r.options.dependsOn ?? []);
  return r.dependencies.filter((urn) => !explicit.has(urn));
}

/**
 * What a fresh `up` cannot start `resource` without: every value its inputs carry, its provider (with
 * the provider's own values), a custom parent, and those explicit waits, its own or its provider's,
 * that an ordering need explains. The rest are false serialization.
 */
export function neededWaits(
  resource: SynthResource,
  byUrn: ReadonlyMap<string, SynthResource>,
  needs: readonly OrderingNeed[] = ORDERING_NEEDS,
): string[] {
  const waits = new Set(dataEdges(resource));
  const explained = (urns: readonly string[]) =>
    urns.filter((urn) => {
      const dependency = byUrn.get(urn);
      return dependency !== undefined && orderingNeed(resource, dependency, needs) !== undefined;
    });
  for (const urn of explained(resource.options.dependsOn ?? [])) waits.add(urn);
  const provider = resource.provider ? byUrn.get(resource.provider) : undefined;
  if (provider) {
    waits.add(provider.urn);
    for (const urn of explained(provider.options.dependsOn ?? [])) waits.add(urn);
  }
  if (resource.parent && byUrn.get(resource.parent)?.custom) waits.add(resource.parent);
  return [...waits].filter((urn) => byUrn.get(urn)?.custom).sort();
}
