import type { Profile } from "../core";

/**
 * A container image reference, split as the distribution reference grammar defines it:
 * `[registry[:port]/]path[:tag][@digest]`.
 */
export interface ImageReference {
  /** Registry host (and port) when the reference names one: `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly registry?: string;
  /** Repository path: `team/api`. */
  readonly repository: string;
  readonly tag?: string;
  /** `<algorithm>:<hex>`. */
  readonly digest?: string;
}

/**
 * Tags that name a moving target rather than a build, compared case-insensitively; production
 * rejects them (and any tag ending in `-snapshot`), because the same manifest could run different
 * code on different nodes and a rollback would not roll anything back.
 */
export const MUTABLE_TAGS: readonly string[] = [
  "latest",
  "main",
  "master",
  "trunk",
  "head",
  "dev",
  "develop",
  "development",
  "stable",
  "edge",
  "nightly",
  "snapshot",
  "canary",
  "current",
  "next",
  "unstable",
  "release",
  "staging",
  "test",
  "prod",
  "production",
];

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const REGISTRY = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const MAX_NAME_LENGTH = 255;

/** Parses a reference; `undefined` when it does not follow the grammar. */
export function parseImageReference(reference: string): ImageReference | undefined {
  const at = reference.indexOf("@");
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const nameAndTag = at >= 0 ? reference.slice(0, at) : reference;
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;

  const lastSlash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.indexOf(":", lastSlash + 1);
  const name = colon >= 0 ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = colon >= 0 ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;

  const components = name.split("/");
  const first = components[0] ?? "";
  // The first component is a registry only when it cannot be a repository path component.
  const hasRegistry =
    components.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry && !REGISTRY.test(first)) return undefined;
  const path = hasRegistry ? components.slice(1) : components;
  if (!path.every((component) => PATH_COMPONENT.test(component))) return undefined;

  return {
    ...(hasRegistry ? { registry: first } : {}),
    repository: path.join("/"),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

export function isMutableTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  return MUTABLE_TAGS.includes(lower) || lower.endsWith("-snapshot");
}

/**
 * Why `reference` may not be deployed under `profile`, or `undefined` when it may. A `sha256`
 * digest is always accepted (it names exactly one image, whatever the tag beside it says).
 */
export function imageReferenceProblem(reference: string, profile: Profile): string | undefined {
  const pin = "pin a version tag (`repo:1.4.2`) or a digest (`repo@sha256:<64 hex digits>`)";
  const parsed = parseImageReference(reference);
  if (!parsed) {
    return (
      `${JSON.stringify(reference)} is not a valid image reference; ` +
      "use `[registry/]repository:tag` or `[registry/]repository@sha256:<64 hex digits>` (lowercase repository path)"
    );
  }
  if (parsed.digest !== undefined) {
    if (SHA256_DIGEST.test(parsed.digest)) return undefined;
    return `${JSON.stringify(reference)} has digest "${parsed.digest}"; only \`sha256:\` followed by 64 lowercase hex digits is accepted`;
  }
  if (parsed.tag === undefined) {
    return `${JSON.stringify(reference)} has no tag or digest, so it means "latest" and may run different code on every node; ${pin}`;
  }
  if (parsed.tag.toLowerCase() === "latest") {
    return `${JSON.stringify(reference)} uses the mutable tag "latest"; ${pin}`;
  }
  if (profile === "production" && isMutableTag(parsed.tag)) {
    return `${JSON.stringify(reference)} uses the mutable-looking tag "${parsed.tag}", which production rejects; ${pin}`;
  }
  return undefined;
}
