import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { run, valueOf } from "../../support/harness";

describe("the fake AWS for RDS", () => {
  it("names a parameter group from its prefix and gives it an ARN", async () => {
    let group: aws.rds.ParameterGroup | undefined;
    await run(() => {
      group = new aws.rds.ParameterGroup("params", {
        family: "postgres17",
        namePrefix: "orders-postgres17-",
        parameters: [{ name: "rds.force_ssl", value: "1" }],
      });
    });
    const name = await valueOf(group!.name);
    expect(name).toMatch(/^orders-postgres17-[0-9a-f]{26}$/);
    expect(await valueOf(group!.arn)).toBe(`arn:aws:rds:eu-west-1:123456789012:pg:${name}`);
    expect(await valueOf(group!.parameters)).toEqual([
      { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
    ]);
  });

  it("rejects a parameter group without a real family", async () => {
    await expect(run(() => new aws.rds.ParameterGroup("params", { family: "postgres" }))).rejects.toThrow(
      /family "postgres" is not a DB parameter group family/,
    );
  });

  it("auto-names a subnet group and refuses one that cannot span two zones", async () => {
    let group: aws.rds.SubnetGroup | undefined;
    await run(() => {
      group = new aws.rds.SubnetGroup("subnets", { subnetIds: ["subnet-01", "subnet-02"] });
    });
    const name = await valueOf(group!.name);
    expect(name).toMatch(/^subnets-[0-9a-f]{7}$/);
    expect(await valueOf(group!.arn)).toBe(`arn:aws:rds:eu-west-1:123456789012:subgrp:${name}`);
    await expect(run(() => new aws.rds.SubnetGroup("one", { subnetIds: ["subnet-01"] }))).rejects.toThrow(
      /DBSubnetGroupDoesNotCoverEnoughAZs/,
    );
  });

  it("refuses an instance with both a password and a managed password", async () => {
    await expect(
      run(
        () =>
          new aws.rds.Instance("db", {
            engine: "postgres",
            instanceClass: "db.t4g.micro",
            manageMasterUserPassword: true,
            password: "hunter22hunter22",
          }),
      ),
    ).rejects.toThrow(/"password" conflicts with "manageMasterUserPassword"/);
  });

  it("refuses enhanced monitoring without a role, and a KMS key on unencrypted storage", async () => {
    await expect(
      run(
        () =>
          new aws.rds.Instance("db", {
            engine: "postgres",
            instanceClass: "db.t4g.micro",
            monitoringInterval: 60,
            kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
          }),
      ),
    ).rejects.toThrow(/MonitoringRoleARN value is required.*kmsKeyId requires storageEncrypted/);
  });
});
