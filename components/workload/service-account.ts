import type * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "./labels";
import type { ServiceSpec } from "./service-spec";

/** The annotation the EKS pod identity webhook reads to give pods web-identity credentials for a role. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/** A ServiceAccount; the role ARN may still be an output of the IAM role that is created alongside. */
export interface ServiceAccountObject {
  readonly apiVersion: "v1";
  readonly kind: "ServiceAccount";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly annotations?: Record<string, pulumi.Input<string>>;
  };
  readonly automountServiceAccountToken: boolean;
}

export function buildServiceAccount(spec: ServiceSpec): ServiceAccountObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: spec.serviceAccountName,
      namespace: spec.namespace,
      labels: commonLabels(spec),
      ...(spec.roleArn !== undefined ? { annotations: { [IRSA_ROLE_ANNOTATION]: spec.roleArn } } : {}),
    },
    automountServiceAccountToken: spec.automountServiceAccountToken,
  };
}
