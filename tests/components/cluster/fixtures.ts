import type { ClusterArgs } from "../../../components/cluster";

export const ACCOUNT = "123456789012";
export const SUBNET_IDS = [
  "subnet-0a1b2c3d4e5f60001",
  "subnet-0a1b2c3d4e5f60002",
  "subnet-0a1b2c3d4e5f60003",
];
export const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
export const DEPLOYER_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/platform-deployer`;

/** The smallest valid arguments: the network's private subnets and one admin role. */
export function minimalArgs(overrides: Partial<ClusterArgs> = {}): ClusterArgs {
  return {
    vpcId: "vpc-0a1b2c3d4e5f60000",
    subnetIds: SUBNET_IDS,
    subnetAvailabilityZones: ZONES,
    adminRoleArns: [ADMIN_ROLE],
    ...overrides,
  };
}
