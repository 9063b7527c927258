import { createHmac, randomBytes } from "node:crypto";

/**
 * Digests of planned values, so an approved change set binds what each resource will be, not only
 * which keys change, without showing a value. Each top-level input of a resource's planned state is
 * written as canonical JSON (keys sorted) and keyed with HMAC-SHA256 under a salt drawn per change
 * set: a reviewer or anyone reading the artifact learns nothing about a value, and cannot test
 * guesses against a precomputed table. The re-preview before `up` reuses the approved change set's
 * salt, so equal values give equal digests.
 *
 * Secret inputs reach the change set only as the CLI prints them, `"[secret]"` (the tools never ask
 * the CLI to reveal secrets), so their digest shows that the value is still a secret, not which
 * secret: the update plan (`pulumi up --plan`, on by default in the workflows) binds those.
 */

/** Bytes of a change set's salt. */
export const SALT_BYTES = 16;

/** A new random salt, hex. */
export function newSalt(): string {
  return randomBytes(SALT_BYTES).toString("hex");
}

/** JSON with every object's keys sorted: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The digest of each top-level input, keyed by its name. Pure. */
export function valueDigests(
  inputs: Readonly<Record<string, unknown>> | null | undefined,
  salt: string,
): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const key of Object.keys(inputs ?? {}).sort()) {
    const value = inputs![key];
    if (value === undefined) continue;
    digests[key] = createHmac("sha256", Buffer.from(salt, "hex"))
      .update(`${key}\0${canonicalJson(value)}`)
      .digest("hex");
  }
  return digests;
}
