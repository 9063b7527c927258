import { readFileSync } from "node:fs";
import { KARPENTER_CHART } from "../../../components/cluster/karpenter-chart";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { instanceRate, PRICES } from "../../../infra/cost/prices";
import { longestPath, waitsFor } from "../../../infra/deploy-time/critical-path";
import { createDuration, DURATIONS } from "../../../infra/deploy-time/durations";
import { neededWaits } from "../../../infra/deploy-time/needs";
import { estimateStack, type StackEstimate } from "../../../infra/estimate/estimate";
import type { SynthResource } from "../../../infra/synth/model";
import { listStacks } from "../../../infra/synth/project";
import type { SynthResult } from "../../../infra/synth/synth";
import { synthesizeStack } from "../../support/stack-synth";
import { renderEstimate } from "../../../infra/estimate/render";
import { withEstimates } from "./readme";

const repoRoot = resolve(__dirname, "../../..");
const STACKS = listStacks(repoRoot);
const synthesized: Record<string, { result: SynthResult; estimate: StackEstimate }> = {};

beforeAll(async () => {
  for (const stack of STACKS) {
    const result = await synthesizeStack(stack);
    synthesized[stack] = { result, estimate: estimateStack(stack, result.region, result.resources) };
  }
});

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const ADDON = "aws:eks/addon:Addon";
const ARGO_ROLLOUTS_TYPES = "kubernetes:argoproj.io/";
const SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";

const of = (stack: string) => synthesized[stack]!.result.resources;

function closure(resources: readonly SynthResource[], start: SynthResource): SynthResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const custom = new Set(resources.filter((r) => r.custom).map((r) => r.urn));
  const seen = new Set<string>();
  const stack = [start.urn];
  while (stack.length) {
    for (const dep of waitsFor(byUrn.get(stack.pop()!)!, custom))
      if (!seen.has(dep)) {
        seen.add(dep);
        stack.push(dep);
      }
  }
  return [...seen].map((urn) => byUrn.get(urn)!);
}

describe("the estimates of the synthesized stacks", () => {
  // A type without a price would show as unpriced, never as zero; a stack must not need one.
  it("price every instance type and DB class the stacks use in their region", () => {
    const missing = new Set<string>();
    for (const stack of STACKS) {
      const { region } = synthesized[stack]!.result;
      for (const group of of(stack).filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")) {
        for (const t of group.inputs.instanceTypes as string[])
          if (!instanceRate(PRICES, region, "ec2", t)) missing.add(`${region} ${t}`);
      }
      for (const db of of(stack).filter((r) => r.type === "aws:rds/instance:Instance")) {
        const cls = db.inputs.instanceClass as string;
        if (!instanceRate(PRICES, region, "rds", cls)) missing.add(`${region} ${cls}`);
      }
    }
    expect([...missing].sort()).toEqual([]);
  });

  it("have a price table for every stack's region and for us-east-1, eu-west-1 and eu-central-1", () => {
    const regions = new Set([
      "us-east-1",
      "eu-west-1",
      "eu-central-1",
      ...STACKS.map((s) => synthesized[s]!.result.region),
    ]);
    for (const region of regions) expect(Object.keys(PRICES.regions), region).toContain(region);
  });

  it("list an unpriced item by name and keep it out of the total", () => {
    const prod = synthesized.prod!.estimate;
    const unpriced = prod.cost.lines.filter((l) => l.status === "unpriced");
    expect(unpriced.length).toBe(prod.cost.unpriced.length);
    const priced = prod.cost.lines
      .filter((l) => l.status === "priced")
      .reduce((sum, l) => sum + l.monthly!, 0);
    expect(prod.cost.totals.monthly).toBeCloseTo(priced, 2);
  });

  it.each(["dev", "staging", "prod"])("%s: the database does not wait for the cluster", (stack) => {
    const resources = of(stack);
    const db = resources.find((r) => r.type === "aws:rds/instance:Instance")!;
    const waits = closure(resources, db).map((r) => r.type);
    expect(waits).not.toContain("aws:eks/cluster:Cluster");
    expect(waits.filter((t) => t.startsWith("kubernetes:") || t.startsWith("aws:eks/"))).toEqual([]);
  });

  it.each(["dev", "staging", "prod"])(
    "%s: only a service's ServiceMonitor waits for the release that installs its CRD; nothing waits for alarms, dashboards or the alert topic",
    (stack) => {
      const resources = of(stack);
      const serviceUrns = new Set(
        resources.filter((r) => r.type === "infra:index:AutoscaledService").map((r) => r.urn),
      );
      const objects = resources.filter((r) => r.parent !== null && serviceUrns.has(r.parent));
      expect(objects.length).toBeGreaterThan(0);
      const monitors = objects.filter((r) => r.type === SERVICE_MONITOR);
      expect(monitors.length).toBeGreaterThan(0);
      // A progressive service's Rollout (and what needs it: its templates before it, the HPA scaling
      // it, the preview Service it switches) waits for the Argo Rollouts release instead.
      const needsRollout = (r: (typeof objects)[number]) =>
        r.type.startsWith(ARGO_ROLLOUTS_TYPES) ||
        closure(resources, r).some((w) => w.type.startsWith(ARGO_ROLLOUTS_TYPES)) ||
        r.name.endsWith("-preview-service");
      for (const object of objects) {
        const waitsForRelease = closure(resources, object).some((r) => r.type === HELM_RELEASE);
        expect(waitsForRelease, object.name).toBe(object.type === SERVICE_MONITOR || needsRollout(object));
      }
      const unrelated = [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:cloudwatch/dashboard:Dashboard",
        "aws:sns/topic:Topic",
        "aws:ec2/natGateway:NatGateway",
        "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
        "aws:rds/instance:Instance",
      ];
      for (const object of objects) {
        const waits = closure(resources, object).map((r) => r.type);
        expect(
          waits.filter((t) => unrelated.includes(t)),
          object.name,
        ).toEqual([]);
      }
    },
  );

  it.each(["dev", "staging", "prod"])(
    "%s: Karpenter's controller waits for nodes running pods, not for the EBS CSI driver or the other Deployment add-ons",
    (stack) => {
      const resources = of(stack);
      const release = resources.find(
        (r) => r.type === HELM_RELEASE && r.inputs.chart === KARPENTER_CHART.chart,
      )!;
      const waits = closure(resources, release);
      const addons = waits.filter((r) => r.type === ADDON).map((r) => r.inputs.addonName);
      expect(addons.sort()).toEqual(["eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
      expect(waits.map((r) => r.type)).toContain("aws:eks/nodeGroup:NodeGroup");
      // What does need the EBS CSI driver still waits for it: the gp3 class, and through it the
      // release whose Prometheus and Alertmanager claim volumes.
      const ebs = resources.find((r) => r.type === ADDON && r.inputs.addonName === "aws-ebs-csi-driver")!;
      const monitoring = resources.find(
        (r) => r.type === HELM_RELEASE && r.inputs.name === "kube-prometheus-stack",
      )!;
      expect(closure(resources, monitoring)).toContain(ebs);
    },
  );

  it.each(["dev", "staging", "prod"])(
    "%s: a fresh up takes no longer than its chain of needed waits, and the platform chain is on it",
    (stack) => {
      const resources = of(stack);
      const custom = resources.filter((r) => r.custom);
      const customUrns = new Set(custom.map((r) => r.urn));
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const steps = (edges: (r: SynthResource) => string[]) =>
        custom.map((r) => ({ id: r.urn, minutes: createDuration(r, DURATIONS).minutes, waitsFor: edges(r) }));
      const all = longestPath(steps((r) => waitsFor(r, customUrns)));
      // The same graph with only the waits it needs: values its inputs carry, providers, and the
      // explicit waits an ordering need explains. Every extra minute would be false serialization.
      const unavoidable = longestPath(steps((r) => neededWaits(r, byUrn)));
      expect(all.minutes).toBeLessThanOrEqual(unavoidable.minutes);
      const { deploy } = synthesized[stack]!.estimate;
      expect(deploy.falseWaits).toEqual([]);
      expect(deploy.unavoidableMinutes).toBe(Math.round(unavoidable.minutes * 10) / 10);
      expect(deploy.minutes).toBe(Math.round(all.minutes * 10) / 10);
      // The platform chain itself is on the path: cluster, a node group, an add-on, a release.
      const types = all.path.map((urn) => byUrn.get(urn)!.type);
      for (const t of ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", ADDON, HELM_RELEASE])
        expect(types).toContain(t);
    },
  );

  it("docs/operators/estimates.md states the estimates `infra estimate` prints (regenerate with `npm run docs:estimate`)", async () => {
    const path = join(repoRoot, "docs", "operators", "estimates.md");
    const readme = readFileSync(path, "utf8");
    const estimates = STACKS.map((stack) => synthesized[stack]!.estimate);
    expect(readme, "docs/operators/estimates.md is stale: run `npm run docs:estimate`").toBe(
      await withEstimates(readme, path, estimates),
    );
    for (const e of estimates) {
      const printed = renderEstimate(e);
      expect(printed).toContain(`fresh up: ~${e.deploy.minutes} min`);
      expect(printed).toMatch(
        new RegExp(`^total\\s+${e.cost.totals.monthly.toFixed(2).replace(".", "\\.")}\\s`, "m"),
      );
    }
  });
});
