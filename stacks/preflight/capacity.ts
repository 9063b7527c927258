import type { InstanceTypeInfo } from "./instance-types";

/**
 * Pod capacity of a cluster's nodes against what must run on them. Plain data in, plain data out.
 *
 * Facts (EKS User Guide and awslabs/amazon-eks-ami):
 * - pods per node without prefix delegation: `ENIs × (IPv4 per ENI − 1) + 2` (the first address of
 *   each interface is the node's own; aws-node and kube-proxy use the host network);
 * - with prefix delegation each secondary address slot holds a /28 prefix (16 addresses), and EKS
 *   recommends at most 110 pods on instances with fewer than 30 vCPUs, 250 otherwise;
 * - the kubelet keeps back CPU (6 % of the first core, 1 % of the second, 0.5 % of the third and
 *   fourth, 0.25 % of every further core), memory (`11 MiB × max pods + 255 MiB`) and a 100 MiB hard
 *   eviction threshold.
 *
 * The node's memory is taken as the instance type's nominal memory; the operating system sees a
 * little less, so a plan that fits with less than a few percent to spare should get more room.
 */

export interface Resources {
  readonly pods: number;
  readonly cpuMilli: number;
  readonly memoryMib: number;
}

const ZERO: Resources = { pods: 0, cpuMilli: 0, memoryMib: 0 };

function add(a: Resources, b: Resources): Resources {
  return { pods: a.pods + b.pods, cpuMilli: a.cpuMilli + b.cpuMilli, memoryMib: a.memoryMib + b.memoryMib };
}

function scale(a: Resources, times: number): Resources {
  return { pods: a.pods * times, cpuMilli: a.cpuMilli * times, memoryMib: a.memoryMib * times };
}

/** `a − b`, each dimension at least 0. */
function lack(need: Resources, have: Resources): Resources {
  return {
    pods: Math.max(0, need.pods - have.pods),
    cpuMilli: Math.max(0, need.cpuMilli - have.cpuMilli),
    memoryMib: Math.max(0, need.memoryMib - have.memoryMib),
  };
}

const isShort = (r: Resources) => r.pods > 0 || r.cpuMilli > 0 || r.memoryMib > 0;

/** Prefix delegation's recommended pod ceiling (EKS): 110 below 30 vCPUs, 250 from 30 on. */
const PREFIX_DELEGATION_POD_LIMIT = { small: 110, large: 250, largeFromVcpus: 30 } as const;
/** Addresses in one /28 prefix. */
const ADDRESSES_PER_PREFIX = 16;

/** The most pods the kubelet admits on one node of this type. */
export function maxPods(instance: InstanceTypeInfo, prefixDelegation = false): number {
  const slots = instance.enis * (instance.ipv4PerEni - 1);
  if (!prefixDelegation) return slots + 2;
  const ceiling =
    instance.vcpus < PREFIX_DELEGATION_POD_LIMIT.largeFromVcpus
      ? PREFIX_DELEGATION_POD_LIMIT.small
      : PREFIX_DELEGATION_POD_LIMIT.large;
  return Math.min(slots * ADDRESSES_PER_PREFIX + 2, ceiling);
}

/** CPU the kubelet reserves for the system, in millicores. */
export function reservedCpuMilli(vcpus: number): number {
  const steps: [cores: number, share: number][] = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Number.POSITIVE_INFINITY, 0.0025],
  ];
  let left = vcpus;
  let reserved = 0;
  for (const [cores, share] of steps) {
    const taken = Math.min(left, cores);
    reserved += taken * 1000 * share;
    left -= taken;
  }
  return Math.round(reserved);
}

const EVICTION_HARD_MIB = 100;

/** What pods can request on one node of this type. */
export function allocatable(instance: InstanceTypeInfo, prefixDelegation = false): Resources {
  const pods = maxPods(instance, prefixDelegation);
  return {
    pods,
    cpuMilli: instance.vcpus * 1000 - reservedCpuMilli(instance.vcpus),
    memoryMib: instance.memoryMib - (11 * pods + 255) - EVICTION_HARD_MIB,
  };
}

/** The weakest node a group may launch: the minimum of each dimension over its instance types. */
export function weakestNode(nodes: readonly Resources[]): Resources {
  if (nodes.length === 0) return ZERO;
  return {
    pods: Math.min(...nodes.map((n) => n.pods)),
    cpuMilli: Math.min(...nodes.map((n) => n.cpuMilli)),
    memoryMib: Math.min(...nodes.map((n) => n.memoryMib)),
  };
}

/**
 * Something that runs pods. `perNode` runs one pod on every node (a DaemonSet); `replicas` runs that
 * many pods wherever the scheduler finds room.
 */
export type Workload =
  | { readonly name: string; readonly perNode: true; readonly pod: Resources }
  | {
      readonly name: string;
      readonly perNode?: false;
      readonly replicas: number;
      readonly pod: Resources;
      /** It tolerates the system node group's taint, so it runs there (Karpenter, CoreDNS, ...). */
      readonly system?: boolean;
      /** Most replicas an autoscaler may add (services' `maxReplicas`); default `replicas`. */
      readonly maxReplicas?: number;
    };

/** The pods of replicated workloads, with their requests, at `replicas` (or `maxReplicas` when `atMax`). */
export function totalRequests(workloads: readonly Workload[], atMax = false): Resources {
  return workloads
    .filter((w): w is Extract<Workload, { replicas: number }> => w.perNode !== true)
    .reduce((sum, w) => add(sum, scale(w.pod, atMax ? (w.maxReplicas ?? w.replicas) : w.replicas)), ZERO);
}

/**
 * Karpenter's NodePool limits (vCPUs and memory of all its nodes together) against what may run on
 * its nodes. The limits count the instances' whole capacity while pods get only what the kubelet
 * leaves (and DaemonSets take their share of every node), so fitting exactly is not enough: the
 * pods' requests may use at most `share` of each limit.
 */
export interface NodePoolLimits {
  readonly cpuMilli: number;
  readonly memoryMib: number;
}

/** Share of a NodePool limit pods' requests may use, leaving the rest to the kubelet, DaemonSets and bin-packing waste. */
export const NODE_POOL_USABLE_SHARE = 0.75;

export interface NodePoolReport {
  /** Requests of every pod that runs on Karpenter's nodes, services at their maximum. */
  readonly required: Resources;
  /** What the limits leave for pods (`NODE_POOL_USABLE_SHARE` of each). */
  readonly usable: Resources;
  readonly shortfall: Resources;
  readonly fits: boolean;
}

export function planNodePool(limits: NodePoolLimits, workloads: readonly Workload[]): NodePoolReport {
  const required = totalRequests(workloads, true);
  const usable: Resources = {
    pods: Number.POSITIVE_INFINITY,
    cpuMilli: Math.floor(limits.cpuMilli * NODE_POOL_USABLE_SHARE),
    memoryMib: Math.floor(limits.memoryMib * NODE_POOL_USABLE_SHARE),
  };
  const shortfall = lack(required, usable);
  return { required, usable, shortfall, fits: !isShort(shortfall) };
}

/**
 * Nodes that are there before anything scales: a managed node group at its minimum size. `takesPods`
 * is false for a group whose taints keep ordinary pods off (DaemonSets still run there). A later
 * autoscaled pool (Karpenter) adds capacity only on demand, so it would not count here: what must
 * fit is what the fixed pools hold at their minimum.
 */
export interface CapacityPool {
  readonly name: string;
  readonly nodes: number;
  /** The weakest node the pool may launch. */
  readonly node: Resources;
  readonly takesPods: boolean;
}

export interface PoolReport {
  readonly name: string;
  readonly nodes: number;
  readonly node: Resources;
  /** DaemonSet pods and requests on each node. */
  readonly perNodeUse: Resources;
  /** What one node lacks for its DaemonSets alone. */
  readonly perNodeShortfall: Resources;
  /** What the pool's nodes have left for other pods. */
  readonly free: Resources;
}

export interface CapacityReport {
  readonly pools: readonly PoolReport[];
  /** Pods (and their requests) that are not DaemonSets. */
  readonly required: Resources;
  /** What the pools that take pods have left after their DaemonSets. */
  readonly available: Resources;
  /** `required − available`, each dimension at least 0. */
  readonly shortfall: Resources;
  /** Replicated pods too large for any single node, by workload name. */
  readonly oversized: readonly string[];
  readonly fits: boolean;
}

/** Whether the pools, at their minimum, hold every DaemonSet on every node and every other pod somewhere. */
export function planCapacity(pools: readonly CapacityPool[], workloads: readonly Workload[]): CapacityReport {
  const perNode = workloads.filter((w) => w.perNode === true).reduce((sum, w) => add(sum, w.pod), ZERO);
  const replicated = workloads.filter(
    (w): w is Extract<Workload, { replicas: number }> => w.perNode !== true,
  );
  const required = replicated.reduce((sum, w) => add(sum, scale(w.pod, w.replicas)), ZERO);

  const reports = pools.map((pool): PoolReport => {
    return {
      name: pool.name,
      nodes: pool.nodes,
      node: pool.node,
      perNodeUse: perNode,
      perNodeShortfall: lack(perNode, pool.node),
      free: pool.takesPods ? scale(clampNonNegative(sub(pool.node, perNode)), pool.nodes) : ZERO,
    };
  });
  const available = reports.reduce((sum, r) => add(sum, r.free), ZERO);
  const shortfall = lack(required, available);
  const largestFree = reports
    .filter((_, i) => pools[i]!.takesPods)
    .map((r) => clampNonNegative(sub(r.node, r.perNodeUse)));
  const oversized = replicated
    .filter(
      (w) =>
        w.replicas > 0 &&
        !largestFree.some((free) => w.pod.cpuMilli <= free.cpuMilli && w.pod.memoryMib <= free.memoryMib),
    )
    .map((w) => w.name);
  return {
    pools: reports,
    required,
    available,
    shortfall,
    oversized,
    fits: !isShort(shortfall) && oversized.length === 0 && reports.every((r) => !isShort(r.perNodeShortfall)),
  };
}

function sub(a: Resources, b: Resources): Resources {
  return { pods: a.pods - b.pods, cpuMilli: a.cpuMilli - b.cpuMilli, memoryMib: a.memoryMib - b.memoryMib };
}

function clampNonNegative(r: Resources): Resources {
  return {
    pods: Math.max(0, r.pods),
    cpuMilli: Math.max(0, r.cpuMilli),
    memoryMib: Math.max(0, r.memoryMib),
  };
}

export { isShort };
