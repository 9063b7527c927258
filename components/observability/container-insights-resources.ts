import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy, named, type KeyAccess, type Tags } from "../core";
import type { ObservedCluster } from "./args";
import {
  CLOUDWATCH_AGENT_IDENTITY,
  CLOUDWATCH_AGENT_POLICIES,
  CLOUDWATCH_OBSERVABILITY_ADDON,
  CONTAINER_INSIGHTS_LOG_STREAMS,
  containerInsightsLogGroupName,
  containerInsightsLogGroupPattern,
} from "./container-insights";
import { logGroupArn, logsKeyPolicy, type AwsScope } from "./policies";

export interface ContainerInsightsSettings {
  readonly cluster: ObservedCluster;
  readonly scope: pulumi.Output<AwsScope>;
  readonly addonVersion?: string;
  readonly logRetentionDays: number;
  /** Key of the log groups; a key of their own is created when undefined. */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  readonly kmsDeletionWindowDays: number;
  readonly keyAccess: KeyAccess;
  /** Pulumi `protect` on a key created here: the log groups are unreadable without it. */
  readonly protectKey: boolean;
  readonly tags: Tags;
}

export interface ContainerInsights {
  /** ARN of the key encrypting the log groups: the one given, or the one created here. */
  readonly logsKmsKeyArn: pulumi.Output<string>;
  readonly logGroups: aws.cloudwatch.LogGroup[];
  readonly role: aws.iam.Role;
  readonly addon: aws.eks.Addon;
}

/**
 * Container Insights for the cluster: its log groups created up front (retention, customer key), an
 * IAM role only the add-on's agent service account can assume, and the add-on itself.
 */
export function createContainerInsights(
  name: string,
  settings: ContainerInsightsSettings,
  parent: pulumi.Resource,
): ContainerInsights {
  const { cluster, scope, tags } = settings;
  const clusterName = pulumi.output(cluster.name);
  const logsKmsKeyArn =
    settings.logsKmsKeyArn !== undefined
      ? pulumi.output(settings.logsKmsKeyArn)
      : new aws.kms.Key(
          `${name}-logs-key`,
          {
            description: `Encrypts the ${name} Container Insights log groups`,
            enableKeyRotation: true,
            deletionWindowInDays: settings.kmsDeletionWindowDays,
            policy: pulumi
              .all([scope, clusterName])
              .apply(([s, c]) =>
                logsKeyPolicy(s, settings.keyAccess, [logGroupArn(s, containerInsightsLogGroupPattern(c))]),
              ),
            tags: named(tags, `${name}-logs`),
          },
          { parent, protect: settings.protectKey },
        ).arn;
  const logGroups = CONTAINER_INSIGHTS_LOG_STREAMS.map(
    (stream) =>
      new aws.cloudwatch.LogGroup(
        `${name}-container-insights-${stream}`,
        {
          name: clusterName.apply((c) => containerInsightsLogGroupName(c, stream)),
          retentionInDays: settings.logRetentionDays,
          kmsKeyId: logsKmsKeyArn,
          tags,
        },
        { parent },
      ),
  );
  const role = new aws.iam.Role(
    `${name}-cloudwatch-agent`,
    {
      description: "Container Insights agent (amazon-cloudwatch-observability add-on), via IRSA",
      assumeRolePolicy: pulumi
        .all([cluster.oidcProviderArn, cluster.oidcIssuerUrl])
        .apply(([oidcProviderArn, oidcIssuerUrl]) =>
          irsaTrustPolicy({ oidcProviderArn, oidcIssuerUrl, ...CLOUDWATCH_AGENT_IDENTITY }),
        ),
      tags,
    },
    { parent },
  );
  const attachments = CLOUDWATCH_AGENT_POLICIES.map(
    (policy) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-cloudwatch-agent-${policy}`,
        { role: role.name, policyArn: pulumi.interpolate`arn:${scope.partition}:iam::aws:policy/${policy}` },
        { parent },
      ),
  );
  const addon = new aws.eks.Addon(
    `${name}-${CLOUDWATCH_OBSERVABILITY_ADDON}`,
    {
      clusterName,
      addonName: CLOUDWATCH_OBSERVABILITY_ADDON,
      addonVersion: settings.addonVersion,
      serviceAccountRoleArn: role.arn,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      tags,
    },
    // The agent creates missing log groups itself, without retention or key: ours must exist first.
    { parent, dependsOn: [...logGroups, ...attachments] },
  );
  return { logsKmsKeyArn, logGroups, role, addon };
}
