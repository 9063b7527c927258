import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { named, type AlertSeverity, type KeyAccess, type Tags } from "../core";
import type { AlertSubscription } from "./args";
import { alertTopicKeyPolicy, alertTopicPolicy, type AwsScope } from "./policies";
import { subscriptionKey } from "./subscription-key";

export interface AlertTopicSettings {
  readonly scope: pulumi.Output<AwsScope>;
  readonly subscriptions: readonly AlertSubscription[];
  readonly kmsDeletionWindowDays: number;
  readonly keyAccess: KeyAccess;
  /** Pulumi `protect` on the key: without it the topics cannot take a notification. */
  readonly protectKey: boolean;
  readonly tags: Tags;
}

export interface AlertTopics {
  readonly key: aws.kms.Key;
  /** One topic per severity: `ticket` is the original alert topic, `page` the one that wakes someone up. */
  readonly topics: Readonly<Record<AlertSeverity, aws.sns.Topic>>;
  readonly policies: aws.sns.TopicPolicy[];
  readonly subscriptions: aws.sns.TopicSubscription[];
}

/** Logical names per severity; `ticket` keeps the names the single alert topic always had. */
const TOPIC_SUFFIX: Readonly<Record<AlertSeverity, string>> = { ticket: "alerts", page: "page" };

/**
 * The two SNS topics the platform's alarms notify, by severity, both encrypted with one customer key
 * of their own, with the configured email and https subscriptions.
 */
export function createAlertTopics(
  name: string,
  settings: AlertTopicSettings,
  parent: pulumi.Resource,
): AlertTopics {
  const key = new aws.kms.Key(
    `${name}-alerts-key`,
    {
      description: `Encrypts the ${name} alert topics; CloudWatch alarms and RDS events of this account may use it`,
      enableKeyRotation: true,
      deletionWindowInDays: settings.kmsDeletionWindowDays,
      policy: settings.scope.apply((scope) => alertTopicKeyPolicy(scope, settings.keyAccess)),
      tags: named(settings.tags, `${name}-alerts`),
    },
    { parent, protect: settings.protectKey },
  );
  const topic = (severity: AlertSeverity) => {
    const suffix = TOPIC_SUFFIX[severity];
    const snsTopic = new aws.sns.Topic(
      `${name}-${suffix}`,
      {
        displayName: `${name} ${severity === "page" ? "pages" : "alerts"}`,
        kmsMasterKeyId: key.arn,
        tags: named(settings.tags, `${name}-${suffix}`),
      },
      { parent },
    );
    const policy = new aws.sns.TopicPolicy(
      `${name}-${suffix}-policy`,
      {
        arn: snsTopic.arn,
        policy: pulumi.all([settings.scope, snsTopic.arn]).apply(([s, arn]) => alertTopicPolicy(s, arn)),
      },
      { parent },
    );
    return { snsTopic, policy };
  };
  const ticket = topic("ticket");
  const page = topic("page");
  const topics = { ticket: ticket.snsTopic, page: page.snsTopic };
  const subscriptions = settings.subscriptions.map((subscription) => {
    // Validation guarantees a key: an explicit one, or a hash of a plain endpoint.
    const subKey = subscriptionKey(subscription)!;
    const severity = subscription.topic ?? "ticket";
    return new aws.sns.TopicSubscription(
      `${name}-${TOPIC_SUFFIX[severity]}-${subKey}`,
      {
        topic: topics[severity].arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        // A page subscription that never confirms would be a silent black hole: the deployment waits
        // for the endpoint (PagerDuty confirms by itself) and fails when it does not confirm.
        ...(severity === "page" ? { endpointAutoConfirms: true } : {}),
      },
      { parent },
    );
  });
  return { key, topics, policies: [ticket.policy, page.policy], subscriptions };
}
