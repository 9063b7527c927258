import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { overlaps, parseCidr } from "../../components/network/ipv4";
import { synthCommand } from "../../infra/synth/command";
import { SECRET_MASK } from "../../infra/synth/model";
import { secretPlaceholder } from "../../infra/synth/project";
import type { SynthResult } from "../../infra/synth/synth";
import { RULES } from "../../policies/rules";
import { crdProblems } from "../support/karpenter-reference";
import { synthesizeStack } from "../support/stack-synth";
import { repoRoot } from "./urn-snapshot";

const synthesized: Record<string, SynthResult> = {};

beforeAll(async () => {
  for (const stack of ["dev", "prod", "staging"]) synthesized[stack] = await synthesizeStack(stack);
});

const resources = (stack: string) => synthesized[stack]!.resources;

/**
 * The guarantees are the policy pack's rules (tests/policies holds a compliant and a violating case
 * for each); here they hold on the stacks themselves, as `infra synth` evaluates them.
 */
describe("every environment", () => {
  it.each(["dev", "prod", "staging"])(
    "%s passes every rule that binds it, with every rule evaluated",
    (stack) => {
      const policy = synthesized[stack]!.policy;
      expect(policy.rules).toBe(RULES.length);
      expect(policy.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    },
  );

  it("dev, prod and staging VPC ranges do not overlap", () => {
    const ranges = ["dev", "prod", "staging"].flatMap((stack) =>
      resources(stack)
        .filter((r) => r.type === "aws:ec2/vpc:Vpc")
        .map((vpc) => String(vpc.inputs.cidrBlock)),
    );
    expect(ranges).toHaveLength(3);
    const parsed = ranges.map((cidr) => {
      const result = parseCidr(cidr);
      if (!result.ok) throw new Error(`${cidr} ${result.reason}`);
      return result.range;
    });
    for (let i = 0; i < parsed.length; i++) {
      for (let j = i + 1; j < parsed.length; j++)
        expect(overlaps(parsed[i]!, parsed[j]!), `${ranges[i]} / ${ranges[j]}`).toBe(false);
    }
  });
});

describe("production", () => {
  it.each(["prod", "staging"])(
    "%s is held to the production rules and breaks none, advisory or not",
    (stack) => {
      expect(synthesized[stack]!.policy.profile).toBe("production");
      expect(synthesized[stack]!.policy.violations).toEqual([]);
    },
  );

  it.each(["prod", "staging"])(
    "%s pages through a confirmed https subscription with a secret endpoint",
    (stack) => {
      const pager = resources(stack).find(
        (r) =>
          r.type === "aws:sns/topicSubscription:TopicSubscription" && r.name.endsWith("-page-pagerduty-page"),
      );
      expect(pager?.inputs).toMatchObject({
        protocol: "https",
        endpoint: SECRET_MASK,
        endpointAutoConfirms: true,
      });
    },
  );

  it("runs one NAT gateway per zone in three zones", () => {
    expect(resources("prod").filter((r) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(3);
  });
});

describe("development", () => {
  const one = (stack: string, type: string) => resources(stack).find((r) => r.type === type)!;

  it("is cheaper: one NAT gateway, smaller database and nodes", () => {
    expect(resources("dev").filter((r) => r.type === "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(one("dev", "aws:rds/instance:Instance").inputs.instanceClass).toBe("db.t4g.micro");
    expect(one("prod", "aws:rds/instance:Instance").inputs.instanceClass).toBe("db.m7g.large");
    expect(one("dev", "aws:rds/instance:Instance").inputs.multiAz).toBe(false);
    expect(one("dev", "aws:eks/nodeGroup:NodeGroup").inputs.instanceTypes).toEqual(["t3.large", "t3a.large"]);
  });

  it("breaks production rules only, which development reports as advice", () => {
    const policy = synthesized.dev!.policy;
    expect(policy.profile).toBe("development");
    const advised = policy.violations.map((v) => `${v.rule} ${v.resource}`);
    expect(advised).toEqual(
      expect.arrayContaining([
        "nat-per-zone dev-nat-a",
        "rds-multi-az dev-db-instance",
        "rds-protected dev-db-instance",
        "hpa-min-replicas podinfo-hpa",
      ]),
    );
    expect(policy.violations.every((v) => v.enforcementLevel === "advisory")).toBe(true);
  });
});

describe("secrets", () => {
  it("a secure config value (prod's PagerDuty key) stays secret through the Helm values and the outputs", () => {
    const release = resources("prod").find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "kube-prometheus-stack",
    )!;
    expect(release.inputs.values).toBe(SECRET_MASK);
    expect(synthesized.prod!.outputs.kubeconfig).toBe(SECRET_MASK);
    const everything = JSON.stringify([synthesized.prod!.resources, synthesized.prod!.outputs]);
    expect(everything).not.toContain(
      secretPlaceholder("infra:observability.alertReceivers.page.pagerDutyRoutingKey"),
    );
    expect(everything).not.toContain("synth-placeholder-for-secret");
  });
});

describe("synth refuses a production stack configured unsafely", () => {
  it("exits 3 naming each broken rule, the resource and the fix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unsafe-prod-"));
    copyFileSync(join(repoRoot, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const stackFile = parse(readFileSync(join(repoRoot, "Pulumi.prod.yaml"), "utf8")) as {
      config: Record<string, any>;
    };
    stackFile.config["infra:network"].natGateways = "single";
    stackFile.config["infra:database"].multiAz = false;
    writeFileSync(join(dir, "Pulumi.unsafe.yaml"), stringify(stackFile));

    let out = "";
    let err = "";
    const code = await synthCommand(
      { cwd: dir, stack: "unsafe", out: join(dir, "out") },
      { out: (t) => (out += t), err: (t) => (err += t) },
    );
    expect(code).toBe(3);
    expect(err).toBe("infra synth: 2 mandatory policy violation(s)\n");
    expect(out).toContain(
      "[mandatory] rds-multi-az: unsafe-db-instance: not multi-AZ\n      fix: set multiAz: true",
    );
    expect(out).toContain("[mandatory] nat-per-zone: unsafe-nat-a: 1 NAT gateway(s) for 3 zones");
    const written = JSON.parse(readFileSync(join(dir, "out", "unsafe", "policy.json"), "utf8"));
    expect(
      written.violations.map((v: { rule: string; resource: string }) => `${v.rule} ${v.resource}`),
    ).toEqual(["nat-per-zone unsafe-nat-a", "rds-multi-az unsafe-db-instance"]);
  });
});

describe("Karpenter in every environment", () => {
  const STACKS = ["dev", "prod", "staging"];
  const ofType = (stack: string, type: string) => resources(stack).filter((r) => r.type === type);

  it.each(STACKS)("%s: every Karpenter custom resource validates against the CRD of its version", (stack) => {
    const objects = resources(stack).filter((r) => /^kubernetes:karpenter\.(sh|k8s\.aws)\//.test(r.type));
    expect(objects.map((r) => r.type).sort()).toEqual([
      "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
      "kubernetes:karpenter.sh/v1:NodePool",
    ]);
    for (const object of objects)
      expect(crdProblems(object.inputs as { apiVersion: string; kind: string }), object.name).toEqual([]);
  });

  it.each(STACKS)(
    "%s: nodes join through an EC2_LINUX access entry; the controller gets its role by Pod Identity",
    (stack) => {
      const entries = ofType(stack, "aws:eks/accessEntry:AccessEntry").filter(
        (r) => r.inputs.type === "EC2_LINUX",
      );
      expect(entries).toHaveLength(1);
      expect(ofType(stack, "aws:eks/podIdentityAssociation:PodIdentityAssociation")).toEqual([
        expect.objectContaining({
          inputs: expect.objectContaining({ namespace: "kube-system", serviceAccount: "karpenter" }),
        }),
      ]);
    },
  );

  it.each(STACKS)(
    "%s: the interruption queue is encrypted and fed by the five interruption rules",
    (stack) => {
      expect(ofType(stack, "aws:sqs/queue:Queue")).toEqual([
        expect.objectContaining({ inputs: expect.objectContaining({ sqsManagedSseEnabled: true }) }),
      ]);
      expect(ofType(stack, "aws:cloudwatch/eventRule:EventRule")).toHaveLength(5);
      expect(ofType(stack, "aws:cloudwatch/eventTarget:EventTarget")).toHaveLength(5);
    },
  );

  it.each(STACKS)(
    "%s: Karpenter finds the private subnets and the node security group, and nothing else",
    (stack) => {
      const discovered = resources(stack).filter(
        (r) =>
          (r.inputs.tags as Record<string, string> | undefined)?.["karpenter.sh/discovery"] !== undefined,
      );
      const subnets = discovered.filter((r) => r.type === "aws:ec2/subnet:Subnet");
      expect(subnets.length).toBeGreaterThan(0);
      expect(subnets.every((s) => (s.inputs.tags as Record<string, string>).tier === "private")).toBe(true);
      expect(discovered.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")).toHaveLength(1);
      expect(
        discovered.filter(
          (r) => !["aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup"].includes(r.type),
        ),
      ).toEqual([]);
    },
  );

  it.each(STACKS)("%s: the managed node group is the tainted system group", (stack) => {
    const groups = ofType(stack, "aws:eks/nodeGroup:NodeGroup");
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups)
      expect(group.inputs.taints).toContainEqual(
        expect.objectContaining({ key: "CriticalAddonsOnly", effect: "NO_SCHEDULE" }),
      );
  });

  it("production buys on-demand nodes only, development may use Spot", () => {
    const capacityTypes = (stack: string) =>
      (
        ofType(stack, "kubernetes:karpenter.sh/v1:NodePool")[0]!.inputs.spec as {
          template: { spec: { requirements: { key: string; values: string[] }[] } };
        }
      ).template.spec.requirements.find((r) => r.key === "karpenter.sh/capacity-type")!.values;
    expect(capacityTypes("prod")).toEqual(["on-demand"]);
    expect(capacityTypes("staging")).toEqual(["on-demand"]);
    expect(capacityTypes("dev")).toContain("spot");
  });
});
