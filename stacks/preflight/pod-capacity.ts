import type { ValidationIssue } from "../../components/core";
import type { EnvironmentConfig } from "../config";
import { acceptsSystemPods, acceptsUntoleratedPods } from "../../components/cluster/node-groups";
import {
  allocatable,
  NODE_POOL_USABLE_SHARE,
  planCapacity,
  planNodePool,
  weakestNode,
  type CapacityReport,
  type NodePoolReport,
  type Resources,
  type Workload,
} from "./capacity";
import { INSTANCE_TYPES } from "./instance-types";
import { platformWorkloads } from "./platform-workloads";

const GROUPS = "infra:cluster.nodeGroups";
const AUTOSCALING = "infra:cluster.autoscaling";

const cpu = (milli: number) => `${(milli / 1000).toFixed(2).replace(/\.?0+$/, "")} CPU`;
const memory = (mib: number) => (mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`);
const describe = (r: Resources) => `${r.pods} pods, ${cpu(r.cpuMilli)}, ${memory(r.memoryMib)}`;
const shortOf = (r: Resources) =>
  [
    r.pods > 0 ? `${r.pods} pods` : undefined,
    r.cpuMilli > 0 ? cpu(r.cpuMilli) : undefined,
    r.memoryMib > 0 ? `${memory(r.memoryMib)} of memory` : undefined,
  ]
    .filter(Boolean)
    .join(", ");

/** Whether a workload runs on the node groups: everything without Karpenter, else what tolerates the system taint. */
function onNodeGroups(config: EnvironmentConfig, workload: Workload): boolean {
  return !config.cluster.autoscaling.enabled || workload.perNode === true || workload.system === true;
}

/**
 * The node groups at their minimum size against what must run on them: with Karpenter, the DaemonSets
 * and the pods that tolerate the system group's taint (groups with only that taint count); without
 * it, everything (untainted groups count). `undefined` when a type is unknown.
 */
export function clusterCapacity(
  config: EnvironmentConfig,
  prefixDelegation = false,
): { report?: CapacityReport; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const autoscaling = config.cluster.autoscaling.enabled;
  const pools = config.cluster.nodeGroups.map((group, i) => {
    const known = group.instanceTypes.filter((type) => {
      const info = INSTANCE_TYPES[type];
      if (!info)
        issues.push({
          path: `${GROUPS}[${i}].instanceTypes`,
          message: `"${type}" is not in the pod-capacity table (stacks/preflight/instance-types.ts); add its row from the sources named there`,
        });
      return info !== undefined;
    });
    return {
      name: group.name,
      nodes: group.minSize,
      node: weakestNode(known.map((type) => allocatable(INSTANCE_TYPES[type]!, prefixDelegation))),
      takesPods: autoscaling ? acceptsSystemPods(group) : acceptsUntoleratedPods(group),
    };
  });
  if (issues.length > 0) return { issues };
  const workloads = platformWorkloads(config).filter((w) => onNodeGroups(config, w));
  return { report: planCapacity(pools, workloads), issues };
}

/** Karpenter's NodePool limits against the pods that run on its nodes, services at `maxReplicas`. */
export function nodePoolCapacity(config: EnvironmentConfig): NodePoolReport | undefined {
  const autoscaling = config.cluster.autoscaling;
  if (!autoscaling.enabled) return undefined;
  return planNodePool(
    { cpuMilli: autoscaling.cpuLimit * 1000, memoryMib: autoscaling.memoryLimitGib * 1024 },
    platformWorkloads(config).filter((w) => !onNodeGroups(config, w)),
  );
}

/**
 * The pod-capacity check: at their minimum size the node groups must run every DaemonSet on every
 * node and what must run there (with Karpenter: Karpenter and the critical add-ons; without it: every
 * pod of the platform, each service at `minReplicas`). Otherwise add-ons go DEGRADED and Helm releases
 * roll back on the first deploy. With Karpenter, its NodePool limits must also hold the rest of the
 * platform (monitoring) and every service at `maxReplicas`, or scaled-out pods stay Pending.
 */
export function checkPodCapacity(config: EnvironmentConfig): ValidationIssue[] {
  const { report, issues } = clusterCapacity(config);
  if (!report) return issues;
  report.pools.forEach((pool, i) => {
    if (shortOf(pool.perNodeShortfall))
      issues.push({
        path: `${GROUPS}[${i}].instanceTypes`,
        message: `a node of group "${pool.name}" (${describe(pool.node)} allocatable) cannot even run the platform's DaemonSets (${describe(pool.perNodeUse)}): short of ${shortOf(pool.perNodeShortfall)}; use larger instance types`,
      });
  });
  if (shortOf(report.shortfall)) {
    const nodes = report.pools.map((p) => `${p.name}: ${p.nodes} × ${describe(p.node)}`).join("; ");
    issues.push({
      path: GROUPS,
      message: `at minSize the node groups (${nodes}) leave ${describe(report.available)} after the DaemonSets, but the platform's other pods need ${describe(report.required)}: short of ${shortOf(report.shortfall)}; use larger instance types or raise minSize`,
    });
  }
  if (report.oversized.length > 0)
    issues.push({
      path: GROUPS,
      message: `no node has room, after its DaemonSets, for one pod of ${report.oversized.join(", ")}; use larger instance types or lower those requests`,
    });
  const pool = nodePoolCapacity(config);
  if (pool && !pool.fits) {
    const share = `${Math.round(NODE_POOL_USABLE_SHARE * 100)}%`;
    issues.push({
      path: AUTOSCALING,
      message: `the pods on Karpenter's nodes (monitoring, services at maxReplicas) request ${cpu(pool.required.cpuMilli)} and ${memory(pool.required.memoryMib)}, but ${share} of the NodePool limits (cpuLimit, memoryLimitGib; the rest goes to the kubelet and DaemonSets) is ${cpu(pool.usable.cpuMilli)} and ${memory(pool.usable.memoryMib)}: short of ${shortOf({ ...pool.shortfall, pods: 0 })}; raise the limits or lower maxReplicas`,
    });
  }
  return issues;
}
