import { beforeAll, describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { GithubOidc } from "../../../components/delivery";
import { parseJsonInput, run, valueOf, type Registered } from "../../support/harness";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const EXISTING = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const KMS = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

interface Trust {
  Statement: {
    Effect: string;
    Principal: { Federated: string };
    Action: string;
    Condition: Record<string, Record<string, string | string[]>>;
  }[];
}

let registered: Registered;
let oidc: GithubOidc;
let development: Registered;
let devOidc: GithubOidc;

beforeAll(async () => {
  registered = await run(
    () => (oidc = new GithubOidc("ci", { repository: "acme/infra", tags: { team: "platform" } })),
  );
  development = await run(
    () =>
      (devOidc = new GithubOidc("ci", {
        repository: "acme/infra",
        profile: "development",
        existingOidcProviderArn: EXISTING,
        readOnlySubjects: ["ref:refs/heads/main", "ref:refs/heads/release/*"],
        secretsKmsKeyArns: [KMS],
        deployManagedPolicies: ["PowerUserAccess", "arn:aws:iam::123456789012:policy/infra/deploy-iam"],
      })),
    { stack: "dev" },
  );
});

describe("GithubOidc (production defaults)", () => {
  it("creates the GitHub OIDC provider for STS, tagged", () => {
    const provider = registered.one(PROVIDER);
    expect(provider.name).toBe("ci-github");
    expect(provider.inputs).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
      tags: { component: "delivery", "managed-by": "pulumi", team: "platform", Name: "ci-github" },
    });
    expect(provider.parent).toBe(registered.one("infra:index:GithubOidc").urn);
  });

  it("lets only the production environment of this repository assume the deploy role", () => {
    const role = registered.one(ROLE, "ci-deploy");
    const trust = parseJsonInput<Trust>(role, "assumeRolePolicy");
    expect(trust.Statement).toHaveLength(1);
    const [statement] = trust.Statement;
    expect(statement?.Effect).toBe("Allow");
    expect(statement?.Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(statement?.Principal.Federated).toBe(
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(statement?.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": ["repo:acme/infra:environment:production"],
      },
    });
    expect(role.inputs.maxSessionDuration).toBe(3600);
    expect(role.inputs.tags).toMatchObject({ Name: "ci-deploy", component: "delivery" });
  });

  it("lets main and pull requests of this repository, and nothing else, assume the read-only role", () => {
    const trust = parseJsonInput<Trust>(registered.one(ROLE, "ci-read-only"), "assumeRolePolicy");
    expect(trust.Statement[0]?.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": [
          "repo:acme/infra:ref:refs/heads/main",
          "repo:acme/infra:pull_request",
        ],
      },
    });
    const subjects = JSON.stringify(trust);
    expect(subjects).not.toContain("environment:");
  });

  it("attaches AdministratorAccess to deploy and ReadOnlyAccess to read-only, as separate attachments", () => {
    const attachments = registered.ofType(ATTACHMENT).map((a) => [a.name, a.inputs.policyArn, a.inputs.role]);
    expect(attachments).toEqual([
      [
        "ci-deploy-AdministratorAccess",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        expect.stringMatching(/^ci-deploy-/),
      ],
      [
        "ci-read-only-ReadOnlyAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        expect.stringMatching(/^ci-read-only-/),
      ],
    ]);
    for (const role of registered.ofType(ROLE)) expect(role.inputs.managedPolicyArns).toBeUndefined();
    expect(registered.ofType("aws:iam/rolePolicy:RolePolicy")).toEqual([]);
  });

  it("exposes every output", async () => {
    expect(await valueOf(oidc.oidcProviderArn)).toBe(
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(await valueOf(oidc.deployRoleName)).toMatch(/^ci-deploy-[0-9a-f]{7}$/);
    expect(await valueOf(oidc.deployRoleArn)).toBe(
      `arn:aws:iam::123456789012:role/${await valueOf(oidc.deployRoleName)}`,
    );
    expect(await valueOf(oidc.readOnlyRoleName)).toMatch(/^ci-read-only-[0-9a-f]{7}$/);
    expect(await valueOf(oidc.readOnlyRoleArn)).toBe(
      `arn:aws:iam::123456789012:role/${await valueOf(oidc.readOnlyRoleName)}`,
    );
  });
});

describe("GithubOidc (development, existing provider, wildcard subjects, KMS)", () => {
  it("reuses the existing provider instead of creating one", async () => {
    expect(development.ofType(PROVIDER)).toEqual([]);
    expect(await valueOf(devOidc.oidcProviderArn)).toBe(EXISTING);
    const trust = parseJsonInput<Trust>(development.one(ROLE, "ci-deploy"), "assumeRolePolicy");
    expect(trust.Statement[0]?.Principal.Federated).toBe(EXISTING);
  });

  it("uses the development defaults: the dev environment, two-hour sessions", () => {
    const deploy = development.one(ROLE, "ci-deploy");
    expect(parseJsonInput<Trust>(deploy, "assumeRolePolicy").Statement[0]?.Condition.StringEquals).toEqual({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:sub": ["repo:acme/infra:environment:dev"],
    });
    expect(deploy.inputs.maxSessionDuration).toBe(7200);
  });

  it("matches wildcard subjects with StringLike, still inside the repository, audience still exact", () => {
    const trust = parseJsonInput<Trust>(development.one(ROLE, "ci-read-only"), "assumeRolePolicy");
    expect(trust.Statement[0]?.Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: {
        "token.actions.githubusercontent.com:sub": [
          "repo:acme/infra:ref:refs/heads/main",
          "repo:acme/infra:ref:refs/heads/release/*",
        ],
      },
    });
  });

  it("lets the read-only role decrypt with the stack secrets key only", () => {
    const policy = development.one("aws:iam/rolePolicy:RolePolicy");
    expect(policy.name).toBe("ci-read-only-decrypt-stack-secrets");
    expect(parseJsonInput(policy, "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: [KMS] }],
    });
  });

  it("names attachments by policy name, AWS-managed names turned into ARNs", () => {
    expect(development.ofType(ATTACHMENT).map((a) => [a.name, a.inputs.policyArn])).toEqual([
      ["ci-deploy-PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess"],
      ["ci-deploy-deploy-iam", "arn:aws:iam::123456789012:policy/infra/deploy-iam"],
      ["ci-read-only-ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
    ]);
  });
});

describe("GithubOidc validation", () => {
  it("throws before creating anything, listing every problem by arg path", async () => {
    let error: unknown;
    const result = await run(() => {
      try {
        new GithubOidc("bad", { repository: "acme", deployEnvironments: [], maxSessionDurationSeconds: 60 });
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues.map((i) => i.path)).toEqual([
      "repository",
      "deployEnvironments",
      "maxSessionDurationSeconds",
    ]);
    expect((error as Error).message).toMatch(/^GithubOidc "bad": 3 problems/);
    expect(result.ofType("infra:index:GithubOidc")).toEqual([]);
    expect(result.ofType(ROLE)).toEqual([]);
    expect(result.ofType(PROVIDER)).toEqual([]);
  });
});
