import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { NetworkArgs } from "../../../components/network/args";
import { validateNetworkArgs } from "../../../components/network/validate";

const VALID: NetworkArgs = { cidrBlock: "10.10.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] };

/** The one issue at `path` for `VALID` changed by `change`. */
function issueAt(change: Partial<NetworkArgs>, path: string): string {
  const issues = validateNetworkArgs({ ...VALID, ...change });
  const found = issues.filter((i) => i.path === path);
  if (found.length !== 1) throw new Error(`expected one issue at ${path}, got ${JSON.stringify(issues)}`);
  return found[0]!.message;
}

describe("validateNetworkArgs", () => {
  it("accepts a minimal and a fully specified network", () => {
    expect(validateNetworkArgs(VALID)).toEqual([]);
    expect(
      validateNetworkArgs({
        ...VALID,
        availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        profile: "development",
        clusterName: "dev_cluster-1",
        subnetTiers: ["public", "private"],
        subnetPrefixLengths: { private: 20 },
        explicitSubnets: [{ tier: "public", availabilityZone: "eu-west-1c", cidrBlock: "10.10.255.0/24" }],
        natGateways: "single",
        flowLogRetentionDays: 14,
        flowLogTrafficType: "REJECT",
        interfaceEndpoints: ["ecr.api", "ecr.dkr", "sts", "logs", "eks-auth"],
        tags: { team: "platform" },
      }),
    ).toEqual([]);
  });

  it("reports the planner's problems under the arg paths", () => {
    expect(issueAt({ cidrBlock: "10.0.0.0/12" }, "cidrBlock")).toContain("a VPC's prefix must be /16 to /28");
    expect(issueAt({ subnetPrefixLengths: { public: 30 } }, "subnetPrefixLengths.public")).toContain(
      "received 30",
    );
  });

  it("rejects an unknown profile", () => {
    expect(issueAt({ profile: "staging" as NetworkArgs["profile"] }, "profile")).toBe(
      '"staging" is not a profile; use one of "development", "production"',
    );
  });

  it("rejects zones of different regions", () => {
    expect(issueAt({ availabilityZones: ["eu-west-1a", "us-east-1a"] }, "availabilityZones[1]")).toBe(
      '"us-east-1a" and "eu-west-1a" are zones of different regions; use the zones of the one region the network is in',
    );
  });

  it("rejects fewer than two zones when a cluster will use the network", () => {
    expect(issueAt({ clusterName: "prod", availabilityZones: ["eu-west-1a"] }, "availabilityZones")).toBe(
      '1 zone given but the cluster "prod" will use this network and EKS needs subnets in at least 2 zones; add a zone',
    );
    expect(validateNetworkArgs({ ...VALID, availabilityZones: ["eu-west-1a"] })).toEqual([]);
  });

  it("rejects a cluster name EKS would refuse", () => {
    expect(issueAt({ clusterName: "-prod" }, "clusterName")).toContain('"-prod" is not an EKS cluster name');
    expect(issueAt({ clusterName: "x".repeat(101) }, "clusterName")).toContain("1-100 letters");
  });

  it("rejects an unknown NAT strategy", () => {
    expect(issueAt({ natGateways: "sometimes" as NetworkArgs["natGateways"] }, "natGateways")).toBe(
      '"sometimes" is not allowed; use one of "none", "single", "perAz"',
    );
  });

  it("rejects NAT gateways without a public tier to hold them or a private tier to serve", () => {
    expect(issueAt({ natGateways: "perAz", subnetTiers: ["private", "isolated"] }, "natGateways")).toContain(
      'needs the public tier (NAT gateways live in public subnets); add "public" to subnetTiers or set natGateways to "none"',
    );
    expect(issueAt({ natGateways: "single", subnetTiers: ["public", "isolated"] }, "natGateways")).toContain(
      "serves only the private tier",
    );
    expect(validateNetworkArgs({ ...VALID, natGateways: "none", subnetTiers: ["isolated"] })).toEqual([]);
  });

  it("rejects a flow log retention CloudWatch does not offer", () => {
    expect(issueAt({ flowLogRetentionDays: 10 }, "flowLogRetentionDays")).toContain(
      "10 days is not a retention CloudWatch Logs accepts (allowed: 1, 3, 5, 7, 14, 30, 60, 90",
    );
  });

  it("accepts a KMS key ARN for the flow-log group, and an Output it cannot check yet", () => {
    for (const logsKmsKeyArn of [
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
      pulumi.output("alias/not-checked-until-deployment"),
    ]) {
      expect(validateNetworkArgs({ ...VALID, logsKmsKeyArn })).toEqual([]);
    }
  });

  it("rejects a logs key given by id or alias, which CloudWatch Logs refuses", () => {
    for (const logsKmsKeyArn of ["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/logs", ""]) {
      expect(issueAt({ logsKmsKeyArn }, "logsKmsKeyArn")).toMatch(
        /is not a KMS key ARN; CloudWatch Logs needs/,
      );
    }
  });

  it("rejects a flow log aggregation interval AWS does not offer", () => {
    expect(
      issueAt({ flowLogAggregationIntervalSeconds: 300 as 60 }, "flowLogAggregationIntervalSeconds"),
    ).toBe("300 is not an interval flow logs offer; use 60 or 600 (seconds)");
    expect(
      issueAt({ flowLogAggregationIntervalSeconds: "60" as never }, "flowLogAggregationIntervalSeconds"),
    ).toMatch(/use 60 or 600/);
  });

  it("rejects an unknown flow log traffic type", () => {
    expect(
      issueAt({ flowLogTrafficType: "all" as NetworkArgs["flowLogTrafficType"] }, "flowLogTrafficType"),
    ).toBe('"all" is not allowed; use one of "ALL", "ACCEPT", "REJECT"');
  });

  it("rejects malformed, full, repeated and S3 interface endpoint names", () => {
    const change = {
      interfaceEndpoints: ["ecr.api", "ECR API", "com.amazonaws.eu-west-1.sts", "s3", "ecr.api"],
    };
    expect(issueAt(change, "interfaceEndpoints[1]")).toBe(
      '"ECR API" is not a service short name like "ecr.api", "sts" or "logs"',
    );
    expect(issueAt(change, "interfaceEndpoints[2]")).toContain(
      'give the short name after the region, e.g. "ecr.api"',
    );
    expect(issueAt(change, "interfaceEndpoints[3]")).toContain(
      "already reached through the network's S3 gateway endpoint",
    );
    expect(issueAt(change, "interfaceEndpoints[4]")).toBe(
      '"ecr.api" is listed twice; list each service once',
    );
  });

  it("rejects interface endpoints without private subnets to hold them", () => {
    expect(
      issueAt(
        { interfaceEndpoints: ["sts"], subnetTiers: ["public", "isolated"], natGateways: "none" },
        "interfaceEndpoints",
      ),
    ).toContain("interface endpoints live in the private subnets, which subnetTiers leaves out");
  });

  it("rejects tags AWS reserves", () => {
    expect(issueAt({ tags: { "aws:owner": "me" } }, "tags.aws:owner")).toContain('starts with "aws:"');
  });

  it("reports every problem at once", () => {
    const issues = validateNetworkArgs({
      cidrBlock: "10.10.0.0/33",
      availabilityZones: ["eu-west-1a"],
      clusterName: "prod",
      natGateways: "always" as NetworkArgs["natGateways"],
      flowLogRetentionDays: 0,
    });
    expect(issues.map((i) => i.path)).toEqual([
      "cidrBlock",
      "availabilityZones",
      "natGateways",
      "flowLogRetentionDays",
    ]);
  });
});
