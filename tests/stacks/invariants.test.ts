import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { overlaps, parseCidr } from "../../components/network/ipv4";
import { SECRET_MASK } from "../../infra/synth/model";
import { secretPlaceholder } from "../../infra/synth/project";
import type { SynthResult } from "../../infra/synth/synth";
import { synthesize } from "../../infra/synth/synth";
import { synthesizeStack } from "../support/stack-synth";
import { baselineViolations, pagingViolations, productionViolations, vpcCidrs } from "./invariants";
import { repoRoot } from "./urn-snapshot";

const synthesized: Record<string, SynthResult> = {};

beforeAll(async () => {
  for (const stack of ["dev", "prod", "staging"]) synthesized[stack] = await synthesizeStack(stack);
});

const resources = (stack: string) => synthesized[stack]!.resources;

describe("every environment", () => {
  it.each(["dev", "prod", "staging"])("%s is encrypted everywhere and never public", (stack) => {
    expect(baselineViolations(resources(stack))).toEqual([]);
  });

  it.each(["dev", "prod", "staging"])("%s passes every mandatory policy", (stack) => {
    expect(synthesized[stack]!.policy.violations).toEqual([]);
  });

  it("dev, prod and staging VPC ranges do not overlap", () => {
    const ranges = ["dev", "prod", "staging"].flatMap((stack) => vpcCidrs(resources(stack)));
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
  it.each(["prod", "staging"])("%s survives a zone loss and keeps its data and logs", (stack) => {
    expect(productionViolations(resources(stack))).toEqual([]);
  });

  it.each(["prod", "staging"])(
    "%s routes every alarm to an alert topic and pages through a confirmed https subscription",
    (stack) => {
      expect(pagingViolations(resources(stack))).toEqual([]);
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

  it("would notice an email-only page topic or an alarm without actions", () => {
    const broken = resources("prod")
      .filter((r) => !r.name.endsWith("-page-pagerduty-page"))
      .map((r) =>
        r.name === "prod-db-cpu-high"
          ? { ...r, inputs: { ...r.inputs, alarmActions: [], okActions: [] } }
          : r,
      );
    expect(pagingViolations(broken)).toEqual([
      "prod-db-cpu-high: notifies nobody",
      "prod-page: no confirmed https subscription with a secret endpoint",
    ]);
  });

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

  it("would fail the production guarantees, which is why they are checked per profile", () => {
    expect(productionViolations(resources("dev"))).toEqual(
      expect.arrayContaining([
        "1 NAT gateway(s) for 2 zones: not one per zone",
        "dev-db-instance: not multi-AZ",
        "dev-db-instance: not protected in Pulumi",
      ]),
    );
  });
});

describe("secrets", () => {
  it("a secure config value (prod's PagerDuty key) stays secret through the Helm values and the outputs", () => {
    const release = resources("prod").find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
    expect(release.inputs.values).toBe(SECRET_MASK);
    expect(synthesized.prod!.outputs.kubeconfig).toBe(SECRET_MASK);
    const everything = JSON.stringify([synthesized.prod!.resources, synthesized.prod!.outputs]);
    expect(everything).not.toContain(
      secretPlaceholder("infra:observability.alertReceivers.page.pagerDutyRoutingKey"),
    );
    expect(everything).not.toContain("synth-placeholder-for-secret");
  });
});

describe("the invariants catch a production stack configured unsafely", () => {
  it("reports the single NAT gateway, the single-AZ database and the short backups", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unsafe-prod-"));
    copyFileSync(join(repoRoot, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
    const stackFile = parse(readFileSync(join(repoRoot, "Pulumi.prod.yaml"), "utf8")) as {
      config: Record<string, any>;
    };
    stackFile.config["infra:network"].natGateways = "single";
    stackFile.config["infra:database"].multiAz = false;
    stackFile.config["infra:database"].backupRetentionDays = 7;
    writeFileSync(join(dir, "Pulumi.unsafe.yaml"), stringify(stackFile));

    const unsafe = await synthesize({ cwd: dir, stack: "unsafe" });
    expect(productionViolations(unsafe.resources)).toEqual([
      "1 NAT gateway(s) for 3 zones: not one per zone",
      "unsafe-db-instance: not multi-AZ",
      "unsafe-db-instance: backups kept 7 days, under 14",
    ]);
  });
});
