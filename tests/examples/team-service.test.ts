import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../infra/synth/model";
import { synthesize, type SynthResult } from "../../infra/synth/synth";
import teamService from "../../examples/team-service";
import { evaluatePolicies } from "../../policies/api";

const exampleDir = resolve(join(__dirname, "..", "..", "examples", "team-service"));

// A team's own stack, built only from the public components: it must keep compiling and keep
// producing a safe stack as the library changes.
describe("example: a team's stack (examples/team-service)", () => {
  let result: SynthResult;

  beforeAll(async () => {
    result = await synthesize({ cwd: exampleDir, stack: "dev", program: teamService });
  });

  const one = (type: string) => {
    const found = result.resources.filter((r) => r.type === type);
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };

  it("deploys every Kubernetes object through the team's provider, whose kubeconfig stays secret", () => {
    const provider = one("pulumi:providers:kubernetes");
    expect(provider.inputs.kubeconfig).toBe(SECRET_MASK);
    const objects = result.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThanOrEqual(7);
    for (const object of objects) expect(object.provider, object.name).toBe(provider.urn);
  });

  it("keeps the database private, encrypted and reachable only from the platform's nodes", () => {
    const db = one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({
      publiclyAccessible: false,
      storageEncrypted: true,
      engine: "postgres",
    });
    const ingress = result.resources.filter(
      (r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    );
    expect(ingress.map((r) => r.inputs.referencedSecurityGroupId)).toEqual(["sg-0a1b2c3d4e5f60718"]);
  });

  it("reads the database host from a ConfigMap created after the service's namespace", () => {
    const configMap = one("kubernetes:core/v1:ConfigMap");
    // Depending on a component means depending on everything it created, the namespace included.
    expect(configMap.options.dependsOn).toContain(one("kubernetes:core/v1:Namespace").urn);
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
