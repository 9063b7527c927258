import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { AutoscaledService, Network, Observability, Postgres } from "../../../components";
import { POSTGRES_ARGS } from "../../../components/database";
import { resolvedNatGatewayIds } from "../../../components/observability/alarms";
import { run, type Registered } from "../../support/harness";

/**
 * Arguments another resource or a StackReference produces arrive as Outputs: the components take
 * them without an `apply` around their construction, and the resolved values reach the resources.
 */
describe("components composed from Outputs", () => {
  let registered: Registered;
  let natGatewayIds: string[];

  beforeAll(async () => {
    registered = await run(async () => {
      const network = new Network("net", {
        profile: "development",
        cidrBlock: "10.40.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        natGateways: "perAz",
      });
      new Observability("obs", {
        profile: "development",
        prometheus: { enabled: false },
        natGatewayIds: network.natGatewayIds,
      });
      new Postgres("orders-db", {
        profile: "development",
        vpcId: network.vpcId,
        subnetIds: network.isolatedSubnetIds,
        allowedSecurityGroupIds: { "cluster-nodes": pulumi.output("sg-0123456789abcdef0") },
        // As a StackReference gives it: known only when the program runs.
        engineVersion: pulumi.output("16"),
      });
      const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
      new AutoscaledService(
        "api",
        {
          profile: "development",
          image: pulumi.output("123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"),
          cpu: { request: "250m", limit: "1" },
          memory: { request: "256Mi", limit: "512Mi" },
          env: { QUEUE_URL: pulumi.output("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs") },
        },
        { providers: [provider] },
      );
      natGatewayIds = await new Promise((resolve) => network.natGatewayIds.apply(resolve));
    });
  });

  it("alarms on every NAT gateway of an Output list", () => {
    const alarm = registered.one("aws:cloudwatch/metricAlarm:MetricAlarm", "obs-nat-port-allocation");
    const queries = alarm.inputs.metricQueries as { metric?: { dimensions: { NatGatewayId: string } } }[];
    expect(natGatewayIds).toHaveLength(2);
    expect(queries.flatMap((q) => (q.metric ? [q.metric.dimensions.NatGatewayId] : []))).toEqual(
      natGatewayIds,
    );
  });

  it("derives the parameter group family and engine settings from an Output engine version", () => {
    const params = registered.one("aws:rds/parameterGroup:ParameterGroup");
    expect(params.inputs.family).toBe("postgres16");
    expect(params.inputs.namePrefix).toBe("orders-db-postgres16-");
    expect(params.inputs.parameters).toContainEqual(
      expect.objectContaining({ name: "rds.force_ssl", value: "1" }),
    );
    const instance = registered.one("aws:rds/instance:Instance");
    expect(instance.inputs.engineVersion).toBe("16");
    expect(instance.inputs.allowMajorVersionUpgrade).toBe(false);
  });

  it("puts an Output image and env value into the Deployment", () => {
    const deployment = registered.one("kubernetes:apps/v1:Deployment");
    const container = (deployment.inputs.spec as any).template.spec.containers[0];
    expect(container.image).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2");
    expect(container.env).toContainEqual({
      name: "QUEUE_URL",
      value: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs",
    });
  });
});

describe("an Output that resolves to a bad value", () => {
  const context = { componentName: "orders-db" };
  const args = POSTGRES_ARGS.parse(
    {
      profile: "development",
      vpcId: "vpc-0a1b2c3d4e5f60718",
      subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
      allowedSecurityGroupIds: { "cluster-nodes": "sg-0123456789abcdef0" },
      engineVersion: pulumi.output("9.6"),
    },
    "orders-db",
    context,
  );

  it("passes validation while unknown, then fails with the message a plain value gets", () => {
    expect(() => POSTGRES_ARGS.checkKnown(args, "engineVersion", "9.6", "orders-db", context)).toThrow(
      /Postgres "orders-db": 1 problem\n {2}- engineVersion: "9.6" is not a PostgreSQL version RDS offers/,
    );
    expect(POSTGRES_ARGS.checkKnown(args, "engineVersion", "16", "orders-db", context)).toBe("16");
  });

  it("runs the rules that read the value once it is known: a pinned minor with auto upgrades on", () => {
    expect(() => POSTGRES_ARGS.checkKnown(args, "engineVersion", "17.6", "orders-db", context)).toThrow(
      /engineVersion: "17.6" pins a minor while autoMinorVersionUpgrade is on/,
    );
    const noAutoUpgrade = { ...args, autoMinorVersionUpgrade: false };
    expect(POSTGRES_ARGS.checkKnown(noAutoUpgrade, "engineVersion", "17.6", "orders-db", context)).toBe(
      "17.6",
    );
  });

  it("rejects a resolved NAT gateway list the alarm cannot take: empty, or over the metric limit", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `nat-0${String(i).padStart(16, "a")}`);
    expect(resolvedNatGatewayIds("obs", ids(10))).toHaveLength(10);
    expect(() => resolvedNatGatewayIds("obs", [])).toThrow(/natGatewayIds: resolved to no NAT gateway/);
    expect(() => resolvedNatGatewayIds("obs", ids(11))).toThrow(
      /natGatewayIds: has 11 NAT gateways; at most 10/,
    );
  });
});
