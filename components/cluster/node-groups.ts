import type { CapacityType, NodeTaint, ResolvedNodeGroup } from "./args";
import { SYSTEM_TAINT } from "./node-settings";

/** The EKS-optimized Amazon Linux 2023 AMIs a managed node group can run. */
export type AmiType = "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";
export type CpuArchitecture = "x86_64" | "arm64";

/** `<family>.<size>`: `m6i.large`, `c7gn.2xlarge`, `m7i-flex.xlarge`. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

const AMI_BY_ARCHITECTURE: Readonly<Record<CpuArchitecture, AmiType>> = {
  x86_64: "AL2023_x86_64_STANDARD",
  arm64: "AL2023_ARM_64_STANDARD",
};

/**
 * The CPU architecture of an instance type. Graviton families carry a `g` right after their
 * generation digit (`m7g`, `c6gn`, `is4gen`, `x2gd`); `a1` is the first Graviton generation.
 */
export function architectureOf(instanceType: string): CpuArchitecture {
  const family = instanceType.split(".")[0] ?? "";
  if (family === "a1") return "arm64";
  const suffix = /^[a-z]+\d+(.*)$/.exec(family)?.[1] ?? "";
  return suffix.startsWith("g") ? "arm64" : "x86_64";
}

/** The AL2023 AMI type for a set of instance types, or undefined when they mix architectures. */
export function amiTypeFor(instanceTypes: readonly string[]): AmiType | undefined {
  const architectures = new Set(instanceTypes.map(architectureOf));
  if (architectures.size !== 1) return undefined;
  const [architecture] = architectures;
  return architecture ? AMI_BY_ARCHITECTURE[architecture] : undefined;
}

/** A node group with every default filled in: what the component creates. */
export interface NodeGroupPlan {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly amiType: AmiType;
  readonly capacityType: CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
  readonly maxUnavailable: number;
  readonly diskSizeGib: number;
}

/** Fills a validated node group's defaults. */
export function planNodeGroup(group: ResolvedNodeGroup): NodeGroupPlan {
  return {
    name: group.name,
    instanceTypes: [...group.instanceTypes],
    amiType: amiTypeFor(group.instanceTypes) ?? AMI_BY_ARCHITECTURE.x86_64,
    capacityType: group.capacityType,
    minSize: group.minSize,
    desiredSize: group.desiredSize ?? group.minSize,
    maxSize: group.maxSize,
    labels: { ...group.labels },
    taints: [...group.taints],
    maxUnavailable: group.maxUnavailable,
    diskSizeGib: group.diskSizeGib,
  };
}

/** Whether pods without tolerations (services) can run on the group's nodes. */
export function acceptsUntoleratedPods(group: {
  readonly taints?: readonly { readonly key?: string; readonly effect: string }[];
}): boolean {
  return !(group.taints ?? []).some((t) => t.effect === "NO_SCHEDULE" || t.effect === "NO_EXECUTE");
}

/**
 * Whether the cluster's critical add-ons (CoreDNS, which tolerates `CriticalAddonsOnly`) can run on
 * the group's nodes: no hard taint other than the system group's.
 */
export function acceptsSystemPods(group: {
  readonly taints?: readonly { readonly key?: string; readonly effect: string }[];
}): boolean {
  return acceptsUntoleratedPods({ taints: (group.taints ?? []).filter((t) => t.key !== SYSTEM_TAINT.key) });
}
