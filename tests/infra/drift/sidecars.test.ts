import { describe, expect, it } from "vitest";
import { classifyRefresh } from "../../../infra/drift/classify";
import type { PreviewStep, ResourceState } from "../../../infra/drift/digest";
import { suppressNoise } from "../../../infra/drift/noise";

// pulumi-aws#3837: lists fed by separate resources come back on the parent after a refresh.
const ROLE_TYPE = "aws:iam/role:Role";
const ROLE = `urn:pulumi:dev::infra::${ROLE_TYPE}::app`;
const ECR = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

function attachment(name: string, role: string, policyArn: string): ResourceState {
  const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
  return {
    urn: `urn:pulumi:dev::infra::${type}::${name}`,
    type,
    id: `${role}-x`,
    inputs: { role, policyArn },
  };
}

function roleRefresh(after: string[], diff: Record<string, string>): PreviewStep {
  const recorded = {
    name: "app-role-1",
    arn: "arn:aws:iam::123456789012:role/app-role-1",
    managedPolicyArns: [],
  };
  return {
    op: "update",
    urn: ROLE,
    oldState: {
      urn: ROLE,
      type: ROLE_TYPE,
      id: "app-role-1",
      inputs: { name: "app-role-1" },
      outputs: recorded,
    },
    newState: {
      urn: ROLE,
      type: ROLE_TYPE,
      id: "app-role-1",
      inputs: { name: "app-role-1" },
      outputs: { ...recorded, managedPolicyArns: after },
    },
    detailedDiff: Object.fromEntries(
      Object.entries(diff).map(([path, kind]) => [path, { kind, inputDiff: false }]),
    ),
  };
}

describe("sidecar ownership (pulumi-aws#3837)", () => {
  it("a policy a RolePolicyAttachment of this role manages is suppressed, naming the attachment", () => {
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({ steps: [roleRefresh([ECR], { "managedPolicyArns[0]": "add" })] }),
      {
        ignore: [],
        resources: [attachment("app-ecr", "app-role-1", ECR)],
      },
    );
    expect(changes).toEqual([]);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({ path: "managedPolicyArns[0]", rule: "sidecar-ownership" });
    expect(suppressed[0]?.reason).toBe(
      'managed by aws:iam/rolePolicyAttachment:RolePolicyAttachment "app-ecr", which a refresh reads back into managedPolicyArns (pulumi-aws#3837)',
    );
  });

  it("a policy attached by hand stays drift, next to a sidecar-owned one", () => {
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({
        steps: [roleRefresh([ECR, ADMIN], { "managedPolicyArns[0]": "add", "managedPolicyArns[1]": "add" })],
      }),
      { ignore: [], resources: [attachment("app-ecr", "app-role-1", ECR)] },
    );
    expect(changes[0]?.properties).toEqual([
      { path: "managedPolicyArns[1]", kind: "add", replace: false, new: ADMIN },
    ]);
    expect(suppressed.map((s) => s.path)).toEqual(["managedPolicyArns[0]"]);
  });

  it("an attachment of another role does not count", () => {
    const { changes } = suppressNoise(
      classifyRefresh({ steps: [roleRefresh([ECR], { "managedPolicyArns[0]": "add" })] }),
      {
        ignore: [],
        resources: [attachment("other-ecr", "other-role", ECR)],
      },
    );
    expect(changes).toHaveLength(1);
  });

  it("a whole-list diff is noise only when every added or removed entry has its sidecar", () => {
    const owned = suppressNoise(
      classifyRefresh({ steps: [roleRefresh([ECR], { managedPolicyArns: "update" })] }),
      {
        ignore: [],
        resources: [attachment("app-ecr", "app-role-1", ECR)],
      },
    );
    expect(owned.changes).toEqual([]);
    const mixed = suppressNoise(
      classifyRefresh({ steps: [roleRefresh([ECR, ADMIN], { managedPolicyArns: "update" })] }),
      {
        ignore: [],
        resources: [attachment("app-ecr", "app-role-1", ECR)],
      },
    );
    expect(mixed.changes[0]?.properties.map((p) => p.path)).toEqual(["managedPolicyArns"]);
  });

  it("route table routes owned by aws.ec2.Route resources are suppressed; a hand-made route is not", () => {
    const type = "aws:ec2/routeTable:RouteTable";
    const urn = `urn:pulumi:dev::infra::${type}::private-a`;
    const routeType = "aws:ec2/route:Route";
    const route: ResourceState = {
      urn: `urn:pulumi:dev::infra::${routeType}::private-a-default`,
      type: routeType,
      inputs: { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
    };
    const step: PreviewStep = {
      op: "update",
      urn,
      oldState: { urn, type, id: "rtb-1", outputs: { routes: [] } },
      newState: {
        urn,
        type,
        id: "rtb-1",
        outputs: {
          routes: [
            { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
            { cidrBlock: "192.168.0.0/16", gatewayId: "vgw-1" },
          ],
        },
      },
      detailedDiff: { "routes[0]": { kind: "add" }, "routes[1]": { kind: "add" } },
    };
    const { changes, suppressed } = suppressNoise(classifyRefresh({ steps: [step] }), {
      ignore: [],
      resources: [route],
    });
    expect(suppressed.map((s) => s.path)).toEqual(["routes[0]"]);
    expect(changes[0]?.properties.map((p) => p.path)).toEqual(["routes[1]"]);
  });

  it("security-group entries owned by SecurityGroupRule resources of the same direction are suppressed", () => {
    const type = "aws:ec2/securityGroup:SecurityGroup";
    const urn = `urn:pulumi:dev::infra::${type}::web`;
    const ruleType = "aws:ec2/securityGroupRule:SecurityGroupRule";
    const rule = (name: string, direction: string): ResourceState => ({
      urn: `urn:pulumi:dev::infra::${ruleType}::${name}`,
      type: ruleType,
      inputs: {
        type: direction,
        securityGroupId: "sg-1",
        fromPort: 443,
        toPort: 443,
        protocol: "6",
        cidrBlocks: ["10.0.0.0/8"],
      },
    });
    const entry = { fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] };
    const step: PreviewStep = {
      op: "update",
      urn,
      oldState: { urn, type, id: "sg-1", outputs: { ingress: [], egress: [] } },
      newState: { urn, type, id: "sg-1", outputs: { ingress: [entry], egress: [entry] } },
      detailedDiff: { "ingress[0]": { kind: "add" }, "egress[0]": { kind: "add" } },
    };
    const { changes, suppressed } = suppressNoise(classifyRefresh({ steps: [step] }), {
      ignore: [],
      resources: [rule("https-in", "ingress")],
    });
    expect(suppressed.map((s) => s.path)).toEqual(["ingress[0]"]);
    expect(changes[0]?.properties.map((p) => p.path)).toEqual(["egress[0]"]);
  });
});
