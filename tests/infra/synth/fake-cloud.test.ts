import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { describe, expect, it } from "vitest";
import { run, valueOf } from "../../support/harness";

describe("the fake AWS", () => {
  it("answers availability zones, identity, region and partition for the configured region", async () => {
    const answers: Record<string, unknown> = {};
    await run(
      async () => {
        answers.zones = await aws.getAvailabilityZones({ state: "available" });
        answers.identity = await aws.getCallerIdentity({});
        answers.region = await aws.getRegion({});
        answers.partition = await aws.getPartition({});
      },
      { config: { "aws:region": "us-east-1" } },
    );
    expect(answers.zones).toMatchObject({
      names: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"],
      zoneIds: ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"],
    });
    expect(answers.identity).toMatchObject({ accountId: "123456789012" });
    expect((answers.identity as { arn: string }).arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\//);
    expect(answers.region).toMatchObject({ name: "us-east-1", region: "us-east-1" });
    expect(answers.partition).toMatchObject({ partition: "aws", dnsSuffix: "amazonaws.com" });
  });

  it("renders a policy document to the IAM JSON the provider returns", async () => {
    let json = "";
    await run(async () => {
      const doc = await aws.iam.getPolicyDocument({
        statements: [
          {
            sid: "Irsa",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: ["arn:aws:iam::123456789012:oidc-provider/x"] }],
            conditions: [
              { test: "StringEquals", variable: "x:sub", values: ["system:serviceaccount:ns:sa"] },
              { test: "StringEquals", variable: "x:aud", values: ["sts.amazonaws.com"] },
            ],
          },
          { effect: "Deny", actions: ["s3:*", "kms:*"], resources: ["*"] },
        ],
      });
      json = doc.json;
    });
    expect(JSON.parse(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Irsa",
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/x" },
          Condition: {
            StringEquals: { "x:sub": "system:serviceaccount:ns:sa", "x:aud": "sts.amazonaws.com" },
          },
        },
        { Effect: "Deny", Action: ["s3:*", "kms:*"], Resource: "*" },
      ],
    });
  });

  it("fails an invoke it does not know, naming the token", async () => {
    await expect(run(async () => aws.ec2.getVpc({ default: true }))).rejects.toThrow(
      'the fake cloud has no answer for invoke "aws:ec2/getVpc:getVpc"',
    );
  });

  it("fails a resource type it does not know, naming the type", async () => {
    await expect(run(() => new aws.s3.Bucket("b"))).rejects.toThrow(
      'the fake AWS does not know resource type "aws:s3/bucket:Bucket"',
    );
  });

  it("fails for a region it does not know instead of inventing zones", async () => {
    await expect(
      run(() => aws.getAvailabilityZones({}), { config: { "aws:region": "mars-north-1" } }),
    ).rejects.toThrow('the fake AWS does not know region "mars-north-1"');
  });

  it("fills EKS endpoint, certificate authority and OIDC issuer", async () => {
    let cluster: aws.eks.Cluster | undefined;
    await run(() => {
      cluster = new aws.eks.Cluster("eks", {
        roleArn: "arn:aws:iam::123456789012:role/x",
        vpcConfig: { subnetIds: ["subnet-1"] },
      });
    });
    const endpoint = await valueOf(cluster!.endpoint);
    expect(endpoint).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
    const issuer = await valueOf(cluster!.identities.apply((ids) => ids[0]!.oidcs[0]!.issuer));
    expect(issuer).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    const ca = Buffer.from(
      await valueOf(cluster!.certificateAuthority.apply((c) => c.data)),
      "base64",
    ).toString();
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(await valueOf(cluster!.name)).toMatch(/^eks-[0-9a-f]{7}$/);
    expect(await valueOf(cluster!.arn)).toBe(
      `arn:aws:eks:eu-west-1:123456789012:cluster/${await valueOf(cluster!.name)}`,
    );
  });

  it("fills RDS endpoint, address, port and the managed master secret", async () => {
    let db: aws.rds.Instance | undefined;
    await run(() => {
      db = new aws.rds.Instance("db", {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        manageMasterUserPassword: true,
      });
    });
    const [address, port, endpoint, secrets] = await Promise.all([
      valueOf(db!.address),
      valueOf(db!.port),
      valueOf(db!.endpoint),
      valueOf(db!.masterUserSecrets),
    ]);
    expect(address).toMatch(/^db-[0-9a-f]{7}\.c[0-9a-f]{11}\.eu-west-1\.rds\.amazonaws\.com$/);
    expect(port).toBe(5432);
    expect(endpoint).toBe(`${address}:5432`);
    expect(secrets[0]!.secretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-/);
  });

  it("gives IAM roles global ARNs and honours an explicit name", async () => {
    let role: aws.iam.Role | undefined;
    await run(() => {
      role = new aws.iam.Role("r", { name: "platform-admin", path: "/platform/", assumeRolePolicy: "{}" });
    });
    expect(await valueOf(role!.arn)).toBe("arn:aws:iam::123456789012:role/platform/platform-admin");
  });

  it("names EventBridge Scheduler schedules in the default group, with group/name ids and ARNs", async () => {
    let schedule: aws.scheduler.Schedule | undefined;
    await run(() => {
      schedule = new aws.scheduler.Schedule("nightly", {
        scheduleExpression: "rate(1 day)",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: "arn:aws:scheduler:::aws-sdk:sqs:sendMessage",
          roleArn: "arn:aws:iam::123456789012:role/r",
        },
      });
    });
    const [id, name, arn, groupName] = await Promise.all([
      valueOf(schedule!.id),
      valueOf(schedule!.name),
      valueOf(schedule!.arn),
      valueOf(schedule!.groupName),
    ]);
    expect(name).toMatch(/^nightly-[0-9a-f]{7}$/);
    expect(id).toBe(`default/${name}`);
    expect(groupName).toBe("default");
    expect(arn).toBe(`arn:aws:scheduler:eu-west-1:123456789012:schedule/default/${name}`);
  });

  it("is deterministic: the same program gets the same identifiers", async () => {
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      let vpc: aws.ec2.Vpc | undefined;
      let id: random.RandomId | undefined;
      await run(() => {
        vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
        id = new random.RandomId("suffix", { byteLength: 4 });
      });
      ids.push([await valueOf(vpc!.id), await valueOf(vpc!.defaultSecurityGroupId), await valueOf(id!.hex)]);
    }
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[0]![2]).toMatch(/^[0-9a-f]{8}$/);
  });
});
