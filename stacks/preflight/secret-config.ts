import type { ValidationIssue } from "../../components/core";

/**
 * Receiver credentials (PagerDuty routing keys, Slack and webhook URLs, the heartbeat URL, SNS
 * webhook endpoints) must come from secret config (`pulumi config set --secret`): in plain config
 * they sit readable in the stack file, the repository and every checkout. Pulumi marks secrecy per
 * top-level key (a `secure:` value anywhere inside `infra:observability` makes the whole key
 * secret), so this check sees a stack whose observability config holds no secret at all, the common
 * mistake of pasting a key in plain text; it cannot tell a plain value next to a secure one.
 */

/** Where credentials live under `infra:observability`, as paths relative to it. */
export function receiverCredentialPaths(observability: unknown): string[] {
  if (observability === null || typeof observability !== "object") return [];
  const o = observability as Record<string, unknown>;
  const paths: string[] = [];
  const receivers = (o.alertReceivers ?? {}) as Record<string, unknown>;
  for (const severity of ["page", "ticket"]) {
    const receiver = receivers[severity] as Record<string, unknown> | undefined;
    for (const key of ["pagerDutyRoutingKey", "slackWebhookUrl", "webhookUrl"])
      if (typeof receiver?.[key] === "string") paths.push(`alertReceivers.${severity}.${key}`);
  }
  if (typeof receivers.heartbeatUrl === "string") paths.push("alertReceivers.heartbeatUrl");
  if (Array.isArray(o.alertWebhooks))
    o.alertWebhooks.forEach((hook, i) => {
      if (typeof (hook as { url?: unknown } | null)?.url === "string") paths.push(`alertWebhooks[${i}].url`);
    });
  return paths;
}

/**
 * One issue per receiver credential when `infra:observability` is not secret config. `secret`:
 * whether the engine marked the key secret.
 */
export function checkSecretConfig(observability: unknown, secret: boolean): ValidationIssue[] {
  if (secret) return [];
  return receiverCredentialPaths(observability).map((path) => ({
    path: `infra:observability.${path}`,
    message: `is in plain config, readable in the stack file and every checkout; set it with pulumi config set --secret --path 'infra:observability.${path}' <value>`,
  }));
}
