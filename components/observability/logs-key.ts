import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, InfraValidationError, named } from "../core";
import type { LogsKeyArgs } from "./args";
import { OBSERVABILITY_DEFAULTS } from "./defaults";
import { validateLogsKeyArgs } from "./logs-key-validation";
import { logGroupArn, logsKeyPolicy } from "./policies";
import { awsScope } from "./scope";

/** Type token of the component. */
export const LOGS_KEY_TYPE = "infra:observability:LogsKey";

/** Every log group of the account in the region. */
const ALL_LOG_GROUPS = ["*"];

/**
 * The rotating customer KMS key the platform's log groups are encrypted with: pass `keyArn` as
 * `logsKmsKeyArn` to the network, the cluster and observability. The account administers it through
 * IAM; CloudWatch Logs of the region may use it only for log groups of this account and region
 * (`logGroupNamePatterns` narrows that further).
 */
export class LogsKey extends pulumi.ComponentResource {
  /** ARN of the key, what a log group's `kmsKeyId` takes. */
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: LogsKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const issues = validateLogsKeyArgs(args);
    if (issues.length > 0) throw new InfraValidationError(`LogsKey "${name}"`, issues);
    super(LOGS_KEY_TYPE, name, {}, opts);

    const defaults = OBSERVABILITY_DEFAULTS[args.profile ?? "production"];
    const tags = componentTags("observability", args.tags);
    const patterns = args.logGroupNamePatterns ?? ALL_LOG_GROUPS;
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the platform's CloudWatch Logs log groups (${name})`,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowDays ?? defaults.kmsDeletionWindowDays,
        policy: awsScope(this).apply((scope) =>
          logsKeyPolicy(
            scope,
            patterns.map((pattern) => logGroupArn(scope, pattern)),
          ),
        ),
        tags: named(tags, `${name}-logs`),
      },
      { parent: this },
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
