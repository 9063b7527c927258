import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { named, type Tags } from "../core";
import type { AlertSubscription } from "./args";
import { alertTopicKeyPolicy, alertTopicPolicy, type AwsScope } from "./policies";
import { subscriptionKey } from "./subscription-key";

export interface AlertTopicSettings {
  readonly scope: pulumi.Output<AwsScope>;
  readonly subscriptions: readonly AlertSubscription[];
  readonly kmsDeletionWindowDays: number;
  readonly tags: Tags;
}

export interface AlertTopic {
  readonly key: aws.kms.Key;
  readonly topic: aws.sns.Topic;
  readonly policy: aws.sns.TopicPolicy;
  readonly subscriptions: aws.sns.TopicSubscription[];
}

/**
 * The SNS topic every alarm of the platform notifies, encrypted with its own customer key, with the
 * configured email and https subscriptions.
 */
export function createAlertTopic(
  name: string,
  settings: AlertTopicSettings,
  parent: pulumi.Resource,
): AlertTopic {
  const key = new aws.kms.Key(
    `${name}-alerts-key`,
    {
      description: `Encrypts the ${name} alert topic; CloudWatch alarms of this account may use it`,
      enableKeyRotation: true,
      deletionWindowInDays: settings.kmsDeletionWindowDays,
      policy: settings.scope.apply(alertTopicKeyPolicy),
      tags: named(settings.tags, `${name}-alerts`),
    },
    { parent },
  );
  const topic = new aws.sns.Topic(
    `${name}-alerts`,
    {
      displayName: `${name} alerts`,
      kmsMasterKeyId: key.arn,
      tags: named(settings.tags, `${name}-alerts`),
    },
    { parent },
  );
  const policy = new aws.sns.TopicPolicy(
    `${name}-alerts-policy`,
    {
      arn: topic.arn,
      policy: pulumi.all([settings.scope, topic.arn]).apply(([s, arn]) => alertTopicPolicy(s, arn)),
    },
    { parent },
  );
  const subscriptions = settings.subscriptions.map((subscription) => {
    // Validation guarantees a key: an explicit one, or a hash of a plain endpoint.
    const key = subscriptionKey(subscription)!;
    return new aws.sns.TopicSubscription(
      `${name}-alerts-${key}`,
      { topic: topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint },
      { parent },
    );
  });
  return { key, topic, policy, subscriptions };
}
