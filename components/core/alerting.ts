import { z } from "zod";
import { show } from "./errors";

/**
 * How urgently an alarm or alert needs a person: `page` wakes someone up (users are affected or
 * about to be), `ticket` goes to a queue for the next working day. CloudWatch alarms notify the
 * topic of their severity; Prometheus alerts carry it as the `severity` label.
 */
export const ALERT_SEVERITIES = ["page", "ticket"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Where runbooks live unless a stack says otherwise; every alarm and alert links `<base>/<slug>`. */
export const DEFAULT_RUNBOOK_BASE_URL = "https://runbooks.platform.internal/infra";

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The base https URL of the runbook site, the one setting every runbook link derives from. */
export function runbookBaseUrlField() {
  return z
    .string()
    .refine(isHttpsUrl, {
      error: (i) =>
        `${show(i.input)} is not an https URL; give the base of the runbook site, e.g. "https://runbooks.example.com/infra"`,
    })
    .default(DEFAULT_RUNBOOK_BASE_URL);
}

/** The runbook of one alarm or alert: `<base>/<slug>`, whatever trailing slashes the base has. */
export function runbookUrl(baseUrl: string, slug: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${slug}`;
}
