import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { describe, expect, it } from "vitest";
import { classPath, resourceClass } from "../../bench/sdk-classes";

describe("classPath", () => {
  it.each([
    ["aws:ec2/vpc:Vpc", { pkg: "aws", path: ["ec2", "Vpc"] }],
    ["random:index/randomId:RandomId", { pkg: "random", path: ["RandomId"] }],
    ["kubernetes:apps/v1:Deployment", { pkg: "kubernetes", path: ["apps", "v1", "Deployment"] }],
    ["kubernetes:helm.sh/v3:Release", { pkg: "kubernetes", path: ["helm", "v3", "Release"] }],
    ["pulumi:providers:aws", { pkg: "aws", path: ["Provider"] }],
  ])("%s → %j", (type, expected) => {
    expect(classPath(type)).toEqual(expected);
  });

  it("refuses what is not a type token", () => {
    expect(() => classPath("Vpc")).toThrow('"Vpc" is not a resource type token');
  });
});

describe("resourceClass", () => {
  it("finds the generated class of each package", () => {
    expect(resourceClass("aws:ec2/vpc:Vpc")).toBe(aws.ec2.Vpc);
    expect(resourceClass("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toBe(
      aws.vpc.SecurityGroupIngressRule,
    );
    expect(resourceClass("random:index/randomId:RandomId")).toBe(random.RandomId);
    expect(resourceClass("kubernetes:apps/v1:Deployment")).toBe(k8s.apps.v1.Deployment);
    expect(resourceClass("kubernetes:helm.sh/v3:Release")).toBe(k8s.helm.v3.Release);
  });

  it("finds providers", () => {
    expect(resourceClass("pulumi:providers:kubernetes")).toBe(k8s.Provider);
    expect(resourceClass("pulumi:providers:aws")).toBe(aws.Provider);
  });

  it("uses the generic CustomResource for Kubernetes kinds without a class", () => {
    expect(resourceClass("kubernetes:monitoring.coreos.com/v1:PrometheusRule")).toBe(
      k8s.apiextensions.CustomResource,
    );
  });

  it("fails for a type no class registers", () => {
    expect(() => resourceClass("aws:ec2/vpc:Vpcc")).toThrow(
      'no @pulumi/aws class registers "aws:ec2/vpc:Vpcc"',
    );
    expect(() => resourceClass("gcp:compute/network:Network")).toThrow("no @pulumi/gcp class registers");
  });
});
