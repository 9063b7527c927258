import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../components/cluster";
import { Postgres } from "../../components/database";
import { DeployRunner, GithubOidc } from "../../components/delivery";
import { Network } from "../../components/network";
import { LogsKey, Observability, type ObservabilityArgs } from "../../components/observability";
import { AutoscaledService } from "../../components/workload";
import { SERVED_COMPONENTS } from "../../provider/components";
import { InfraProvider } from "../../provider/provider";
import { minimalArgs as clusterArgs } from "../components/cluster/fixtures";
import { validArgs as postgresArgs } from "../components/database/fixtures";
import { validArgs as serviceArgs } from "../components/workload/fixtures";
import { run, type Registered } from "../support/harness";

const provider = new InfraProvider("0.1.0");

/** What a registration says, without where the program ran: compared between the two routes. */
function registrations(registered: Registered) {
  return registered.resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack")
    .map((r) => ({ urn: r.urn, type: r.type, parent: r.parent, inputs: r.inputs, options: r.options }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

interface Case {
  readonly type: string;
  /** The component's name in both programs. */
  readonly name: string;
  /** The args as a TypeScript program writes them. */
  readonly typescript: () => pulumi.ComponentResource;
  /** The same args as another language sends them: plain values, Outputs for unknown or secret ones. */
  readonly raw: () => pulumi.Inputs;
  readonly options?: () => pulumi.ComponentResourceOptions;
}

const kubernetes = () => ({ provider: new k8s.Provider("k8s", { kubeconfig: "{}" }) });

const CASES: Record<string, Case> = {
  Network: {
    type: "infra:index:Network",
    name: "net",
    typescript: () =>
      new Network("net", {
        cidrBlock: "10.10.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        profile: "development",
      }),
    raw: () => ({
      cidrBlock: "10.10.0.0/16",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      profile: "development",
    }),
  },
  Cluster: {
    type: "infra:index:Cluster",
    name: "platform",
    typescript: () => new Cluster("platform", clusterArgs({ vpcId: pulumi.output("vpc-0a1b2c3d4e5f60000") })),
    raw: () => ({
      ...(clusterArgs() as Record<string, unknown>),
      vpcId: pulumi.output("vpc-0a1b2c3d4e5f60000"),
    }),
  },
  Postgres: {
    type: "infra:index:Postgres",
    name: "orders",
    typescript: () =>
      new Postgres(
        "orders",
        postgresArgs({ alertTopicArn: pulumi.secret(postgresArgs().alertTopicArn as string) }),
      ),
    raw: () => ({
      ...(postgresArgs() as Record<string, unknown>),
      alertTopicArn: pulumi.secret(postgresArgs().alertTopicArn as string),
      allowedSecurityGroupIds: { "cluster-nodes": pulumi.output("sg-0123456789abcdef0") },
    }),
  },
  Observability: {
    type: "infra:index:Observability",
    name: "obs",
    typescript: () => new Observability("obs", observabilityArgs()),
    raw: () => observabilityArgs(),
  },
  LogsKey: {
    type: "infra:index:LogsKey",
    name: "logs",
    typescript: () => new LogsKey("logs", { profile: "development" }),
    raw: () => ({ profile: "development" }),
  },
  AutoscaledService: {
    type: "infra:index:AutoscaledService",
    name: "api",
    typescript: () => new AutoscaledService("api", serviceArgs({ minReplicas: 3 }), kubernetes()),
    raw: () => ({ ...(serviceArgs() as Record<string, unknown>), minReplicas: 3 }),
    options: kubernetes,
  },
  DeployRunner: {
    type: "infra:index:DeployRunner",
    name: "runner",
    typescript: () => new DeployRunner("runner", runnerArgs()),
    raw: () => ({ ...runnerArgs(), vpcId: pulumi.output("vpc-0a1b2c3d4e5f60000") }),
  },
  GithubOidc: {
    type: "infra:index:GithubOidc",
    name: "ci",
    typescript: () =>
      new GithubOidc("ci", {
        repository: "acme/infra",
        repositoryId: "812345678",
        deployEnvironments: ["production"],
      }),
    raw: () => ({ repository: "acme/infra", repositoryId: "812345678", deployEnvironments: ["production"] }),
  },
};

function runnerArgs() {
  return {
    projectName: "infra-dev-runner",
    repository: "acme/infra",
    connectionArn: "arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d",
    vpcId: "vpc-0a1b2c3d4e5f60000",
    subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
  };
}

function observabilityArgs(): ObservabilityArgs {
  return {
    profile: "development",
    prometheus: { enabled: false },
    cluster: {
      name: pulumi.output("infra-dev"),
      oidcProviderArn: pulumi.output(
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X",
      ),
      oidcIssuerUrl: pulumi.output("https://oidc.eks.eu-west-1.amazonaws.com/id/X"),
      nodeGroups: [{ name: "general", autoscalingGroupName: pulumi.output("eks-general"), maxSize: 3 }],
    },
    alertSubscriptions: [{ protocol: "email", endpoint: "oncall@example.com" }],
  };
}

describe.each(Object.entries(CASES))("construct %s through the provider", (component, c) => {
  it("registers the same children with the same inputs as the TypeScript constructor", async () => {
    const direct = await run(() => c.typescript());
    let state: pulumi.Inputs = {};
    const constructed = await run(async () => {
      const result = await provider.construct(c.name, c.type, c.raw(), c.options?.() ?? {});
      state = result.state;
    });
    expect(registrations(constructed)).toEqual(registrations(direct));
    expect(registrations(direct).length).toBeGreaterThan(1);
    // Every output the schema declares comes back, and nothing else (no Kubernetes provider).
    const served = SERVED_COMPONENTS.find((s) => s.component === component)!;
    expect(Object.keys(state).sort()).toEqual(Object.keys(served.outputs.shape).sort());
    for (const [key, value] of Object.entries(state)) expect(pulumi.Output.isInstance(value), key).toBe(true);
  });
});

describe("the provider", () => {
  it("refuses a type it does not serve, naming the ones it does", async () => {
    await expect(provider.construct("x", "infra:index:Nope", {}, {})).rejects.toThrow(/infra:index:Network/);
  });

  it("reports bad raw inputs as an InfraValidationError naming the argument", async () => {
    await run(async () => {
      await expect(
        provider.construct(
          "net",
          "infra:index:Network",
          { cidrBlock: 10, availabilityZones: "eu-west-1a" },
          {},
        ),
      ).rejects.toThrow(/cidrBlock: expected string[\s\S]*availabilityZones: expected array/);
    });
  });

  it("serves the committed schema", async () => {
    expect(JSON.parse(await provider.getSchema()).name).toBe("infra");
  });
});
