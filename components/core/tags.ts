import * as pulumi from "@pulumi/pulumi";

/** AWS tags: string keys and values. */
export type Tags = Record<string, string>;

/**
 * The tags every taggable resource of a component carries: `environment`, `managed-by`, `stack`,
 * `component`, then the caller's own tags (which may override `environment`, never the others).
 */
export function componentTags(component: string, extra: Tags = {}): Tags {
  const stack = pulumi.getStack();
  return {
    environment: stack,
    ...extra,
    "managed-by": "pulumi",
    stack,
    component,
  };
}

/** Adds a `Name` tag, which the AWS console shows as the resource's name. */
export function named(tags: Tags, name: string): Tags {
  return { ...tags, Name: name };
}
