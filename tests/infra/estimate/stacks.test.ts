import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { instanceRate, PRICES } from "../../../infra/cost/prices";
import { longestPath, waitsFor } from "../../../infra/deploy-time/critical-path";
import { createDuration, DURATIONS } from "../../../infra/deploy-time/durations";
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
    "%s: a fresh up takes the platform chain (VPC … EKS … nodes … add-ons … release) plus the services' own objects, nothing more",
    (stack) => {
      const resources = of(stack);
      const custom = resources.filter((r) => r.custom);
      const customUrns = new Set(custom.map((r) => r.urn));
      const all = longestPath(
        custom.map((r) => ({
          id: r.urn,
          minutes: createDuration(r, DURATIONS).minutes,
          waitsFor: waitsFor(r, customUrns),
        })),
      );
      // The monitoring release: the last of the platform chain (Karpenter's comes before it).
      const release = resources.find(
        (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "kube-prometheus-stack",
      )!;
      const db = resources.find((r) => r.type === "aws:rds/instance:Instance")!;
      // The services' own chain (namespace → service account → deployment → autoscaler), alone.
      const serviceUrns = new Set(
        resources.filter((r) => r.type === "infra:index:AutoscaledService").map((r) => r.urn),
      );
      const objects = custom.filter((r) => r.parent !== null && serviceUrns.has(r.parent));
      const objectUrns = new Set(objects.map((r) => r.urn));
      const own = longestPath(
        objects.map((r) => ({
          id: r.urn,
          minutes: createDuration(r, DURATIONS).minutes,
          waitsFor: waitsFor(r, objectUrns),
        })),
      );
      // A ServiceMonitor after the release that installs its CRD; the services' other objects need
      // only the cluster's API.
      const monitorMinutes = Math.max(
        ...objects.filter((r) => r.type === SERVICE_MONITOR).map((r) => createDuration(r, DURATIONS).minutes),
      );
      const cluster = custom.find((r) => r.type === "aws:eks/cluster:Cluster")!;
      // A Rollout after the release that installs its CRDs, with its templates before it and the HPA after.
      const rolloutRelease = custom.find(
        (r) => r.type === HELM_RELEASE && r.name.endsWith("-argo-rollouts"),
      )!;
      const rolloutObjects = objects.filter(
        (r) =>
          r.type.startsWith(ARGO_ROLLOUTS_TYPES) ||
          r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
      );
      const rolloutUrns = new Set(rolloutObjects.map((r) => r.urn));
      const rolloutChain = rolloutObjects.some((r) => r.type.startsWith(ARGO_ROLLOUTS_TYPES))
        ? longestPath(
            rolloutObjects.map((r) => ({
              id: r.urn,
              minutes: createDuration(r, DURATIONS).minutes,
              waitsFor: waitsFor(r, rolloutUrns),
            })),
          ).minutes
        : 0;
      const unavoidable = Math.max(
        all.finish.get(release.urn)! + monitorMinutes,
        all.finish.get(rolloutRelease.urn)! + rolloutChain,
        all.finish.get(cluster.urn)! + own.minutes,
        all.finish.get(db.urn)!,
      );
      expect(all.minutes).toBeLessThanOrEqual(unavoidable);
      // The platform chain itself is on the path: cluster, a node group, an add-on, the release.
      const types = all.path.map((urn) => custom.find((r) => r.urn === urn)!.type);
      for (const t of [
        "aws:eks/cluster:Cluster",
        "aws:eks/nodeGroup:NodeGroup",
        "aws:eks/addon:Addon",
        release.type,
      ])
        expect(types).toContain(t);
      expect(synthesized[stack]!.estimate.deploy.minutes).toBe(Math.round(all.minutes * 10) / 10);
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
