import { describe, expect, it } from "vitest";
import type { Profile } from "../../../components/core";
import { validateGithubOidcArgs, type GithubOidcArgs } from "../../../components/delivery";

const valid: GithubOidcArgs = { repository: "acme/infra", repositoryId: "812345678" };
const issue = (args: Partial<GithubOidcArgs>) => validateGithubOidcArgs({ ...valid, ...args });

describe("validateGithubOidcArgs", () => {
  it("accepts the minimal and a full set of args", () => {
    expect(issue({})).toEqual([]);
    expect(
      issue({
        profile: "development",
        deployEnvironments: ["dev", "production"],
        deployManagedPolicies: ["AdministratorAccess", "arn:aws:iam::123456789012:policy/infra/boundary"],
        deployPermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/infra-boundary",
        readOnlySubjects: ["ref:refs/heads/main", "ref:refs/tags/v*", "environment:audit"],
        readOnlyWorkflows: [".github/workflows/audit.yml@refs/tags/v*"],
        deployWorkflows: [".github/workflows/release.yaml@refs/heads/main"],
        readOnlyManagedPolicies: ["ReadOnlyAccess"],
        secretsKmsKeyArns: ["arn:aws:kms:eu-west-1:123456789012:alias/pulumi-secrets"],
        maxSessionDurationSeconds: 43200,
      }),
    ).toEqual([]);
  });

  it.each([
    [{ repository: "infra" }, "repository", '"infra" is not a GitHub repository; write "owner/name"'],
    [{ repository: "acme/*" }, "repository", '"acme/*" is not a GitHub repository'],
    [
      { profile: "staging" as Profile },
      "profile",
      '"staging" is not a profile; use one of "development", "production"',
    ],
    [{ deployEnvironments: [] }, "deployEnvironments", "is empty; name at least one GitHub Environment"],
    [
      { deployEnvironments: ["prod*"] },
      "deployEnvironments[0]",
      '"prod*" is not a usable GitHub Environment name',
    ],
    [{ repositoryId: "0123" }, "repositoryId", '"0123" is not a GitHub repository id'],
    [
      { deployWorkflows: ["pulumi-up.yml"] },
      "deployWorkflows[0]",
      "is not a workflow of this repository at a ref",
    ],
    [{ deployEnvironments: ["a", "a"] }, "deployEnvironments[1]", '"a" is listed twice'],
    [{ readOnlySubjects: [] }, "readOnlySubjects", "is empty; list who runs the drift check and previews"],
    [{ readOnlySubjects: ["*"] }, "readOnlySubjects[0]", '"*" is not a token subject of this repository'],
    [{ readOnlySubjects: ["main"] }, "readOnlySubjects[0]", 'use "ref:refs/heads/<branch>"'],
    [
      { deployManagedPolicies: [] },
      "deployManagedPolicies",
      "is empty; a role without policies can do nothing",
    ],
    [
      { readOnlyManagedPolicies: ["read only"] },
      "readOnlyManagedPolicies[0]",
      '"read only" is neither an AWS-managed policy name',
    ],
    [
      { deployManagedPolicies: ["Admin", "arn:aws:iam::123456789012:policy/x/Admin"] },
      "deployManagedPolicies[1]",
      'two policies are named "Admin"',
    ],
    [
      { secretsKmsKeyArns: ["alias/pulumi"] },
      "secretsKmsKeyArns[0]",
      '"alias/pulumi" is not a KMS key or alias ARN',
    ],
    [
      { maxSessionDurationSeconds: 600 },
      "maxSessionDurationSeconds",
      "600 is outside what IAM allows; use whole seconds from 3600",
    ],
    [{ maxSessionDurationSeconds: 50000 }, "maxSessionDurationSeconds", "to 43200 (12 hours)"],
    [
      { deployPermissionsBoundaryArn: "boundary" },
      "deployPermissionsBoundaryArn",
      '"boundary" is not an IAM policy ARN',
    ],
  ])("%j → %s", (args, path, message) => {
    const issues = issue(args);
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]?.message).toContain(message);
  });

  it("reports every problem at once", () => {
    expect(
      issue({
        repository: "x",
        deployEnvironments: [],
        readOnlySubjects: ["nope"],
        maxSessionDurationSeconds: 1,
      }).map((i) => i.path),
    ).toEqual(["repository", "deployEnvironments", "readOnlySubjects[0]", "maxSessionDurationSeconds"]);
  });
});
