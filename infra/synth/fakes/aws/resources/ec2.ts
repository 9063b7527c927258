import { FakeCloudError } from "../../errors";
import { arn } from "../context";
import type { FakeResource, FakeResourceTable } from "./types";

const ec2Id = (prefix: string) => (r: { hex(length: number): string }) => `${prefix}-0${r.hex(16)}`;
const ec2Arn = (kind: string) => (r: FakeResource) => ({
  arn: arn(r.account, "ec2", `${kind}/${r.id}`),
  ownerId: r.account.accountId,
});

export const EC2_RESOURCES: FakeResourceTable = {
  "aws:ec2/vpc:Vpc": {
    id: ec2Id("vpc"),
    outputs: (r) => ({
      ...ec2Arn("vpc")(r),
      defaultSecurityGroupId: `sg-0${r.hex(16, "default-sg")}`,
      defaultRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
      mainRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
      defaultNetworkAclId: `acl-0${r.hex(16, "default-acl")}`,
      dhcpOptionsId: `dopt-0${r.hex(16, "dhcp")}`,
      instanceTenancy: r.inputs.instanceTenancy ?? "default",
    }),
  },
  "aws:ec2/subnet:Subnet": {
    id: ec2Id("subnet"),
    outputs: (r) => {
      const zone = r.account.region.zones.find((z) => z.name === r.inputs.availabilityZone);
      if (r.inputs.availabilityZone && !zone) {
        throw new FakeCloudError(
          `subnet ${r.name}: availability zone "${r.inputs.availabilityZone}" is not in ${r.account.region.name}`,
        );
      }
      return {
        ...ec2Arn("subnet")(r),
        availabilityZoneId: zone?.zoneId ?? r.account.region.zones[0]!.zoneId,
      };
    },
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    autoName: "name",
    id: ec2Id("sg"),
    outputs: ec2Arn("security-group"),
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    id: ec2Id("sg"),
    outputs: (r) => ({ ...ec2Arn("security-group")(r), name: "default" }),
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    autoName: "name",
    id: ec2Id("lt"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `launch-template/${r.id}`),
      defaultVersion: 1,
      latestVersion: 1,
    }),
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    id: ec2Id("sgr"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `security-group-rule/${r.id}`),
      securityGroupRuleId: r.id,
    }),
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    id: ec2Id("sgr"),
    outputs: (r) => ({
      arn: arn(r.account, "ec2", `security-group-rule/${r.id}`),
      securityGroupRuleId: r.id,
    }),
  },
};
