import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrapTargets } from "../../infra/stacks/bootstrap";
import { synthCommand } from "../../infra/synth/command";
import { projectDir, PULUMI_YAML } from "../support/project-dir";
import type { SynthResult } from "../../infra/synth/synth";
import { synthesizeStack } from "../support/stack-synth";
import type { SynthResource } from "../../infra/synth/model";

const root = resolve(__dirname, "../..");
let dev: SynthResult;

beforeAll(async () => {
  dev = await synthesizeStack("dev");
});

const ofType = (type: string) => dev.resources.filter((r) => r.type === type);
const one = (type: string, name: string): SynthResource => {
  const found = dev.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const dependsOn = (r: SynthResource) => r.options.dependsOn ?? [];

describe("the dev stack on its first real deploy", () => {
  it("answers from the stack's own allowed account, not AWS's placeholder", () => {
    const text = JSON.stringify(dev.resources);
    expect(text).toContain(":111122223333:");
    expect(text).not.toContain("123456789012");
  });

  it("runs its deploy runner in the private subnets, HTTPS out only, started by queued workflow jobs", () => {
    const project = one("aws:codebuild/project:Project", "dev-deploy-runner-runner");
    expect(project.inputs.name).toBe("infra-dev-deploy-runner");
    const vpc = project.inputs.vpcConfig as { subnets: string[]; securityGroupIds: string[] };
    expect(vpc.subnets).toEqual(dev.outputs.privateSubnetIds);
    expect(project.inputs.source).toMatchObject({
      type: "GITHUB",
      location: "https://github.com/acme/infra.git",
      auth: { type: "CODECONNECTIONS" },
    });
    expect(one("aws:codebuild/webhook:Webhook", "dev-deploy-runner-runner").inputs.filterGroups).toEqual([
      { filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] },
    ]);
    const egress = ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) =>
      r.name.startsWith("dev-deploy-runner"),
    );
    expect(egress.map((r) => [r.inputs.fromPort, r.inputs.toPort])).toEqual([[443, 443]]);
    const ingress = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.parent?.endsWith("dev-deploy-runner"),
    );
    expect(ingress).toEqual([]);
  });

  it("writes the runner's logs to its own log group, created first and encrypted with the logs key", () => {
    const project = one("aws:codebuild/project:Project", "dev-deploy-runner-runner");
    const logGroup = one("aws:cloudwatch/logGroup:LogGroup", "dev-deploy-runner-logs");
    expect(logGroup.inputs).toMatchObject({
      name: "/aws/codebuild/infra-dev-deploy-runner",
      retentionInDays: 7,
    });
    expect(logGroup.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
    // The project takes the group's name from the group (an input dependency): created after it.
    expect(project.inputs.logsConfig).toEqual({
      cloudwatchLogs: { groupName: "/aws/codebuild/infra-dev-deploy-runner", status: "ENABLED" },
    });
  });

  it("lets only the runner's security group call the cluster's API, on 443", () => {
    const rule = one(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "dev-api-from-deploy-runner",
    );
    const runnerGroup = one("aws:ec2/securityGroup:SecurityGroup", "dev-deploy-runner-runner");
    expect(rule.inputs).toMatchObject({ ipProtocol: "tcp", fromPort: 443, toPort: 443 });
    expect(rule.inputs.referencedSecurityGroupId).toBeDefined();
    expect(rule.inputs.cidrIpv4).toBeUndefined();
    expect(runnerGroup.inputs.vpcId).toBe(dev.outputs.vpcId);
  });

  it("gives the read-only role AmazonEKSAdminViewPolicy (Secrets and custom resources) and the deploy role cluster-admin", () => {
    const policies = Object.fromEntries(
      ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((r) => [
        r.inputs.principalArn,
        [r.inputs.policyArn, r.inputs.accessScope],
      ]),
    );
    expect(policies["arn:aws:iam::111122223333:role/infra-read-only"]).toEqual([
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
      { type: "cluster" },
    ]);
    expect(policies["arn:aws:iam::111122223333:role/infra-deploy"]?.[0]).toBe(
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    );
  });

  it("creates RDS's log groups before the instance, with the logs key and the platform's retention", () => {
    const instance = one("aws:rds/instance:Instance", "dev-db-instance");
    for (const log of ["postgresql", "upgrade"]) {
      const group = one("aws:cloudwatch/logGroup:LogGroup", `dev-db-${log}-logs`);
      expect(group.inputs).toMatchObject({
        name: `/aws/rds/instance/infra-dev-postgres/${log}`,
        retentionInDays: 7,
      });
      expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:kms:/);
      expect(dependsOn(instance)).toContain(group.urn);
    }
    expect(instance.inputs.enabledCloudwatchLogsExports).toEqual(["postgresql", "upgrade"]);
  });

  it("pins the Container Insights add-on and orders the monitoring release after the gp3 StorageClass", () => {
    const addon = ofType("aws:eks/addon:Addon").find(
      (a) => a.inputs.addonName === "amazon-cloudwatch-observability",
    );
    expect(addon?.inputs.addonVersion).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    const release = ofType("kubernetes:helm.sh/v3:Release").find(
      (r) => r.inputs.name === "kube-prometheus-stack",
    )!;
    const storageClass = ofType("kubernetes:storage.k8s.io/v1:StorageClass")[0]!;
    expect(dependsOn(release)).toContain(storageClass.urn);
  });

  it("creates every custom resource after the release that installs its CRD", () => {
    const release = ofType("kubernetes:helm.sh/v3:Release").find(
      (r) => r.inputs.name === "kube-prometheus-stack",
    )!;
    const custom = dev.resources.filter((r) => /^kubernetes:monitoring\.coreos\.com\//.test(r.type));
    // The SLO and platform rules and podinfo's ServiceMonitor, and Karpenter's and the rollouts
    // controller's alerts and ServiceMonitors.
    expect(custom.map((r) => r.type).sort()).toEqual([
      ...Array<string>(4).fill("kubernetes:monitoring.coreos.com/v1:PrometheusRule"),
      ...Array<string>(3).fill("kubernetes:monitoring.coreos.com/v1:ServiceMonitor"),
    ]);
    const observability = dev.resources.find((r) => r.type === "infra:index:Observability")!;
    for (const resource of custom)
      expect(
        [release.urn, observability.urn].some((urn) => dependsOn(resource).includes(urn)),
        resource.name,
      ).toBe(true);
  });

  describe("bootstrap: what the first deploy creates from outside the VPC, before the runner exists", () => {
    const targets = () => new Set(bootstrapTargets(dev.resources));
    const targeted = () => dev.resources.filter((r) => targets().has(r.urn));

    it("is the logs key, the network and the deploy runner, nothing that talks to the cluster's API", () => {
      const components = targeted()
        .filter((r) => !r.custom)
        .map((r) => r.type);
      expect(components.sort()).toEqual([
        "infra:index:DeployRunner",
        "infra:index:LogsKey",
        "infra:index:Network",
      ]);
      expect(targeted().some((r) => r.type.startsWith("kubernetes:") || r.type.startsWith("aws:eks/"))).toBe(
        false,
      );
    });

    it("holds every parent and explicit dependency of what it holds", () => {
      const stackUrn = dev.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.urn;
      for (const r of targeted()) {
        if (r.parent !== stackUrn) expect(targets().has(r.parent!), r.urn).toBe(true);
        for (const urn of dependsOn(r)) expect(targets().has(urn), `${r.urn} depends on ${urn}`).toBe(true);
      }
    });

    it("gives the runner only the network's VPC and private subnets and the logs key", () => {
      const project = one("aws:codebuild/project:Project", "dev-deploy-runner-runner");
      const group = one("aws:ec2/securityGroup:SecurityGroup", "dev-deploy-runner-runner");
      const vpc = dev.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
      expect(targets().has(vpc.urn)).toBe(true);
      expect(group.inputs.vpcId).toBe(dev.outputs.vpcId);
      expect((project.inputs.vpcConfig as { subnets: string[] }).subnets).toEqual(
        dev.outputs.privateSubnetIds,
      );
      const logsKey = dev.resources.find(
        (r) => r.type === "aws:kms/key:Key" && r.parent?.includes("LogsKey"),
      )!;
      expect(targets().has(logsKey.urn)).toBe(true);
    });
  });

  it("with AWS's placeholder account, synth exits 1 naming every key to fix, before any resource", async () => {
    const placeholder = readFileSync(join(root, "Pulumi.dev.yaml"), "utf8").replaceAll(
      "111122223333",
      "123456789012",
    );
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.dev.yaml": placeholder });
    const out: string[] = [];
    const err: string[] = [];
    const code = await synthCommand(
      { cwd: dir, stack: "dev" },
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    expect(code).toBe(1);
    expect(out).toEqual([]);
    const text = err.join("");
    for (const key of [
      "aws:allowedAccountIds[0]",
      "infra:cluster.adminRoleArns[0]",
      "infra:cluster.readOnlyRoleArns[0]",
      "infra:delivery.connectionArn",
    ])
      expect(text).toContain(`  - ${key}: `);
    expect(text).toContain("documentation placeholder");
    expect(text).not.toMatch(/\n\s+at /);
  });
});
