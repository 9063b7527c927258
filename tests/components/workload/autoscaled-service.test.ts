import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InfraValidationError, irsaTrustPolicy } from "../../../components/core";
import { AutoscaledService, type AutoscaledServiceArgs } from "../../../components/workload";
import { kubernetesManifests } from "../../../infra/synth/manifests";
import { evaluatePolicies } from "../../../policies/evaluate";
import { run, type Registered, type SynthResource } from "../../support/harness";
import { validArgs, validated } from "./fixtures";

const TYPES = {
  namespace: "kubernetes:core/v1:Namespace",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  deployment: "kubernetes:apps/v1:Deployment",
  service: "kubernetes:core/v1:Service",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
} as const;
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

function servicePayments(provider: pulumi.ProviderResource, overrides: Partial<AutoscaledServiceArgs> = {}) {
  const role = new aws.iam.Role("payments-role", {
    assumeRolePolicy: irsaTrustPolicy({
      oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      namespace: "payments",
      serviceAccount: "payments",
    }),
  });
  const service = new AutoscaledService(
    "payments",
    validArgs({
      namespace: "payments",
      createNamespace: true,
      serviceAccount: { roleArn: role.arn },
      env: { LOG_LEVEL: "info", DB_PASSWORD: { secretKeyRef: { name: "db", key: "password" } } },
      customMetrics: [{ type: "Pods", name: "http_requests_per_second", targetAverageValue: "50" }],
      ...overrides,
    }),
    { provider },
  );
  return {
    roleArn: role.arn,
    deploymentName: service.deploymentName,
    serviceName: service.serviceName,
    namespace: service.namespace,
    hpaName: service.hpaName,
  };
}

describe("AutoscaledService", () => {
  let registered: Registered;
  let component: SynthResource;
  const of = (type: string) => registered.one(type);

  beforeAll(async () => {
    registered = await run(() => servicePayments(new k8s.Provider("cluster", { kubeconfig: "{}" })));
    component = registered.one("infra:index:AutoscaledService");
  });

  it("registers its objects as children with stable names", () => {
    expect(component.name).toBe("payments");
    const children = registered.childrenOf(component.urn).map((r) => `${r.type} ${r.name}`);
    expect(children.sort()).toEqual(
      [
        `${TYPES.namespace} payments-namespace`,
        `${TYPES.serviceAccount} payments-service-account`,
        `${TYPES.deployment} payments-deployment`,
        `${TYPES.service} payments-service`,
        `${TYPES.pdb} payments-pdb`,
        `${TYPES.hpa} payments-hpa`,
        `${NETWORK_POLICY} payments-default-deny`,
        `${NETWORK_POLICY} payments-network-policy`,
      ].sort(),
    );
  });

  it("creates every object through the given Kubernetes provider, never the default one", () => {
    const provider = registered.one("pulumi:providers:kubernetes").urn;
    for (const type of Object.values(TYPES)) expect(of(type).provider).toBe(provider);
  });

  it("orders creation: namespace first, the ServiceAccount before the Deployment, the Deployment before the HPA", () => {
    const ns = of(TYPES.namespace).urn;
    expect(of(TYPES.namespace).options).toEqual({});
    expect(of(TYPES.serviceAccount).options.dependsOn).toEqual([ns]);
    expect(of(TYPES.service).options.dependsOn).toEqual([ns]);
    expect(of(TYPES.pdb).options.dependsOn).toEqual([ns]);
    expect(of(TYPES.deployment).options.dependsOn).toEqual([ns, of(TYPES.serviceAccount).urn].sort());
    expect(of(TYPES.hpa).options.dependsOn).toEqual([ns, of(TYPES.deployment).urn].sort());
  });

  it("registers objects that validate against the Kubernetes OpenAPI schema", () => {
    validated(Namespace, of(TYPES.namespace).inputs);
    validated(ServiceAccount, of(TYPES.serviceAccount).inputs);
    validated(Service, of(TYPES.service).inputs);
    validated(PodDisruptionBudget, of(TYPES.pdb).inputs);
    for (const policy of registered.ofType(NETWORK_POLICY)) validated(NetworkPolicy, policy.inputs);
    const hpa = validated(HorizontalPodAutoscaler, of(TYPES.hpa).inputs);
    expect(hpa.spec!.metrics!.map((m) => m.type)).toEqual(["Resource", "Pods"]);
    const deployment = validated(Deployment, of(TYPES.deployment).inputs);
    expect(deployment.spec!.template.spec!.containers[0]!.env).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    ]);
  });

  it("passes every rule of the platform's policy pack, in production", () => {
    const report = evaluatePolicies(registered.resources, { profile: "production" });
    expect(report.violations).toEqual([]);
  });

  it("never sends spec.replicas, so the HPA alone sets the pod count", () => {
    const spec = of(TYPES.deployment).inputs.spec as Record<string, unknown>;
    expect(spec).not.toHaveProperty("replicas");
    expect(of(TYPES.deployment).options.ignoreChanges).toBeUndefined();
    expect((of(TYPES.hpa).inputs.spec as { minReplicas: number }).minReplicas).toBe(2);
  });

  it("annotates the ServiceAccount with the IAM role's ARN for IRSA", () => {
    const metadata = of(TYPES.serviceAccount).inputs.metadata as { annotations: Record<string, string> };
    expect(metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(registered.outputs.roleArn);
    expect(registered.outputs.roleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
  });

  it("exposes deploymentName, serviceName, namespace and hpaName", () => {
    expect(registered.outputs).toMatchObject({
      deploymentName: "payments",
      serviceName: "payments",
      namespace: "payments",
      hpaName: "payments",
    });
  });

  it("writes each object as a YAML manifest for synth", () => {
    const manifests = kubernetesManifests(registered.resources);
    expect(manifests.map((m) => m.file).sort()).toEqual([
      "deployment-payments-deployment.yaml",
      "horizontalpodautoscaler-payments-hpa.yaml",
      "namespace-payments-namespace.yaml",
      "networkpolicy-payments-default-deny.yaml",
      "networkpolicy-payments-network-policy.yaml",
      "poddisruptionbudget-payments-pdb.yaml",
      "service-payments-service.yaml",
      "serviceaccount-payments-service-account.yaml",
    ]);
    const yaml = manifests.find((m) => m.file === "deployment-payments-deployment.yaml")!.yaml;
    expect(yaml.startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n")).toBe(true);
    expect(yaml).not.toMatch(/^\s*replicas:/m);
    const deployment = validated(Deployment, parse(yaml));
    expect(deployment.spec!.template.spec!.containers[0]!.securityContext!.readOnlyRootFilesystem).toBe(true);
    const hpa = validated(
      HorizontalPodAutoscaler,
      parse(manifests.find((m) => m.file === "horizontalpodautoscaler-payments-hpa.yaml")!.yaml),
    );
    expect(hpa.spec!.scaleTargetRef.name).toBe("payments");
  });

  it("registers the same Deployment inputs on every run, so an unchanged service shows no diff", async () => {
    const again = await run(() => servicePayments(new k8s.Provider("cluster", { kubeconfig: "{}" })));
    expect(again.one(TYPES.deployment).inputs).toEqual(of(TYPES.deployment).inputs);
    expect(again.one(TYPES.hpa).inputs).toEqual(of(TYPES.hpa).inputs);
  });

  it("uses an existing namespace when asked not to create one", async () => {
    const plain = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      const service = new AutoscaledService("orders", validArgs({ namespace: "shop" }), { provider });
      return { namespace: service.namespace, serviceName: service.serviceName };
    });
    expect(plain.ofType(TYPES.namespace)).toEqual([]);
    expect(plain.outputs).toEqual({ namespace: "shop", serviceName: "orders" });
    expect(plain.one(TYPES.serviceAccount).options.dependsOn).toBeUndefined();
    expect(plain.one(TYPES.deployment).options.dependsOn).toEqual([plain.one(TYPES.serviceAccount).urn]);
    expect(plain.one(TYPES.serviceAccount).inputs.metadata).not.toHaveProperty("annotations");
  });
});

describe("AutoscaledService validation", () => {
  /** Runs `build` inside a program and returns what it threw, with what was registered meanwhile. */
  async function attempt(build: (provider: k8s.Provider) => void) {
    let error: unknown;
    const registered = await run(() => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      try {
        build(provider);
      } catch (err) {
        error = err;
      }
    });
    return { error, registered };
  }

  it("throws every problem at once before registering anything", async () => {
    const { error, registered } = await attempt(
      (provider) =>
        new AutoscaledService(
          "api",
          validArgs({
            image: "api:latest",
            minReplicas: 3,
            maxReplicas: 2,
            memory: { request: "1Gi" } as never,
          }),
          { provider },
        ),
    );
    expect(InfraValidationError.isInstance(error)).toBe(true);
    const issues = (error as InfraValidationError).issues.map((i) => i.path);
    expect(issues).toEqual(["image", "memory.limit", "maxReplicas"]);
    expect((error as Error).message).toMatch(/^AutoscaledService "api": 3 problems\n {2}- image: /);
    expect(registered.ofType("infra:index:AutoscaledService")).toEqual([]);
    expect(registered.resources.filter((r) => r.type.startsWith("kubernetes:"))).toEqual([]);
  });

  it.each([
    ["no options", () => undefined],
    ["a providers map under another key", (p: k8s.Provider) => ({ providers: { k8s: p } })],
    ["only an AWS provider list", () => ({ providers: [new aws.Provider("us", { region: "us-east-1" })] })],
    ["an AWS provider as provider", () => ({ provider: new aws.Provider("us", { region: "us-east-1" }) })],
  ])("refuses to fall back to the default Kubernetes provider with %s", async (_case, options) => {
    const { error, registered } = await attempt((provider) => {
      new AutoscaledService("api", validArgs(), options(provider));
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues).toEqual([
      {
        path: "opts.providers.kubernetes",
        message: expect.stringMatching(/no Kubernetes provider was given/),
      },
    ]);
    expect(registered.ofType(TYPES.deployment)).toEqual([]);
  });

  it("rejects a non-Kubernetes provider under the kubernetes key", async () => {
    const { error } = await attempt(() => {
      const aws1 = new aws.Provider("us", { region: "us-east-1" });
      new AutoscaledService("api", validArgs(), { providers: { kubernetes: aws1 } });
    });
    expect((error as InfraValidationError).issues).toEqual([
      { path: "opts.providers.kubernetes", message: expect.stringMatching(/is not a Kubernetes provider/) },
    ]);
  });

  it.each([
    ["provider", (p: k8s.Provider) => ({ provider: p })],
    ["providers map", (p: k8s.Provider) => ({ providers: { kubernetes: p } })],
    ["providers list", (p: k8s.Provider) => ({ providers: [p] })],
  ])("accepts the provider through opts.%s", async (_case, options) => {
    const { error, registered } = await attempt((provider) => {
      new AutoscaledService("api", validArgs(), options(provider));
    });
    expect(error).toBeUndefined();
    expect(registered.one(TYPES.deployment).provider).toBe(registered.one("pulumi:providers:kubernetes").urn);
  });

  it("accepts a provider inherited from a parent component", async () => {
    const { error, registered } = await attempt((provider) => {
      const platform = new pulumi.ComponentResource(
        "infra:test:Platform",
        "platform",
        {},
        { providers: [provider] },
      );
      new AutoscaledService("api", validArgs(), { parent: platform });
    });
    expect(error).toBeUndefined();
    expect(registered.one(TYPES.hpa).provider).toBe(registered.one("pulumi:providers:kubernetes").urn);
  });
});
