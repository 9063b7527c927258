/**
 * What the pod-capacity check needs to know about an EC2 instance type: its network interfaces and
 * IPv4 addresses per interface (from which EKS derives the node's pod limit), its vCPUs and memory.
 *
 * Sources:
 * - `enis`, `ipv4PerEni`: awslabs/amazon-eks-ami `nodeadm/internal/kubelet/instance-info.jsonl`
 *   (`defaultMaxENIs`, `ipv4AddressesPerInterface`), copy of 2026-07-23, licence MIT-0; only the
 *   rows of the instance types listed here are copied.
 * - `vcpus`, `memoryMib`: the EC2 instance type specifications (Amazon EC2 User Guide,
 *   "Instance types"; `aws ec2 describe-instance-types --instance-types <type>
 *   --query 'InstanceTypes[].[VCpuInfo.DefaultVCpus,MemoryInfo.SizeInMiB]'`).
 *
 * A node group naming a type missing here fails the check with a request to add its row: add it from
 * both sources above, not from memory.
 */
export interface InstanceTypeInfo {
  /** Network interfaces the instance type supports by default. */
  readonly enis: number;
  /** IPv4 addresses per interface. */
  readonly ipv4PerEni: number;
  readonly vcpus: number;
  readonly memoryMib: number;
}

export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeInfo>> = {
  "m6a.large": { enis: 3, ipv4PerEni: 10, vcpus: 2, memoryMib: 8192 },
  "m6a.xlarge": { enis: 4, ipv4PerEni: 15, vcpus: 4, memoryMib: 16384 },
  "m6g.large": { enis: 3, ipv4PerEni: 10, vcpus: 2, memoryMib: 8192 },
  "m6g.medium": { enis: 2, ipv4PerEni: 4, vcpus: 1, memoryMib: 4096 },
  "m6g.xlarge": { enis: 4, ipv4PerEni: 15, vcpus: 4, memoryMib: 16384 },
  "m6i.large": { enis: 3, ipv4PerEni: 10, vcpus: 2, memoryMib: 8192 },
  "m6i.xlarge": { enis: 4, ipv4PerEni: 15, vcpus: 4, memoryMib: 16384 },
  "m7g.large": { enis: 3, ipv4PerEni: 10, vcpus: 2, memoryMib: 8192 },
  "m7g.medium": { enis: 2, ipv4PerEni: 4, vcpus: 1, memoryMib: 4096 },
  "m7g.xlarge": { enis: 4, ipv4PerEni: 15, vcpus: 4, memoryMib: 16384 },
  "m7i.large": { enis: 3, ipv4PerEni: 10, vcpus: 2, memoryMib: 8192 },
  "t3.large": { enis: 3, ipv4PerEni: 12, vcpus: 2, memoryMib: 8192 },
  "t3.medium": { enis: 3, ipv4PerEni: 6, vcpus: 2, memoryMib: 4096 },
  "t3a.large": { enis: 3, ipv4PerEni: 12, vcpus: 2, memoryMib: 8192 },
  "t4g.large": { enis: 3, ipv4PerEni: 12, vcpus: 2, memoryMib: 8192 },
  "t4g.medium": { enis: 3, ipv4PerEni: 6, vcpus: 2, memoryMib: 4096 },
};
