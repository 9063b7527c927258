import { describe, expect, it } from "vitest";
import { evaluatePolicies } from "../../policies/evaluate";
import { noPublicAdminIngress } from "../../policies/rules/no-public-admin-ingress";
import { requiredTags } from "../../policies/rules/required-tags";

const sg = (props: Record<string, unknown>) => ({
  urn: "urn:sg",
  type: "aws:ec2/securityGroup:SecurityGroup",
  name: "sg",
  props,
});

describe("policy: no public admin ingress", () => {
  it("must not open port 22 to the Internet", () => {
    expect(
      noPublicAdminIngress.check(
        sg({ ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
      ),
    ).toEqual(["opens port 22 to 0.0.0.0/0"]);
  });

  it("catches a port range that covers PostgreSQL, and IPv6", () => {
    expect(
      noPublicAdminIngress.check(
        sg({ ingress: [{ protocol: "tcp", fromPort: 5000, toPort: 6000, ipv6CidrBlocks: ["::/0"] }] }),
      ),
    ).toEqual(["opens port 5432 to ::/0"]);
  });

  it("catches all-protocol rules and standalone ingress rules", () => {
    expect(
      noPublicAdminIngress.check({
        urn: "u",
        name: "r",
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" },
      }),
    ).toEqual(["opens port 22 to 0.0.0.0/0"]);
  });

  it("allows HTTPS from anywhere and SSH from a private range", () => {
    expect(
      noPublicAdminIngress.check(
        sg({
          ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe("policy: required tags", () => {
  const tagged = { environment: "dev", "managed-by": "pulumi", stack: "dev", component: "network" };

  it("passes a resource with the four platform tags", () => {
    expect(
      requiredTags.check({ urn: "u", name: "n", type: "aws:ec2/vpc:Vpc", props: { tags: tagged } }),
    ).toEqual([]);
  });

  it("names the missing tags", () => {
    const { component: _component, stack: _stack, ...partial } = tagged;
    expect(
      requiredTags.check({ urn: "u", name: "n", type: "aws:ec2/vpc:Vpc", props: { tags: partial } }),
    ).toEqual(["missing tag(s) stack, component"]);
  });
});

describe("policy evaluation", () => {
  it("counts mandatory violations across a stack and skips rules that do not apply", () => {
    const report = evaluatePolicies([
      sg({ ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }] }),
      { urn: "urn:k8s", type: "kubernetes:core/v1:Namespace", name: "ns", props: { tags: {} } },
    ]);
    expect(report.mandatoryViolations).toBe(1);
    expect(report.violations[0]).toMatchObject({
      rule: "no-public-admin-ingress",
      urn: "urn:sg",
      message: "opens port 3389 to 0.0.0.0/0",
    });
  });
});
