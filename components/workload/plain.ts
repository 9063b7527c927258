import type * as pulumi from "@pulumi/pulumi";

/**
 * A Kubernetes object type from `@pulumi/kubernetes` with every `Input` resolved: what the builders
 * return, plain data that serializes as the API object and can be handed to the resource as is.
 */
export type Plain<T> = pulumi.Unwrap<T>;
