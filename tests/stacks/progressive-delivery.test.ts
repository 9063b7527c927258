import { describe, expect, it } from "vitest";
import { InfraValidationError } from "../../components/core";
import { ROLLOUTS_CONTROLLER_DEFAULTS } from "../../components/delivery";
import { platformWorkloads } from "../../stacks/preflight/platform-workloads";
import { serviceArgs } from "../../stacks/component-args";
import { loadEnvironment } from "../../stacks/environment";
import { argoSchemaErrors } from "../support/argo-rollouts";
import { synthesizeStack } from "../support/stack-synth";
import { promqlErrors } from "../components/observability/promql";

const STACKS = ["dev", "staging", "prod"] as const;
const ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
const TEMPLATE = "kubernetes:argoproj.io/v1alpha1:AnalysisTemplate";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";

type Inputs = { apiVersion: string; kind: string; spec: Record<string, unknown>; metadata: { name: string } };
const queriesOf = (template: Inputs) =>
  (template.spec.metrics as { provider: { prometheus: { query: string } } }[]).map(
    (m) => m.provider.prometheus.query,
  );

describe("progressive delivery in the repository's stacks", () => {
  it.each(STACKS)(
    "%s: every Rollout and AnalysisTemplate validates against the Argo Rollouts 1.9 CRDs",
    async (stack) => {
      const { resources } = await synthesizeStack(stack);
      for (const r of resources.filter((r) => r.type === ROLLOUT || r.type === TEMPLATE)) {
        expect(argoSchemaErrors(r.inputs as unknown as Inputs), r.name).toEqual([]);
      }
    },
  );

  it.each(STACKS)("%s: every analysis query parses as PromQL", async (stack) => {
    const { resources } = await synthesizeStack(stack);
    for (const r of resources.filter((r) => r.type === TEMPLATE)) {
      for (const query of queriesOf(r.inputs as unknown as Inputs))
        expect(promqlErrors(query), r.name).toEqual([]);
    }
  });

  it.each(STACKS)("%s: installs the Argo Rollouts controller", async (stack) => {
    const { resources } = await synthesizeStack(stack);
    const release = resources.find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.endsWith("-argo-rollouts"),
    );
    expect(release?.inputs).toMatchObject({ chart: "argo-rollouts", namespace: "argo-rollouts" });
  });

  it("prod: the sample service is a canary, by the production profile, with zero policy violations", async () => {
    const { resources, policy } = await synthesizeStack("prod");
    const rollout = resources.find((r) => r.type === ROLLOUT)!;
    expect(Object.keys((rollout.inputs as unknown as Inputs).spec.strategy as object)).toEqual(["canary"]);
    expect(resources.find((r) => r.type === HPA)?.inputs).toMatchObject({
      spec: { scaleTargetRef: { kind: "Rollout", apiVersion: "argoproj.io/v1alpha1", name: "podinfo" } },
    });
    expect(policy.violations).toEqual([]);
    // The service waits for the CRDs its Rollout needs.
    const release = resources.find((r) => r.name === "prod-rollouts-argo-rollouts")!;
    expect(rollout.options.dependsOn).toContain(release.urn);
  });

  it("prod: the canary is compared on the SLO's selectors, leaving out the same paths as the SLO", async () => {
    const { resources } = await synthesizeStack("prod");
    const errorRate = resources.find((r) => r.type === TEMPLATE && r.name === "podinfo-analysis-error-rate")!;
    const [query] = queriesOf(errorRate.inputs as unknown as Inputs);
    const slo = JSON.stringify(resources.find((r) => r.name === "prod-slo-rules")!.inputs);
    const exclusion = /path!~\\"[^\\]+\\"/.exec(slo)![0].replaceAll("\\", "");
    expect(query).toContain(
      `http_request_duration_seconds_count{namespace="podinfo", status!~"5..",${exclusion},`,
    );
  });

  it("staging: the sample service is blue-green and waits for a person before promotion", async () => {
    const { resources } = await synthesizeStack("staging");
    const rollout = resources.find((r) => r.type === ROLLOUT)!.inputs as unknown as Inputs;
    expect(rollout.spec.strategy).toMatchObject({ blueGreen: { autoPromotionEnabled: false } });
    expect(
      resources.some((r) => r.type === "kubernetes:core/v1:Service" && r.name === "podinfo-preview-service"),
    ).toBe(true);
  });

  it("dev: the sample service keeps its rolling Deployment", async () => {
    const { resources } = await synthesizeStack("dev");
    expect(resources.filter((r) => r.type === ROLLOUT)).toEqual([]);
    expect(resources.find((r) => r.type === HPA)?.inputs).toMatchObject({
      spec: { scaleTargetRef: { kind: "Deployment" } },
    });
  });
});

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const TARGET = { allowedAccountIds: ["210987654321"] };
const SERVICE = {
  name: "api",
  image: "ghcr.io/acme/api:1.2.3",
  cpu: { request: "100m", limit: "500m" },
  memory: { request: "128Mi", limit: "256Mi" },
  metrics: { path: "/metrics" },
};
const DEV = {
  profile: "development",
  network: { cidrBlock: "10.10.0.0/16" },
  cluster: { adminRoleArns: ["arn:aws:iam::210987654321:role/platform-admin"] },
  delivery: {
    repository: "acme/infra",
    connectionArn: "arn:aws:codeconnections:eu-west-1:210987654321:connection/0b1c2d3e",
  },
};
const SLO = {
  name: "api-availability",
  service: "api",
  objective: 99.5,
  availability: {
    good: 'http_requests_total{job="api",code!~"5.."}',
    total: 'http_requests_total{job="api"}',
  },
};

function problems(raw: Record<string, unknown>): string[] {
  try {
    loadEnvironment(raw, "dev", ZONES, TARGET);
  } catch (err) {
    if (err instanceof InfraValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe("infra:services[].strategy", () => {
  it("takes a canary in development when asked, with the selectors of the service's SLO", () => {
    const raw = {
      ...DEV,
      observability: { slos: [SLO] },
      services: [{ ...SERVICE, strategy: { type: "canary", steps: [10, 50] } }],
    };
    expect(problems(raw)).toEqual([]);
    const { config } = loadEnvironment(raw, "dev", ZONES, TARGET);
    expect(serviceArgs(config, config.services[0]!).strategy).toMatchObject({
      type: "canary",
      steps: [10, 50],
      analysis: { availability: SLO.availability },
    });
  });

  it("keeps the production default when only the steps are given", () => {
    const { config } = loadEnvironment(
      {
        ...DEV,
        profile: "production",
        keys: { breakGlassRoleArn: "arn:aws:iam::210987654321:role/infra-break-glass" },
        observability: {
          slos: [SLO],
          alertReceivers: {
            page: { pagerDutyRoutingKey: "k" },
            ticket: { pagerDutyRoutingKey: "t" },
            heartbeatUrl: "https://hc.example.com/x",
          },
          alertWebhooks: [
            { key: "pagerduty", topic: "page", url: "https://events.pagerduty.com/integration/0123/enqueue" },
          ],
        },
        services: [{ ...SERVICE, minReplicas: 2, strategy: { steps: [20, 100] } }],
      },
      "dev",
      ZONES,
      TARGET,
    );
    expect(config.services[0]!.strategy).toMatchObject({ type: "canary", steps: [20, 100] });
  });

  it("names the config key when a canary has no SLO to be compared on", () => {
    expect(problems({ ...DEV, services: [{ ...SERVICE, strategy: { type: "canary" } }] })).toEqual([
      expect.stringMatching(/^infra:services\[0\]\.strategy\.analysis: is required by strategy "canary"/),
    ]);
  });

  it("rejects an unknown strategy with the allowed ones", () => {
    expect(problems({ ...DEV, services: [{ ...SERVICE, strategy: { type: "linear" } }] })).toEqual([
      'infra:services[0].strategy.type: "linear" is not a strategy; use "rolling", "canary", "blueGreen"',
    ]);
  });
});

describe("pod capacity with progressive delivery", () => {
  const workloads = (strategy: Record<string, unknown>) => {
    const { config } = loadEnvironment(
      { ...DEV, observability: { slos: [SLO] }, services: [{ ...SERVICE, minReplicas: 2, strategy }] },
      "dev",
      ZONES,
      TARGET,
    );
    return platformWorkloads(config);
  };

  it("counts the rollouts controller's pods", () => {
    expect(workloads({ type: "rolling" }).find((w) => w.name === "argo-rollouts")).toMatchObject({
      replicas: ROLLOUTS_CONTROLLER_DEFAULTS.development.replicas,
      pod: { cpuMilli: 50, memoryMib: 128 },
    });
  });

  it("counts a blue-green service twice (its preview runs a full copy), a canary once", () => {
    const replicas = (strategy: Record<string, unknown>) => {
      const found = workloads(strategy).find((w) => w.name === "service api");
      return found && "replicas" in found ? found.replicas : undefined;
    };
    expect(replicas({ type: "blueGreen" })).toBe(4);
    expect(replicas({ type: "canary" })).toBe(2);
    expect(replicas({ type: "rolling" })).toBe(2);
  });
});
