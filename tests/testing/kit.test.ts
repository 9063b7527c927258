import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { InfraValidationError, Postgres } from "@platform/infra";
import { ProgramRunError, runTestProgram, SECRET_MASK, secret } from "@platform/infra/testing";

const PLATFORM = "acme/infra/dev";
const platformOutputs = {
  vpcId: "vpc-0a1b2c3d4e5f60718",
  isolatedSubnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60718"],
  nodeSecurityGroupId: "sg-0a1b2c3d4e5f60718",
  kubeconfig: secret("apiVersion: v1\nkind: Config\n"),
};

/** A team's program: its database from the platform's outputs, read through a StackReference. */
function teamProgram() {
  const platform = new pulumi.StackReference("platform", {
    name: new pulumi.Config().require("platformStack"),
  });
  const db = new Postgres("orders-db", {
    profile: "development",
    engineVersion: "17",
    vpcId: platform.requireOutput("vpcId") as pulumi.Output<string>,
    subnetIds: platform.requireOutput("isolatedSubnetIds") as pulumi.Output<string[]>,
    allowedSecurityGroupIds: {
      nodes: platform.requireOutput("nodeSecurityGroupId") as pulumi.Output<string>,
    },
  });
  new aws.sns.Topic(
    "orders-events",
    { displayName: "orders" },
    { protect: true, ignoreChanges: ["displayName"] },
  );
  return { secretArn: db.masterUserSecretArn, kubeconfig: platform.requireOutput("kubeconfig") };
}

/** A resource of a provider package the fake cloud does not serve. */
class GcpBucket extends pulumi.CustomResource {
  constructor(name: string) {
    super("gcp:storage/bucket:Bucket", name, {});
  }
}

describe("the test kit (@platform/infra/testing)", () => {
  it("returns every resource a team's program registered, with its inputs and options", async () => {
    const run = await runTestProgram(teamProgram, {
      project: "orders",
      profile: "development",
      config: { platformStack: PLATFORM },
      stackReferences: { [PLATFORM]: platformOutputs },
    });
    // The StackReference's outputs reached the component's children as plain values.
    expect(run.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).toEqual(
      platformOutputs.isolatedSubnetIds,
    );
    expect(run.one("aws:ec2/securityGroup:SecurityGroup").inputs.vpcId).toBe(platformOutputs.vpcId);
    expect(run.one("aws:rds/instance:Instance").inputs).toMatchObject({ manageMasterUserPassword: true });
    expect(run.one("aws:sns/topic:Topic", "orders-events").options).toMatchObject({
      protect: true,
      ignoreChanges: ["displayName"],
    });
    // Postgres reads the RDS-managed secret's ARN from masterUserSecrets[0]: the fake cloud fills it.
    expect(run.outputs.secretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-/);
    // An output the referenced stack marks secret stays secret in the team's stack.
    expect(run.outputs.kubeconfig).toBe(SECRET_MASK);
    expect(run.policy.rules).toBeGreaterThan(0);
    // The pack judges the team's own resources: its plain topic and its unnamed database.
    expect(
      run.policy.violations
        .filter((v) => v.enforcementLevel === "mandatory")
        .map((v) => `${v.rule} ${v.resource}`),
    ).toEqual(["sns-topic-encrypted orders-events", "service-log-groups-managed orders-db-instance"]);
  });

  it("passes config in the project's namespace, structured values as JSON and secrets masked", async () => {
    const run = await runTestProgram(
      () => {
        const config = new pulumi.Config();
        const limits = config.requireObject<{ max: number }>("limits");
        new aws.sns.Topic("t", { displayName: config.requireSecret("token"), name: `orders-${limits.max}` });
        return { region: new pulumi.Config("aws").require("region") };
      },
      {
        project: "orders",
        region: "eu-central-1",
        config: { "aws:region": "eu-central-1", limits: { max: 3 }, token: secret("s3cr3t") },
      },
    );
    expect(run.one("aws:sns/topic:Topic").inputs).toMatchObject({
      displayName: SECRET_MASK,
      name: "orders-3",
    });
    expect(run.one("aws:sns/topic:Topic").inputs.arn ?? "").not.toContain("s3cr3t");
    expect(run.outputs.region).toBe("eu-central-1");
  });

  it("evaluates the platform's policy pack on what the program registered", async () => {
    const run = await runTestProgram(
      () => {
        new aws.ec2.SecurityGroup("open-ssh", {
          vpcId: "vpc-0a1b2c3d4e5f60718",
          ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
        });
        // A near miss: port 443 to the Internet is not an admin port.
        new aws.ec2.SecurityGroup("open-https", {
          vpcId: "vpc-0a1b2c3d4e5f60718",
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        });
      },
      { project: "orders" },
    );
    // Port 22 to the Internet breaks two rules: an admin port open, and a port other than the web's.
    expect(run.policy.mandatoryViolations).toBe(2);
    expect(run.policy.violations).toEqual([
      expect.objectContaining({
        rule: "no-internet-ingress",
        urn: run.one("aws:ec2/securityGroup:SecurityGroup", "open-ssh").urn,
        message: "opens ports 22 to 0.0.0.0/0",
      }),
      expect.objectContaining({
        rule: "no-public-admin-ingress",
        urn: run.one("aws:ec2/securityGroup:SecurityGroup", "open-ssh").urn,
        message: "opens port 22 to 0.0.0.0/0",
      }),
    ]);
  });

  it("fails, naming the stack, when a StackReference names a stack it was given no outputs for", async () => {
    await expect(
      runTestProgram(teamProgram, {
        project: "orders",
        config: { platformStack: "acme/infra/prod" },
        stackReferences: { [PLATFORM]: platformOutputs },
      }),
    ).rejects.toThrow(/stack "acme\/infra\/prod", which has no outputs here.*given: "acme\/infra\/dev"/);
  });

  it("fails, naming the output, when the program requires an output the referenced stack lacks", async () => {
    await expect(
      runTestProgram(teamProgram, {
        project: "orders",
        config: { platformStack: PLATFORM },
        stackReferences: { [PLATFORM]: { vpcId: "vpc-0a1b2c3d4e5f60718" } },
      }),
    ).rejects.toThrow(/'isolatedSubnetIds' does not exist on stack 'acme\/infra\/dev'/);
  });

  it("fails with a clear message naming a resource type the fake cloud does not know, never hanging", async () => {
    const unknownAws = runTestProgram(
      () => {
        const bucket = new aws.s3.Bucket("uploads");
        // A resource waiting on the unknown one must not keep the run waiting.
        new aws.sns.Topic("after-bucket", { displayName: bucket.bucket });
      },
      { project: "orders" },
    );
    await expect(unknownAws).rejects.toBeInstanceOf(ProgramRunError);
    await expect(unknownAws).rejects.toThrow(
      /does not know resource type "aws:s3\/bucket:Bucket" \(uploads\)/,
    );
    const otherCloud = runTestProgram(() => void new GcpBucket("media"), { project: "orders" });
    await expect(otherCloud).rejects.toThrow(
      /no provider for package "gcp" \(resource gcp:storage\/bucket:Bucket media\)/,
    );
  });

  it("rejects with the component's validation error, listing each problem, before registering anything", async () => {
    const run = runTestProgram(
      () =>
        void new Postgres("bad-db", {
          profile: "development",
          engineVersion: "17",
          vpcId: "vpc-0a1b2c3d4e5f60718",
          subnetIds: ["subnet-0a1b2c3d4e5f60718"],
          allowedSecurityGroupIds: { nodes: "not-a-group" },
        }),
      { project: "orders" },
    );
    await expect(run).rejects.toBeInstanceOf(InfraValidationError);
    await expect(run).rejects.toThrow(
      /subnetIds: has 1 subnet\(s\)[\s\S]*allowedSecurityGroupIds\.nodes: "not-a-group"/,
    );
  });
});
