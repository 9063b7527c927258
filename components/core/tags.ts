import * as pulumi from "@pulumi/pulumi";

/** AWS tags: string keys and values. */
export type Tags = Record<string, string>;

/**
 * The tags every taggable resource of a component carries: the caller's own tags, then
 * `environment`, `managed-by`, `stack` and `component`, which win over a caller's tag of the same
 * key: cost reports, IAM conditions and the policy pack rely on them naming the real stack.
 */
export function componentTags(component: string, extra: Tags = {}): Tags {
  const stack = pulumi.getStack();
  return {
    ...extra,
    environment: stack,
    "managed-by": "pulumi",
    stack,
    component,
  };
}

/** Adds a `Name` tag, which the AWS console shows as the resource's name. */
export function named(tags: Tags, name: string): Tags {
  return { ...tags, Name: name };
}
