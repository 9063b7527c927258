import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { isDeferred } from "../core";
import type { EnvFromSource, EnvValue, KeyReference } from "./args";
import type { Plain } from "./plain";

/**
 * Words that mark an environment variable as holding a secret. The name is upper-cased and stripped
 * of everything but letters and digits first, so `db-password`, `DB_PASSWORD` and `dbPassword` all
 * match `PASSWORD`. A literal value for such a name is rejected: it would sit in plain text in the
 * Deployment, in the state file and in every `kubectl describe`. The price is the odd false positive
 * (`TOKEN_TTL_SECONDS`); put such a value in a ConfigMap and use `configMapKeyRef`.
 */
export const SECRET_NAME_MARKERS: readonly string[] = [
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "SECRET",
  "TOKEN",
  "APIKEY",
  "PRIVATEKEY",
  "ACCESSKEY",
  "SIGNINGKEY",
  "ENCRYPTIONKEY",
  "CREDENTIAL",
];

export function looksLikeSecretName(name: string): boolean {
  const normalized = name.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return SECRET_NAME_MARKERS.some((marker) => normalized.includes(marker));
}

/** A variable as the builders render it; a literal value may still be an Output. */
type EnvVar = Omit<Plain<k8s.types.input.core.v1.EnvVar>, "value"> & { value?: pulumi.Input<string> };
type EnvFromEntry = Plain<k8s.types.input.core.v1.EnvFromSource>;

function keySelector(reference: KeyReference): { name: string; key: string; optional?: boolean } {
  return {
    name: reference.name,
    key: reference.key,
    ...(reference.optional !== undefined ? { optional: reference.optional } : {}),
  };
}

/** The container's `env`, in the order the caller wrote it (later variables may refer to earlier ones). */
export function renderEnv(env: Readonly<Record<string, EnvValue>>): EnvVar[] {
  return Object.entries(env).map(([name, value]): EnvVar => {
    if (typeof value === "string" || isDeferred(value)) return { name, value };
    if ("secretKeyRef" in value)
      return { name, valueFrom: { secretKeyRef: keySelector(value.secretKeyRef) } };
    return { name, valueFrom: { configMapKeyRef: keySelector(value.configMapKeyRef) } };
  });
}

export function renderEnvFrom(sources: readonly EnvFromSource[]): EnvFromEntry[] {
  return sources.map((source): EnvFromEntry => {
    const prefix = source.prefix !== undefined ? { prefix: source.prefix } : {};
    if ("secret" in source) return { secretRef: { name: source.secret }, ...prefix };
    return { configMapRef: { name: source.configMap }, ...prefix };
  });
}
