import type { ValidationIssue } from "../../components/core";
import type { EnvironmentConfig } from "../config";
import { allocatable, planCapacity, weakestNode, type CapacityReport, type Resources } from "./capacity";
import { INSTANCE_TYPES } from "./instance-types";
import { platformWorkloads } from "./platform-workloads";

const GROUPS = "infra:cluster.nodeGroups";

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

/** The node groups at their minimum size against everything the platform runs; `undefined` when a type is unknown. */
export function clusterCapacity(
  config: EnvironmentConfig,
  prefixDelegation = false,
): { report?: CapacityReport; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
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
      takesPods: (group.taints ?? []).length === 0,
    };
  });
  if (issues.length > 0) return { issues };
  return { report: planCapacity(pools, platformWorkloads(config)), issues };
}

/**
 * The pod-capacity check: at their minimum size the node groups must run every DaemonSet on every
 * node and every other pod of the platform (add-ons, monitoring, each service at `minReplicas`).
 * Otherwise add-ons go DEGRADED and Helm releases roll back on the first deploy.
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
  return issues;
}
