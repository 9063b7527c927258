import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, named, componentType, resolveKeyAccess, withLegacyType } from "../core";
import { LOGS_KEY_ARGS, type LogsKeyArgs } from "./args";
import { logGroupArn, logsKeyPolicy } from "./policies";
import { awsScope } from "./scope";

/** Type token of the component. */
export const LOGS_KEY_TYPE = componentType("LogsKey");

/**
 * The rotating customer KMS key the platform's log groups are encrypted with: pass `keyArn` as
 * `logsKmsKeyArn` to the network, the cluster and observability. The account administers it through
 * IAM (and `kmsKeyAccess` names administrators and the break-glass role); CloudWatch Logs of the
 * region may use it only for log groups of this account and region (`logGroupNamePatterns` narrows
 * that further).
 */
export class LogsKey extends pulumi.ComponentResource {
  /** ARN of the key, what a log group's `kmsKeyId` takes. */
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, rawArgs: LogsKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const args = LOGS_KEY_ARGS.parse(rawArgs, name, undefined);
    super(LOGS_KEY_TYPE, name, {}, withLegacyType("infra:observability:LogsKey", opts));

    const tags = componentTags("observability", args.tags);
    const patterns = args.logGroupNamePatterns;
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the platform's CloudWatch Logs log groups (${name})`,
        enableKeyRotation: true,
        deletionWindowInDays: args.kmsKeyDeletionWindowDays,
        policy: awsScope(this).apply((scope) =>
          logsKeyPolicy(
            scope,
            resolveKeyAccess(args.kmsKeyAccess),
            patterns.map((pattern) => logGroupArn(scope, pattern)),
          ),
        ),
        tags: named(tags, `${name}-logs`),
      },
      // Every platform log group is unreadable without it.
      { parent: this, protect: args.kmsKeyAccess.protect },
    );
    new aws.kms.Alias(
      `${name}-alias`,
      // Alias names allow fewer characters than Pulumi names.
      {
        name: args.aliasName ?? `alias/logs/${name.replace(/[^A-Za-z0-9/_-]/g, "-")}`,
        targetKeyId: key.keyId,
      },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.registerOutputs({ keyArn: this.keyArn });
  }
}
