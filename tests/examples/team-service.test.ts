import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runTestProgram, SECRET_MASK, secret, type TestProgramResult } from "@platform/infra/testing";
import teamService from "../../examples/team-service";
import { evaluatePolicies } from "@platform/infra/policies";
import { synthesizeStack } from "../support/stack-synth";

const exampleDir = join(__dirname, "..", "..", "examples", "team-service");
const stackConfig = (
  parse(readFileSync(join(exampleDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, string> }
).config;

// A team's own stack, built only from the package's public API and tested through its test kit: it
// must keep compiling and keep producing a safe stack as the library changes.
describe("example: a team's stack (examples/team-service)", () => {
  let result: TestProgramResult;
  let platform: Record<string, unknown>;

  beforeAll(async () => {
    // What the platform's dev stack really exports, so a renamed output breaks this test.
    platform = (await synthesizeStack("dev")).outputs;
    result = await runTestProgram(teamService, {
      project: "payments",
      stack: "dev",
      config: stackConfig,
      stackReferences: {
        [stackConfig["payments:platformStack"]!]: {
          ...platform,
          kubeconfig: secret("apiVersion: v1\nkind: Config\n"),
        },
      },
    });
  });

  const one = (type: string) => result.one(type);

  it("deploys every Kubernetes object through the provider built from the platform's secret kubeconfig", () => {
    const provider = one("pulumi:providers:kubernetes");
    expect(provider.inputs.kubeconfig).toBe(SECRET_MASK);
    const objects = result.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThanOrEqual(7);
    for (const object of objects) expect(object.provider, object.name).toBe(provider.urn);
  });

  it("puts the database in the platform's isolated subnets, reachable only from the platform's nodes", () => {
    const db = one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({
      publiclyAccessible: false,
      storageEncrypted: true,
      engine: "postgres",
    });
    expect(one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).toEqual(platform.isolatedSubnetIds);
    const ingress = result.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress.map((r) => r.inputs.referencedSecurityGroupId)).toEqual([platform.nodeSecurityGroupId]);
    expect(one("aws:ec2/securityGroup:SecurityGroup").inputs.vpcId).toBe(platform.vpcId);
  });

  it("lets only the API's service account, through the platform's OIDC provider, assume its role", () => {
    const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy as string);
    const issuer = String(platform.oidcIssuer).replace("https://", "");
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: platform.oidcProviderArn },
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: "system:serviceaccount:payments:payments-api",
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      }),
    ]);
    const account = one("kubernetes:core/v1:ServiceAccount");
    expect(account.inputs).toMatchObject({ metadata: { name: "payments-api", namespace: "payments" } });
    expect((account.inputs.metadata as any).annotations["eks.amazonaws.com/role-arn"]).toMatch(
      /^arn:aws:iam::\d{12}:role\/payments-api-/,
    );
  });

  it("gets the database password to the pods as the RDS-managed secret the role may read, and nothing else", () => {
    const db = one("aws:rds/instance:Instance");
    expect(db.inputs.manageMasterUserPassword).toBe(true);
    const policy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string);
    const secretArn = one("kubernetes:core/v1:ConfigMap").inputs.data as Record<string, string>;
    expect(secretArn.secretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:rds!db-/);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Action: "secretsmanager:GetSecretValue", Resource: secretArn.secretArn }),
      expect.objectContaining({
        Action: "kms:Decrypt",
        Resource: db.inputs.kmsKeyId,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      }),
    ]);
    // Every key the pods read exists in the ConfigMap; no Secret is referenced that nothing creates.
    const container = (one("kubernetes:apps/v1:Deployment").inputs as any).spec.template.spec.containers[0];
    for (const env of container.env.filter((e: any) => e.valueFrom)) {
      expect(env.valueFrom.secretKeyRef, env.name).toBeUndefined();
      expect(Object.keys(secretArn)).toContain(env.valueFrom.configMapKeyRef.key);
    }
    expect(result.ofType("kubernetes:core/v1:Secret")).toEqual([]);
  });

  it("creates the ConfigMap the pods read before the service", () => {
    const configMap = one("kubernetes:core/v1:ConfigMap");
    expect(one("kubernetes:apps/v1:Deployment").dependencies).toContain(configMap.urn);
    expect(result.outputs).toMatchObject({ namespace: "payments", service: "payments-api" });
  });

  it("runs the platform's policy pack: development advice only, and one rule the team still has to meet", () => {
    // The team's stack is a development one; its production gaps (single AZ, one replica) are advice.
    const report = evaluatePolicies(result.resources, { profile: "development" });
    expect(report.rules).toBeGreaterThanOrEqual(40);
    const advice = report.violations.filter((v) => v.enforcementLevel === "advisory");
    expect(advice.map((v) => v.rule)).toEqual(expect.arrayContaining(["rds-multi-az", "hpa-min-replicas"]));
    // Without an identifier the database's log groups get RDS's names, which the stack cannot create
    // first: the pack names it, with the fix.
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => `${v.rule} ${v.resource}`)).toEqual([
      "service-log-groups-managed payments-db-instance",
    ]);
    expect(mandatory[0]!.fix).toContain("name the resource explicitly");
  });
});
