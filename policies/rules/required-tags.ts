import type { ResourceRule } from "../types";

export const REQUIRED_TAG_KEYS = ["environment", "managed-by", "stack", "component"] as const;

/** AWS resources that carry tags must carry the platform's four, so cost and ownership can be traced. */
export const requiredTags: ResourceRule = {
  name: "aws-required-tags",
  description: `Taggable AWS resources carry the tags ${REQUIRED_TAG_KEYS.join(", ")}`,
  enforcementLevel: "mandatory",
  appliesTo: (type) => type.startsWith("aws:"),
  check: (resource) => {
    const tags = resource.props.tags as Record<string, unknown> | undefined;
    if (tags === undefined) return [];
    const missing = REQUIRED_TAG_KEYS.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
    return missing.length ? [`missing tag(s) ${missing.join(", ")}`] : [];
  },
};
