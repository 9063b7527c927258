import { beforeAll, describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { GithubOidc, validateGithubOidcArgs } from "../../../components/delivery";
import { parseJsonInput, run, valueOf, type Registered } from "../../support/harness";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const EXISTING = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const KMS = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const REPO_ID = "812345678";
const CLAIM = "token.actions.githubusercontent.com";

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: { Federated: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition: Record<string, Record<string, string | string[]>>;
}
interface Trust {
  Statement: Statement[];
}

let registered: Registered;
let oidc: GithubOidc;
let development: Registered;
let devOidc: GithubOidc;

beforeAll(async () => {
  registered = await run(
    () =>
      (oidc = new GithubOidc("ci", {
        repository: "acme/infra",
        repositoryId: REPO_ID,
        deployEnvironments: ["staging", "production"],
        secretsKmsKeyArns: [KMS],
        tags: { team: "platform" },
      })),
  );
  development = await run(
    () =>
      (devOidc = new GithubOidc("ci", {
        repository: "acme/infra",
        repositoryId: REPO_ID,
        profile: "development",
        existingOidcProviderArn: EXISTING,
        readOnlySubjects: ["ref:refs/heads/main", "ref:refs/heads/release/*"],
        deployManagedPolicies: ["PowerUserAccess", "arn:aws:iam::123456789012:policy/infra/deploy-iam"],
        deployPermissionsBoundaryArn: "arn:aws:iam::123456789012:policy/org/deploy-boundary",
      })),
    { stack: "dev" },
  );
});

const trustOf = (r: Registered, name: string) => parseJsonInput<Trust>(r.one(ROLE, name), "assumeRolePolicy");

describe("GithubOidc (production defaults, two environments)", () => {
  it("creates the GitHub OIDC provider for STS, tagged", () => {
    const provider = registered.one(PROVIDER);
    expect(provider.name).toBe("ci-github");
    expect(provider.inputs).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
      tags: { component: "delivery", "managed-by": "pulumi", team: "platform", Name: "ci-github" },
    });
  });

  it("gives each environment its own deploy role, trusted only by that environment's deploy workflow of this repository id", () => {
    for (const env of ["staging", "production"]) {
      const trust = trustOf(registered, `ci-deploy-${env}`);
      expect(trust.Statement).toHaveLength(1);
      const [statement] = trust.Statement;
      expect(statement?.Action).toBe("sts:AssumeRoleWithWebIdentity");
      expect(statement?.Principal.Federated).toBe(EXISTING);
      expect(statement?.Condition).toEqual({
        StringEquals: {
          [`${CLAIM}:aud`]: "sts.amazonaws.com",
          [`${CLAIM}:sub`]: [`repo:acme/infra:environment:${env}`],
          [`${CLAIM}:repository_id`]: REPO_ID,
          [`${CLAIM}:job_workflow_ref`]: ["acme/infra/.github/workflows/pulumi-up.yml@refs/heads/main"],
        },
      });
    }
    // A staging token cannot assume the production role.
    expect(JSON.stringify(trustOf(registered, "ci-deploy-production"))).not.toContain("staging");
    expect(registered.one(ROLE, "ci-deploy-staging").options.aliases).toEqual([
      expect.objectContaining({ name: "ci-deploy" }),
    ]);
  });

  it("scopes the deploy roles to the stacks' services under a boundary, never AdministratorAccess", () => {
    const boundary = registered.one("aws:iam/policy:Policy", "ci-deploy-boundary");
    for (const env of ["staging", "production"]) {
      const role = registered.one(ROLE, `ci-deploy-${env}`);
      expect(role.inputs.permissionsBoundary).toBe(
        `arn:aws:iam::123456789012:policy/${boundary.inputs.name as string}`,
      );
      const policy = parseJsonInput<Trust>(
        registered.one("aws:iam/rolePolicy:RolePolicy", `ci-deploy-${env}`),
        "policy",
      );
      const allowed = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action);
      expect(allowed).toContain("eks:*");
      expect(allowed).not.toContain("*");
      expect(allowed.some((a) => a.startsWith("organizations:"))).toBe(false);
      const denied = policy.Statement.filter((s) => s.Effect === "Deny");
      expect(denied.map((s) => s.Sid)).toEqual([
        "NoStandingCredentials",
        "NoAdministratorRoles",
        "PipelineRolesAreNotSelfService",
        "BoundaryIsNotSelfService",
      ]);
      expect(denied.find((s) => s.Sid === "PipelineRolesAreNotSelfService")?.Resource).toBe(
        "arn:aws:iam::123456789012:role/ci-*",
      );
    }
    expect(parseJsonInput(boundary, "policy")).toEqual(
      parseJsonInput(registered.one("aws:iam/rolePolicy:RolePolicy", "ci-deploy-production"), "policy"),
    );
    expect(registered.ofType(ATTACHMENT).map((a) => a.inputs.policyArn)).toEqual([
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
  });

  it("lets main's deploy and drift jobs and reviewed pull-request previews assume the read-only role, never a bare pull_request", () => {
    const [statement] = trustOf(registered, "ci-read-only").Statement;
    expect(statement?.Condition).toEqual({
      StringEquals: {
        [`${CLAIM}:aud`]: "sts.amazonaws.com",
        [`${CLAIM}:sub`]: [
          "repo:acme/infra:ref:refs/heads/main",
          "repo:acme/infra:environment:pull-request-preview",
        ],
        [`${CLAIM}:repository_id`]: REPO_ID,
      },
      StringLike: {
        [`${CLAIM}:job_workflow_ref`]: [
          "acme/infra/.github/workflows/deploy.yml@refs/heads/main",
          "acme/infra/.github/workflows/drift.yml@refs/heads/main",
          "acme/infra/.github/workflows/preview.yml@refs/pull/*/merge",
        ],
      },
    });
    expect(JSON.stringify(statement)).not.toContain(":pull_request");
  });

  it("lets the read-only role decrypt with the stack secrets key only", () => {
    const policy = registered.one("aws:iam/rolePolicy:RolePolicy", "ci-read-only-decrypt-stack-secrets");
    expect(parseJsonInput(policy, "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KMS] }],
    });
  });

  it("exposes every output", async () => {
    const arns = await valueOf(oidc.deployRoleArns);
    expect(Object.keys(arns)).toEqual(["staging", "production"]);
    expect(arns.production).toMatch(/^arn:aws:iam::123456789012:role\/ci-deploy-production-[0-9a-f]{7}$/);
    expect(await valueOf(oidc.oidcProviderArn)).toBe(EXISTING);
    expect(await valueOf(oidc.readOnlyRoleName)).toMatch(/^ci-read-only-[0-9a-f]{7}$/);
    expect(await valueOf(oidc.readOnlyRoleArn)).toBe(
      `arn:aws:iam::123456789012:role/${await valueOf(oidc.readOnlyRoleName)}`,
    );
  });
});

describe("GithubOidc (development, existing provider, own boundary, extra policies)", () => {
  it("reuses the existing provider and deploys from the dev environment with two-hour sessions", async () => {
    expect(development.ofType(PROVIDER)).toEqual([]);
    expect(await valueOf(devOidc.oidcProviderArn)).toBe(EXISTING);
    const deploy = development.one(ROLE, "ci-deploy-dev");
    expect(deploy.inputs.maxSessionDuration).toBe(7200);
    expect(
      trustOf(development, "ci-deploy-dev").Statement[0]?.Condition.StringEquals?.[`${CLAIM}:sub`],
    ).toEqual(["repo:acme/infra:environment:dev"]);
  });

  it("uses the given boundary instead of its own, which still caps the extra policies", () => {
    expect(development.ofType("aws:iam/policy:Policy")).toEqual([]);
    expect(development.one(ROLE, "ci-deploy-dev").inputs.permissionsBoundary).toBe(
      "arn:aws:iam::123456789012:policy/org/deploy-boundary",
    );
    expect(development.ofType(ATTACHMENT).map((a) => [a.name, a.inputs.policyArn])).toEqual([
      ["ci-deploy-dev-PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess"],
      ["ci-deploy-dev-deploy-iam", "arn:aws:iam::123456789012:policy/infra/deploy-iam"],
      ["ci-read-only-ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
    ]);
  });

  it("matches wildcard subjects with StringLike, still inside the repository, audience still exact", () => {
    const condition = trustOf(development, "ci-read-only").Statement[0]?.Condition;
    expect(condition?.StringEquals?.[`${CLAIM}:aud`]).toBe("sts.amazonaws.com");
    expect(condition?.StringLike?.[`${CLAIM}:sub`]).toEqual([
      "repo:acme/infra:ref:refs/heads/main",
      "repo:acme/infra:ref:refs/heads/release/*",
    ]);
    expect(development.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.name)).toEqual(["ci-deploy-dev"]);
  });
});

describe("GithubOidc validation", () => {
  it("throws before creating anything, listing every problem by arg path", async () => {
    let error: unknown;
    const result = await run(() => {
      try {
        new GithubOidc("bad", {
          repository: "acme",
          repositoryId: "acme/infra",
          deployEnvironments: [],
          maxSessionDurationSeconds: 60,
        });
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues.map((i) => i.path)).toEqual([
      "repository",
      "repositoryId",
      "deployEnvironments",
      "maxSessionDurationSeconds",
    ]);
    expect(result.ofType(ROLE)).toEqual([]);
    expect(result.ofType(PROVIDER)).toEqual([]);
  });

  it("refuses to let unreviewed pull requests decrypt stack secrets, but allows pull_request without a key", () => {
    const base = { repository: "acme/infra", repositoryId: REPO_ID, readOnlySubjects: ["pull_request"] };
    const issues = validateGithubOidcArgs({ ...base, secretsKmsKeyArns: [KMS] });
    expect(issues).toEqual([
      {
        path: "readOnlySubjects",
        message: expect.stringContaining('use "environment:pull-request-preview"'),
      },
    ]);
    expect(validateGithubOidcArgs(base)).toEqual([]);
  });

  it("requires the repository id and environment names that fit a role name", () => {
    const issues = validateGithubOidcArgs({
      repository: "acme/infra",
      deployEnvironments: ["prod env"],
    } as never);
    expect(issues.map((i) => i.path)).toEqual(["repositoryId", "deployEnvironments[0]"]);
  });
});
