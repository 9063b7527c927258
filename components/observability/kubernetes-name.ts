const MAX_NAME_LENGTH = 253;

/**
 * A Kubernetes object name (DNS-1123) derived from a Pulumi name plus a suffix: lowercase letters,
 * digits and dashes, starting and ending with a letter or digit, at most 253 characters.
 */
export function kubernetesName(name: string, suffix = ""): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .replace(/^-+|-+$/g, "");
  return `${cleaned || "observability"}${suffix}`;
}
