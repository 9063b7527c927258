import { FakeCloudError } from "../../errors";
import { arn } from "../context";
import type { FakeResource, FakeResourceTable } from "./types";

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, mariadb: 3306 };

/** The errors AWS or the provider give for instance settings that cannot work together. */
function checkInstance(r: FakeResource): void {
  const inputs = r.inputs;
  const problems: string[] = [];
  if (
    inputs.manageMasterUserPassword === true &&
    (inputs.password !== undefined || inputs.passwordWo !== undefined)
  ) {
    problems.push('"password" conflicts with "manageMasterUserPassword"');
  }
  if (Number(inputs.monitoringInterval ?? 0) > 0 && !inputs.monitoringRoleArn) {
    problems.push(
      "InvalidParameterCombination: A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0",
    );
  }
  if (inputs.kmsKeyId !== undefined && inputs.storageEncrypted !== true) {
    problems.push("InvalidParameterCombination: kmsKeyId requires storageEncrypted");
  }
  if (problems.length) throw new FakeCloudError(`rds instance ${r.name}: ${problems.join("; ")}`);
}

/**
 * The event categories RDS offers for the `db-instance` source type (DescribeEventCategories,
 * Amazon RDS User Guide, "Amazon RDS event categories and event messages"); RDS rejects others.
 */
const DB_INSTANCE_EVENT_CATEGORIES = new Set([
  "availability",
  "backup",
  "configuration change",
  "creation",
  "deletion",
  "failover",
  "failure",
  "low storage",
  "maintenance",
  "notification",
  "read replica",
  "recovery",
  "restoration",
  "security",
  "security patching",
]);

function checkEventSubscription(r: FakeResource): void {
  const problems: string[] = [];
  const name = String(r.inputs.name ?? "");
  if (!/^[A-Za-z][A-Za-z0-9-]{0,254}$/.test(name) || /--|-$/.test(name))
    problems.push(`InvalidParameterValue: subscription name ${JSON.stringify(name)} is not valid`);
  if (typeof r.inputs.snsTopic === "string" && !/^arn:[\w-]+:sns:/.test(r.inputs.snsTopic))
    problems.push(`SNSInvalidTopic: ${JSON.stringify(r.inputs.snsTopic)} is not an SNS topic ARN`);
  if (r.inputs.sourceType === "db-instance") {
    const unknown = ((r.inputs.eventCategories as string[] | undefined) ?? []).filter(
      (c) => !DB_INSTANCE_EVENT_CATEGORIES.has(c),
    );
    if (unknown.length > 0)
      problems.push(`InvalidParameterValue: unknown db-instance event categories ${JSON.stringify(unknown)}`);
  }
  if (problems.length) throw new FakeCloudError(`rds event subscription ${r.name}: ${problems.join("; ")}`);
}

export const RDS_RESOURCES: FakeResourceTable = {
  "aws:rds/eventSubscription:EventSubscription": {
    autoName: "name",
    outputs: (r) => {
      checkEventSubscription(r);
      return {
        arn: arn(r.account, "rds", `es:${String(r.inputs.name)}`),
        customerAwsId: r.account.accountId,
      };
    },
  },
  "aws:rds/instance:Instance": {
    autoName: "identifier",
    id: (r) => `db-${r.hex(26).toUpperCase()}`,
    outputs: (r) => {
      checkInstance(r);
      const identifier = String(r.inputs.identifier);
      const region = r.account.region.name;
      const port = Number(r.inputs.port ?? DEFAULT_PORTS[String(r.inputs.engine)] ?? 5432);
      const address = `${identifier}.c${r.hex(11, "host")}.${region}.rds.${r.account.dnsSuffix}`;
      const managed = r.inputs.manageMasterUserPassword === true;
      return {
        arn: arn(r.account, "rds", `db:${identifier}`),
        resourceId: r.id,
        address,
        port,
        endpoint: `${address}:${port}`,
        hostedZoneId: "Z29XKXDKYMONMX",
        status: "available",
        masterUserSecrets: managed
          ? [
              {
                secretArn: arn(
                  r.account,
                  "secretsmanager",
                  `secret:rds!${r.id.toLowerCase()}-${r.hex(6, "secret")}`,
                ),
                kmsKeyId:
                  r.inputs.masterUserSecretKmsKeyId ?? arn(r.account, "kms", "alias/aws/secretsmanager"),
                secretStatus: "active",
              },
            ]
          : [],
      };
    },
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    autoName: "name",
    outputs: (r) => {
      const subnets = (r.inputs.subnetIds as unknown[] | undefined) ?? [];
      if (subnets.length < 2) {
        throw new FakeCloudError(
          `rds subnet group ${r.name}: DBSubnetGroupDoesNotCoverEnoughAZs: the subnet group needs subnets in at least 2 availability zones (got ${subnets.length} subnet(s))`,
        );
      }
      return {
        arn: arn(r.account, "rds", `subgrp:${r.id}`),
        vpcId: `vpc-0${r.hex(16, "vpc")}`,
        supportedNetworkTypes: ["IPV4"],
      };
    },
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    autoName: "name",
    outputs: (r) => {
      if (!/^[a-z][a-z0-9.-]*\d[a-z0-9.-]*$/.test(String(r.inputs.family ?? ""))) {
        throw new FakeCloudError(
          `rds parameter group ${r.name}: family ${JSON.stringify(r.inputs.family)} is not a DB parameter group family (e.g. "postgres17")`,
        );
      }
      return {
        arn: arn(r.account, "rds", `pg:${r.id}`),
        parameters: ((r.inputs.parameters as Record<string, unknown>[] | undefined) ?? []).map((p) => ({
          applyMethod: "immediate",
          ...p,
        })),
      };
    },
  },
};
