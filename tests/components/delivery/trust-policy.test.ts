import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  githubSubjects,
  githubTrustPolicy,
  githubWorkflowRefs,
  managedPolicyArn,
} from "../../../components/delivery/trust-policy";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

describe("GitHub trust policies", () => {
  it("prefixes every subject with the repository", () => {
    expect(githubSubjects("acme/infra", ["environment:production", "pull_request"])).toEqual([
      "repo:acme/infra:environment:production",
      "repo:acme/infra:pull_request",
    ]);
  });

  it("whatever the subjects, the policy trusts only this repository's tokens, for STS", () => {
    const suffix = fc.oneof(
      fc.stringMatching(/^environment:[a-z]{1,10}$/),
      fc.stringMatching(/^ref:refs\/heads\/[a-z*]{1,10}$/),
      fc.constant("pull_request"),
    );
    fc.assert(
      fc.property(fc.array(suffix, { minLength: 1, maxLength: 4 }), (suffixes) => {
        const policy = JSON.parse(
          githubTrustPolicy({ providerArn: PROVIDER, subjects: githubSubjects("acme/infra", suffixes) }),
        ) as {
          Statement: {
            Action: string;
            Principal: { Federated: string };
            Condition: Record<string, Record<string, unknown>>;
          }[];
        };
        const [statement] = policy.Statement;
        expect(policy.Statement).toHaveLength(1);
        expect(statement?.Action).toBe("sts:AssumeRoleWithWebIdentity");
        expect(statement?.Principal.Federated).toBe(PROVIDER);
        expect(statement?.Condition.StringEquals?.["token.actions.githubusercontent.com:aud"]).toBe(
          "sts.amazonaws.com",
        );
        const subjects = (statement?.Condition.StringEquals?.["token.actions.githubusercontent.com:sub"] ??
          statement?.Condition.StringLike?.["token.actions.githubusercontent.com:sub"]) as string[];
        expect(subjects.length).toBe(suffixes.length);
        for (const subject of subjects) expect(subject.startsWith("repo:acme/infra:")).toBe(true);
        const wildcard = suffixes.some((s) => s.includes("*"));
        expect(statement?.Condition.StringLike === undefined).toBe(!wildcard);
      }),
    );
  });

  it("pins the workflow and the repository id beside the subject, exact unless a ref has a wildcard", () => {
    const condition = (workflows: string[]) =>
      JSON.parse(
        githubTrustPolicy({
          providerArn: PROVIDER,
          subjects: githubSubjects("acme/infra", ["environment:production"]),
          workflowRefs: githubWorkflowRefs("acme/infra", workflows),
          repositoryId: "123456789",
        }),
      ).Statement[0].Condition;
    expect(condition([".github/workflows/pulumi-up.yml@refs/heads/main"])).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": ["repo:acme/infra:environment:production"],
        "token.actions.githubusercontent.com:repository_id": "123456789",
        "token.actions.githubusercontent.com:job_workflow_ref": [
          "acme/infra/.github/workflows/pulumi-up.yml@refs/heads/main",
        ],
      },
    });
    const pr = condition([".github/workflows/preview.yml@refs/pull/*/merge"]);
    expect(pr.StringLike).toEqual({
      "token.actions.githubusercontent.com:job_workflow_ref": [
        "acme/infra/.github/workflows/preview.yml@refs/pull/*/merge",
      ],
    });
    // The subject stays exact even when the workflow ref needs a wildcard.
    expect(pr.StringEquals["token.actions.githubusercontent.com:sub"]).toEqual([
      "repo:acme/infra:environment:production",
    ]);
  });

  it("turns AWS-managed policy names into ARNs of the partition", () => {
    expect(managedPolicyArn("ReadOnlyAccess", "aws")).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    expect(managedPolicyArn("ReadOnlyAccess", "aws-cn")).toBe("arn:aws-cn:iam::aws:policy/ReadOnlyAccess");
    expect(managedPolicyArn("arn:aws:iam::123456789012:policy/x", "aws")).toBe(
      "arn:aws:iam::123456789012:policy/x",
    );
  });
});
