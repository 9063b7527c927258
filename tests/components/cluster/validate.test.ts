import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { validateClusterArgs, type ClusterArgs, type NodeGroupArgs } from "../../../components/cluster";
import { ACCOUNT, ADMIN_ROLE, minimalArgs } from "./fixtures";

const GROUP: NodeGroupArgs = { name: "general", instanceTypes: ["m6i.large"], minSize: 1, maxSize: 3 };

function issuesFor(overrides: Partial<ClusterArgs>, name = "platform") {
  return validateClusterArgs(minimalArgs(overrides), name);
}

/** The one issue at `path`, failing when there is none or several. */
function issueAt(overrides: Partial<ClusterArgs>, path: string, name?: string) {
  const issues = issuesFor(overrides, name);
  const found = issues.filter((i) => i.path === path);
  expect(found, `issues: ${JSON.stringify(issues)}`).toHaveLength(1);
  return found[0]!.message;
}

function group(overrides: Partial<NodeGroupArgs>): NodeGroupArgs {
  return { ...GROUP, ...overrides };
}

describe("validateClusterArgs", () => {
  it("accepts the minimal arguments in both profiles", () => {
    expect(issuesFor({})).toEqual([]);
    expect(issuesFor({ profile: "development" })).toEqual([]);
  });

  it("skips subnet ids that are not known yet", () => {
    expect(issuesFor({ subnetIds: pulumi.output(["subnet-1"]) })).toEqual([]);
  });

  it("rejects an unknown profile", () => {
    expect(issueAt({ profile: "staging" as never }, "profile")).toMatch(/"staging" is not a profile/);
  });

  describe("names", () => {
    it("rejects a cluster name EKS would refuse", () => {
      expect(issueAt({ clusterName: "-platform" }, "clusterName")).toMatch(
        /"-platform" is not an EKS cluster name/,
      );
      expect(issueAt({ clusterName: "x".repeat(101) }, "clusterName")).toMatch(/1-100 letters/);
    });

    it("says when the default cluster name comes from the component name", () => {
      expect(issueAt({}, "clusterName", "platform.prod")).toMatch(/"platform\.prod" \(the component name\)/);
    });

    it("rejects a component name that makes IAM role names too long", () => {
      expect(issueAt({}, "name", "p".repeat(36))).toMatch(
        /IAM allows 64, so use a component name of at most 35/,
      );
      expect(issuesFor({}, "p".repeat(35)).filter((i) => i.path === "name")).toEqual([]);
    });

    it("rejects a node group name that makes the EKS node group name longer than 63", () => {
      expect(issueAt({ nodeGroups: [group({ name: "g".repeat(47) })] }, "nodeGroups[0].name")).toMatch(
        /64 characters; EKS allows 63, so shorten it to at most 46/,
      );
      expect(issuesFor({ nodeGroups: [group({ name: "g".repeat(46) })] })).toEqual([]);
    });

    it("rejects a node group name with characters EKS refuses, and duplicates", () => {
      expect(issueAt({ nodeGroups: [group({ name: "gen eral" })] }, "nodeGroups[0].name")).toMatch(
        /"gen eral" is not a node group name/,
      );
      expect(issueAt({ nodeGroups: [GROUP, group({})] }, "nodeGroups[1].name")).toMatch(
        /already used by nodeGroups\[0\]/,
      );
    });
  });

  describe("versions", () => {
    it("rejects a Kubernetes version missing from the version table", () => {
      expect(issueAt({ version: "1.29" }, "version")).toMatch(
        /"1\.29" is not a Kubernetes version this library supports on EKS; use one of "1\.35", "1\.34", "1\.33", "1\.32"/,
      );
      expect(issueAt({ version: "latest" }, "version")).toMatch(/"latest"/);
    });

    it("rejects an add-on build that is not an eksbuild version, and add-ons it does not install", () => {
      expect(issueAt({ addonVersions: { coredns: "1.11" } }, "addonVersions.coredns")).toMatch(
        /"1\.11" is not an EKS add-on build/,
      );
      expect(
        issueAt(
          { addonVersions: { "aws-efs-csi-driver": "v2.1.0-eksbuild.1" } },
          "addonVersions.aws-efs-csi-driver",
        ),
      ).toMatch(/is not an add-on this cluster installs/);
    });
  });

  describe("subnets", () => {
    it("needs at least 2 subnets", () => {
      expect(
        issueAt(
          { subnetIds: ["subnet-1"], subnetAvailabilityZones: ["eu-west-1a"] },
          "subnetAvailabilityZones",
        ),
      ).toMatch(/has 1 subnet\(s\); EKS needs at least 2 private subnets in 2 availability zones/);
    });

    it("needs subnets in at least 2 availability zones", () => {
      expect(
        issueAt(
          { subnetIds: ["subnet-1", "subnet-2"], subnetAvailabilityZones: ["eu-west-1a", "eu-west-1a"] },
          "subnetAvailabilityZones",
        ),
      ).toMatch(/all 2 subnets are in "eu-west-1a"/);
    });

    it("needs one zone per subnet and real zone names", () => {
      expect(issueAt({ subnetIds: ["subnet-1", "subnet-2"] }, "subnetIds")).toMatch(
        /has 2 subnet\(s\) but subnetAvailabilityZones has 3/,
      );
      expect(
        issueAt(
          { subnetAvailabilityZones: ["eu-west-1a", "eu-west-1b", "west"] },
          "subnetAvailabilityZones[2]",
        ),
      ).toMatch(/"west" is not an availability zone name/);
      expect(issueAt({ subnetAvailabilityZones: undefined }, "subnetAvailabilityZones")).toMatch(
        /is required/,
      );
    });
  });

  describe("endpoint access", () => {
    it("requires CIDRs for a public endpoint", () => {
      expect(issueAt({ endpointPublicAccess: true }, "publicAccessCidrs")).toMatch(
        /is empty but endpointPublicAccess is true/,
      );
    });

    it("never opens the API to the whole Internet, in any profile", () => {
      for (const profile of ["production", "development"] as const) {
        expect(
          issueAt(
            { profile, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
            "publicAccessCidrs[0]",
          ),
        ).toMatch(/"0\.0\.0\.0\/0" opens the Kubernetes API to the whole Internet/);
      }
    });

    it("rejects malformed CIDRs", () => {
      const args = {
        endpointPublicAccess: true,
        publicAccessCidrs: ["203.0.113.0/24", "10.0.0.1/8", "300.1.1.1/32", "office"],
      };
      const paths = issuesFor(args).map((i) => i.path);
      expect(paths).toEqual(["publicAccessCidrs[1]", "publicAccessCidrs[2]", "publicAccessCidrs[3]"]);
      expect(issueAt(args, "publicAccessCidrs[1]")).toMatch(/has host bits set beyond \/8/);
    });

    it("refuses lists whose union admits all of IPv4 though no block is /0", () => {
      const halves = { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] };
      expect(issueAt(halves, "publicAccessCidrs")).toMatch(
        /admit 4294967296 addresses together, more than publicAccessMaxAddresses \(65536\)/,
      );
      expect(issueAt(halves, "publicAccessCidrs[0]")).toMatch(/"0\.0\.0\.0\/1" admits more than a \/8/);
      expect(issueAt(halves, "publicAccessCidrs[1]")).toMatch(/"128\.0\.0\.0\/1" admits more than a \/8/);
    });

    it("counts overlaps once against the maximum, exactly at the boundary", () => {
      const cidrs = (list: string[], max?: number) => ({
        endpointPublicAccess: true,
        publicAccessCidrs: list,
        ...(max !== undefined && { publicAccessMaxAddresses: max }),
      });
      // A /16 and a /24 inside it: 65536 addresses, exactly the default maximum.
      expect(issuesFor(cidrs(["198.51.0.0/16", "198.51.100.0/24"]))).toEqual([]);
      // One more address is over.
      expect(issueAt(cidrs(["198.51.0.0/16", "203.0.113.7/32"]), "publicAccessCidrs")).toMatch(
        /admit 65537 addresses together/,
      );
      // A valid non-default maximum admits a /8, the widest block allowed at all.
      expect(issuesFor(cidrs(["10.0.0.0/8"], 16777216))).toEqual([]);
      expect(issueAt(cidrs(["10.0.0.0/7"], 16777216), "publicAccessCidrs[0]")).toMatch(/more than a \/8/);
      expect(issueAt(cidrs(["203.0.113.0/24"], 16777217), "publicAccessMaxAddresses")).toMatch(
        /from 1 to 16777216/,
      );
    });

    it("rejects CIDRs for an endpoint that is not public", () => {
      expect(issueAt({ publicAccessCidrs: ["203.0.113.0/24"] }, "publicAccessCidrs")).toMatch(
        /is set but the public endpoint is off/,
      );
    });
  });

  describe("admin access", () => {
    it("gives cluster access only to roles of the allowed accounts, when they are given", () => {
      const foreign = "arn:aws:iam::999988887777:role/contractor";
      const args = {
        allowedAccountIds: [ACCOUNT, "111122223333"],
        adminRoleArns: [`arn:aws:iam::${ACCOUNT}:role/platform-admin`, foreign],
        readOnlyRoleArns: [
          `arn:aws:iam::111122223333:role/infra-read-only`,
          "arn:aws:iam::999988887777:role/audit",
        ],
      };
      expect(issuesFor(args).map((i) => i.path)).toEqual(["adminRoleArns[1]", "readOnlyRoleArns[1]"]);
      expect(issueAt(args, "adminRoleArns[1]")).toMatch(
        /"arn:aws:iam::999988887777:role\/contractor" is a role of account 999988887777, not of allowedAccountIds/,
      );
      // Near miss: without allowedAccountIds the component cannot know the account, and does not guess.
      expect(issuesFor({ adminRoleArns: [foreign] })).toEqual([]);
      expect(issueAt({ allowedAccountIds: ["12345"] }, "allowedAccountIds[0]")).toMatch(
        /not an AWS account id/,
      );
    });

    it("keeps the secrets key's administrators and break-glass role in the allowed accounts too", () => {
      const args = {
        allowedAccountIds: [ACCOUNT],
        kmsKeyAccess: {
          administratorRoleArns: [
            `arn:aws:iam::${ACCOUNT}:role/key-admin`,
            "arn:aws:iam::999988887777:role/key-admin",
          ],
          breakGlassRoleArn: "arn:aws:iam::999988887777:role/infra-break-glass",
        },
      };
      expect(issuesFor(args).map((i) => i.path)).toEqual([
        "kmsKeyAccess.administratorRoleArns[1]",
        "kmsKeyAccess.breakGlassRoleArn",
      ]);
      expect(issueAt(args, "kmsKeyAccess.breakGlassRoleArn")).toMatch(
        /is a role of account 999988887777, not of allowedAccountIds \(\d{12}\); the secrets key's administrators/,
      );
      // Near miss: the same roles in the stack's account pass.
      expect(
        issuesFor({
          ...args,
          kmsKeyAccess: { breakGlassRoleArn: `arn:aws:iam::${ACCOUNT}:role/infra-break-glass` },
        }),
      ).toEqual([]);
    });

    it("rejects an admin principal that is not an IAM role ARN", () => {
      expect(issueAt({ adminRoleArns: ["platform-admin"] }, "adminRoleArns[0]")).toMatch(
        /"platform-admin" is not an IAM role ARN/,
      );
      expect(
        issueAt({ adminRoleArns: ["arn:aws:iam::123456789012:user/alice"] }, "adminRoleArns[0]"),
      ).toMatch(/is not an IAM role ARN/);
    });

    it("points out STS session ARNs", () => {
      expect(
        issueAt(
          { adminRoleArns: ["arn:aws:sts::123456789012:assumed-role/admin/alice"] },
          "adminRoleArns[0]",
        ),
      ).toMatch(/that is an STS session ARN, use the role's arn:aws:iam::<account>:role\/<name>/);
    });

    it("rejects two admin roles with the same name", () => {
      expect(
        issueAt(
          {
            adminRoleArns: [
              "arn:aws:iam::123456789012:role/admin",
              "arn:aws:iam::210987654321:role/team/admin",
            ],
          },
          "adminRoleArns[1]",
        ),
      ).toMatch(/role name "admin" is already used by adminRoleArns\[0\]/);
    });

    it("rejects a cluster nobody could use", () => {
      expect(issueAt({ adminRoleArns: [] }, "adminRoleArns")).toMatch(/nobody could use the cluster/);
      expect(issuesFor({ adminRoleArns: [], clusterCreatorAdmin: true })).toEqual([]);
    });
  });

  describe("node groups", () => {
    it("needs at least one node group", () => {
      expect(issueAt({ nodeGroups: [] }, "nodeGroups")).toMatch(
        /is empty; the cluster needs at least one node group/,
      );
    });

    it("needs at least one instance type, each well formed, of one architecture", () => {
      expect(issueAt({ nodeGroups: [group({ instanceTypes: [] })] }, "nodeGroups[0].instanceTypes")).toMatch(
        /has no instance type/,
      );
      expect(
        issueAt(
          { nodeGroups: [group({ instanceTypes: ["m6i.large", "large"] })] },
          "nodeGroups[0].instanceTypes[1]",
        ),
      ).toMatch(/"large" is not an EC2 instance type/);
      expect(
        issueAt(
          { nodeGroups: [group({ instanceTypes: ["m6i.large", "m7g.large"] })] },
          "nodeGroups[0].instanceTypes",
        ),
      ).toMatch(/mixes x86_64 and Graviton \(arm64\) types/);
    });

    it("rejects an unknown capacity type", () => {
      expect(
        issueAt({ nodeGroups: [group({ capacityType: "RESERVED" as never })] }, "nodeGroups[0].capacityType"),
      ).toMatch(/"RESERVED" is not allowed; use one of "ON_DEMAND", "SPOT"/);
    });

    it("needs min <= desired <= max and max >= 1", () => {
      expect(issueAt({ nodeGroups: [group({ minSize: 4, maxSize: 3 })] }, "nodeGroups[0].minSize")).toMatch(
        /4 is greater than maxSize 3/,
      );
      expect(issueAt({ nodeGroups: [group({ desiredSize: 5 })] }, "nodeGroups[0].desiredSize")).toMatch(
        /5 is outside minSize\.\.maxSize \(1\.\.3\)/,
      );
      expect(
        issueAt({ nodeGroups: [group({ minSize: 2, desiredSize: 1 })] }, "nodeGroups[0].desiredSize"),
      ).toMatch(/1 is outside minSize\.\.maxSize \(2\.\.3\)/);
      expect(issueAt({ nodeGroups: [group({ minSize: 0, maxSize: 0 })] }, "nodeGroups[0].maxSize")).toMatch(
        /maxSize of at least 1/,
      );
      expect(issueAt({ nodeGroups: [group({ minSize: 1.5 })] }, "nodeGroups[0].minSize")).toMatch(
        /1\.5 is not a node count/,
      );
      expect(issueAt({ nodeGroups: [group({ desiredSize: -1 })] }, "nodeGroups[0].desiredSize")).toMatch(
        /-1 is not a node count/,
      );
    });

    it("bounds maxUnavailable and the root volume size", () => {
      expect(issueAt({ nodeGroups: [group({ maxUnavailable: 0 })] }, "nodeGroups[0].maxUnavailable")).toMatch(
        /1 to 100 nodes/,
      );
      expect(issueAt({ nodeGroups: [group({ diskSizeGib: 8 })] }, "nodeGroups[0].diskSizeGib")).toMatch(
        /8 GiB is not allowed; the AL2023 AMI needs 20 to 16384 GiB/,
      );
    });

    it("checks taint keys and effects", () => {
      const taints = [{ key: "bad key", effect: "NoSchedule" as never }];
      const issues = issuesFor({ nodeGroups: [group({ taints }), group({ name: "system" })] });
      expect(issues.map((i) => i.path)).toEqual([
        "nodeGroups[0].taints[0].key",
        "nodeGroups[0].taints[0].effect",
      ]);
      expect(issues[1]!.message).toMatch(/"NoSchedule" is not allowed; use one of "NO_SCHEDULE"/);
    });

    it("needs one group that takes untainted pods for CoreDNS and the add-ons", () => {
      const taints = [{ key: "dedicated", value: "batch", effect: "NO_EXECUTE" as const }];
      expect(issueAt({ nodeGroups: [group({ taints })] }, "nodeGroups")).toMatch(
        /every node group has a NO_SCHEDULE/,
      );
      const preferOnly = [{ key: "dedicated", effect: "PREFER_NO_SCHEDULE" as const }];
      expect(issuesFor({ nodeGroups: [group({ taints: preferOnly })] })).toEqual([]);
    });

    it("needs an on-demand group in production, but not in development", () => {
      const spotOnly = [group({ capacityType: "SPOT" })];
      expect(issueAt({ nodeGroups: spotOnly }, "nodeGroups")).toMatch(/every node group is SPOT/);
      expect(issuesFor({ profile: "development", nodeGroups: spotOnly })).toEqual([]);
    });
  });

  describe("retention and lifecycle", () => {
    it("accepts only CloudWatch Logs retention values", () => {
      expect(issueAt({ logRetentionDays: 100 }, "logRetentionDays")).toMatch(
        /100 days is not a retention CloudWatch Logs accepts \(allowed: 1, 3, 5, .*\); use 90/,
      );
      expect(issuesFor({ logRetentionDays: 731 })).toEqual([]);
    });

    it("takes the logs key as a KMS key ARN, or an Output it cannot check yet", () => {
      for (const logsKmsKeyArn of [
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
        pulumi.output("alias/known-at-deployment"),
      ]) {
        expect(issuesFor({ logsKmsKeyArn })).toEqual([]);
      }
      for (const logsKmsKeyArn of ["alias/eks-logs", "1234abcd-12ab-34cd-56ef-1234567890ab"]) {
        expect(issueAt({ logsKmsKeyArn }, "logsKmsKeyArn")).toMatch(
          /is not a KMS key ARN; CloudWatch Logs needs the key's full ARN/,
        );
      }
    });

    it("bounds the KMS deletion window to 7-30 days", () => {
      expect(issueAt({ kmsKeyDeletionWindowDays: 3 }, "kmsKeyDeletionWindowDays")).toMatch(
        /KMS waits 7 to 30 days/,
      );
    });

    it("accepts only STANDARD or EXTENDED support", () => {
      expect(issueAt({ supportType: "LTS" as never }, "supportType")).toMatch(/"LTS" is not allowed/);
    });
  });

  it("reports every problem at once", () => {
    const issues = issuesFor({
      version: "1.10",
      adminRoleArns: ["nope"],
      logRetentionDays: 2,
      nodeGroups: [group({ instanceTypes: [], maxSize: 0 })],
    });
    expect(issues.map((i) => i.path)).toEqual([
      "version",
      "adminRoleArns[0]",
      "nodeGroups[0].instanceTypes",
      "nodeGroups[0].maxSize",
      "logRetentionDays",
    ]);
  });
});

describe("read-only roles", () => {
  it("accepts the pipeline's read-only role next to the admins", () => {
    expect(issuesFor({ readOnlyRoleArns: [`arn:aws:iam::${ACCOUNT}:role/infra-read-only`] })).toEqual([]);
  });

  it("rejects a role in both lists (EKS gives a principal one access entry) and a malformed ARN", () => {
    const issues = issuesFor({
      readOnlyRoleArns: [ADMIN_ROLE, `arn:aws:sts::${ACCOUNT}:assumed-role/ci/session`],
    });
    expect(issues.map((i) => i.path)).toEqual(["readOnlyRoleArns[0]", "readOnlyRoleArns[1]"]);
    expect(issues[0]!.message).toMatch(/already in adminRoleArns\[0\]; EKS gives a role one access entry/);
    expect(issues[1]!.message).toMatch(/STS session ARN/);
  });
});

describe("API clients", () => {
  it("takes security groups keyed by a stable, resource-name-safe key", () => {
    expect(issuesFor({ apiClientSecurityGroupIds: { "deploy-runner": "sg-0a1b2c3d" } })).toEqual([]);
    expect(
      issuesFor({ apiClientSecurityGroupIds: { "Deploy Runner": "sg-0a1b2c3d" } }).map((i) => i.path),
    ).toEqual(["apiClientSecurityGroupIds.Deploy Runner"]);
  });
});
