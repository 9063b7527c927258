import { describe, expect, it } from "vitest";
import {
  KARPENTER_POLICY_GROUPS,
  karpenterControllerPolicy,
  karpenterControllerStatements,
  MANAGED_POLICY_MAX_CHARACTERS,
  type KarpenterPolicyGroup,
  type KarpenterScope,
} from "../../../components/cluster/karpenter-policy";
import { cloudFormationResources, referencePolicy } from "../../support/karpenter-reference";

const SCOPE: KarpenterScope = {
  partition: "aws",
  region: "eu-central-1",
  accountId: "777788889999",
  clusterName: "infra-prod",
  nodeRoleArn: "arn:aws:iam::777788889999:role/prod-karpenter-node-1a2b3c4",
  queueArn: "arn:aws:sqs:eu-central-1:777788889999:prod-karpenter-interruption-5d6e7f8",
};

/** Which managed policy of Karpenter's CloudFormation template each of ours is. */
const REFERENCE: Readonly<Record<KarpenterPolicyGroup, string>> = {
  "node-lifecycle": "NodeLifecyclePolicy",
  "iam-integration": "IAMIntegrationPolicy",
  "eks-integration": "EKSIntegrationPolicy",
  interruption: "InterruptionPolicy",
  "zonal-shift": "ZonalShiftPolicy",
  "resource-discovery": "ResourceDiscoveryPolicy",
};

const reference = (group: KarpenterPolicyGroup, scope: KarpenterScope = SCOPE) =>
  referencePolicy(REFERENCE[group], {
    "AWS::Partition": scope.partition,
    "AWS::Region": scope.region,
    "AWS::AccountId": scope.accountId,
    ClusterName: scope.clusterName,
    "KarpenterNodeRole.Arn": scope.nodeRoleArn,
    "KarpenterInterruptionQueue.Arn": scope.queueArn,
  });

const list = (v: string | readonly string[]) => (typeof v === "string" ? [v] : [...v]).sort();

describe("Karpenter's controller policy, against the one documented for 1.14.1", () => {
  it("covers every managed policy of the template and nothing else", () => {
    const managedPolicies = Object.entries(cloudFormationResources())
      .filter(([, resource]) => resource.Type === "AWS::IAM::ManagedPolicy")
      .map(([key]) => key);
    expect(Object.values(REFERENCE).sort()).toEqual(managedPolicies.sort());
    expect([...KARPENTER_POLICY_GROUPS].sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  it.each(KARPENTER_POLICY_GROUPS)("%s: the same statements, actions, resources and conditions", (group) => {
    const ours = karpenterControllerStatements(SCOPE, group);
    const theirs = reference(group);
    expect(ours.map((s) => s.Sid)).toEqual(theirs.map((s) => s.Sid));
    for (const [i, statement] of ours.entries()) {
      const upstream = theirs[i]!;
      expect(list(statement.Action), statement.Sid).toEqual(list(upstream.Action));
      expect(list(statement.Resource), statement.Sid).toEqual(list(upstream.Resource));
      expect(statement.Condition, statement.Sid).toEqual(upstream.Condition);
    }
  });

  it("grants every action of the documented policy, for another cluster, region and partition too", () => {
    const other: KarpenterScope = {
      ...SCOPE,
      partition: "aws-cn",
      region: "cn-north-1",
      clusterName: "x".repeat(100),
    };
    const actions = (statements: { Action: string | readonly string[] }[]) =>
      [...new Set(statements.flatMap((s) => list(s.Action)))].sort();
    for (const group of KARPENTER_POLICY_GROUPS) {
      expect(actions(karpenterControllerStatements(other, group))).toEqual(actions(reference(group, other)));
      expect(JSON.stringify(karpenterControllerStatements(other, group))).not.toContain("infra-prod");
    }
  });

  it("lets the controller pass only the node role, read only its own queue, describe only its cluster", () => {
    const pass = karpenterControllerStatements(SCOPE, "iam-integration").find(
      (s) => s.Action === "iam:PassRole",
    );
    expect(pass?.Resource).toBe(SCOPE.nodeRoleArn);
    expect(karpenterControllerStatements(SCOPE, "interruption")[0]?.Resource).toBe(SCOPE.queueArn);
    expect(karpenterControllerStatements(SCOPE, "eks-integration")[0]?.Resource).toBe(
      "arn:aws:eks:eu-central-1:777788889999:cluster/infra-prod",
    );
  });

  it("terminates only instances tagged as this cluster's and a NodePool's", () => {
    const deletion = karpenterControllerStatements(SCOPE, "node-lifecycle").find(
      (s) => s.Sid === "AllowScopedDeletion",
    );
    expect(deletion?.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/infra-prod": "owned" },
      StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
    });
  });

  it("keeps each document within IAM's managed policy size, with the longest EKS cluster name", () => {
    const longest: KarpenterScope = { ...SCOPE, clusterName: "c".repeat(100) };
    for (const group of KARPENTER_POLICY_GROUPS) {
      const size = karpenterControllerPolicy(longest, group).replace(/\s/g, "").length;
      expect(size, group).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARACTERS);
    }
  });
});
