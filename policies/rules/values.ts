import type { PolicyResource } from "../types";

/** Reading resource inputs safely: rules get plain JSON from synth and from CrossGuard. */

export type Plain = Record<string, unknown>;

/** What `infra synth` records in place of a secret value (CrossGuard sees the value itself). */
export const MASKED = "[secret]";

export function record(value: unknown): Plain {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Plain) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return list(value).filter((v): v is string => typeof v === "string");
}

/** A value as message text: strings, numbers and booleans as they are, anything else as JSON. */
export function text(value: unknown, fallback = "unset"): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
}

/** A value set to something other than empty. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Booleans arrive as `true` or, from some providers' string-typed fields, `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** `[name, value]` for the resource's inputs of one type. */
export function ofType(resources: readonly PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((r) => types.includes(r.type));
}

export const TYPES = {
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  eksCluster: "aws:eks/cluster:Cluster",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  ebsVolume: "aws:ebs/volume:Volume",
  snsTopic: "aws:sns/topic:Topic",
  sqsQueue: "aws:sqs/queue:Queue",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  kmsKey: "aws:kms/key:Key",
  subnet: "aws:ec2/subnet:Subnet",
  natGateway: "aws:ec2/natGateway:NatGateway",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  lambda: "aws:lambda/function:Function",
  helmRelease: "kubernetes:helm.sh/v3:Release",
  helmChart: "kubernetes:helm.sh/v4:Chart",
  deployment: "kubernetes:apps/v1:Deployment",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  namespace: "kubernetes:core/v1:Namespace",
  crd: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
} as const;
