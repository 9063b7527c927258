import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * The stable key naming a subscription's resource: the explicit key, else a short hash of a plain
 * endpoint (so an email address never appears in a URN). Undefined when neither is known.
 */
export function subscriptionKey(subscription: {
  readonly protocol: string;
  readonly endpoint: pulumi.Input<string>;
  readonly key?: string;
}): string | undefined {
  if (subscription.key !== undefined) return subscription.key;
  const endpoint = subscription.endpoint;
  if (typeof endpoint !== "string" || pulumi.Output.isInstance(endpoint)) return undefined;
  const digest = createHash("sha256").update(`${subscription.protocol}:${endpoint}`).digest("hex");
  return `${subscription.protocol}-${digest.slice(0, 10)}`;
}
