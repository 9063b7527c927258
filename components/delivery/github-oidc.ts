import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, named, componentType, withLegacyType } from "../core";
import { GITHUB_OIDC_ARGS, type GithubOidcArgs } from "./args";
import { deployPolicy } from "./deploy-policy";
import {
  GITHUB_OIDC_URL,
  githubSubjects,
  githubTrustPolicy,
  githubWorkflowRefs,
  managedPolicyArn,
  policyKey,
  STS_AUDIENCE,
} from "./trust-policy";

/**
 * GitHub Actions' way into the account without long-lived keys: the OIDC provider for
 * token.actions.githubusercontent.com and its roles.
 *
 * - A deploy role per GitHub Environment, each trusted only by jobs of that environment
 *   (`repo:<owner>/<name>:environment:<env>`), of the deploy workflow (`job_workflow_ref`) of this
 *   repository (`repository_id`). Not branch pushes: any workflow merged to main could then deploy
 *   without approval, while an environment brings its required reviewers and branch rules. One role
 *   per environment, so a `dev` job holds no credentials that can change production; with an account
 *   per environment (the AWS-recommended layout), each account runs this component for its own
 *   environment. The roles get a policy scoped to the services the stacks manage and a permissions
 *   boundary (deploy-policy.ts), not AdministratorAccess.
 * - The read-only role (ReadOnlyAccess) trusts the main branch's drift check and deploy previews and
 *   the reviewed pull-request preview environment. It can read the cloud and decrypt stack secrets,
 *   nothing more; a pull request gets it only after a reviewer approves the preview's deployment
 *   (docs/decisions/0010-pull-request-previews.md).
 */
export class GithubOidc extends pulumi.ComponentResource {
  /** ARN of the OIDC provider (created here, or the existing one passed in). */
  public readonly oidcProviderArn: pulumi.Output<string>;
  /** The deploy role of each environment, by environment name. */
  public readonly deployRoleArns: pulumi.Output<Record<string, string>>;
  public readonly readOnlyRoleArn: pulumi.Output<string>;
  public readonly readOnlyRoleName: pulumi.Output<string>;

  constructor(name: string, rawArgs: GithubOidcArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = GITHUB_OIDC_ARGS.parse(rawArgs, name, undefined);
    super(componentType("GithubOidc"), name, {}, withLegacyType("infra:delivery:GithubOidc", opts));

    const tags = componentTags("delivery", args.tags);
    const maxSessionDuration = args.maxSessionDurationSeconds;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;

    this.oidcProviderArn = args.existingOidcProviderArn
      ? pulumi.output(args.existingOidcProviderArn)
      : new aws.iam.OpenIdConnectProvider(
          `${name}-github`,
          { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE], tags: named(tags, `${name}-github`) },
          { parent: this },
        ).arn;
    const trust = (subjects: string[], workflows: readonly string[]) =>
      this.oidcProviderArn.apply((providerArn) =>
        githubTrustPolicy({
          providerArn,
          subjects,
          workflowRefs: githubWorkflowRefs(args.repository, workflows),
          repositoryId: args.repositoryId,
        }),
      );

    const pipelineRolePrefix = `${name}-`;
    const boundaryPolicyName = `${name}-deploy-boundary`;
    const policy = pulumi
      .all([partition, accountId])
      .apply(([p, account]) =>
        deployPolicy({ partition: p, accountId: account, pipelineRolePrefix, boundaryPolicyName }),
      );
    const boundaryArn =
      args.deployPermissionsBoundaryArn ??
      new aws.iam.Policy(
        `${name}-deploy-boundary`,
        {
          name: boundaryPolicyName,
          description: `Caps the deploy roles of ${args.repository}: the services the stacks manage, no IAM users or keys, no administrator policies, no change to the pipeline's roles`,
          policy,
          tags: named(tags, boundaryPolicyName),
        },
        { parent: this },
      ).arn;

    const deployRoles = args.deployEnvironments.map((env, i) => {
      const roleName = `${name}-deploy-${env}`;
      const role = new aws.iam.Role(
        roleName,
        {
          // Role names are `<component>-deploy-<env>-<7 hex>`: the self-service denial matches them.
          description: `Deploys the Pulumi stacks of ${args.repository} from GitHub Environment ${env} only`,
          assumeRolePolicy: trust(
            githubSubjects(args.repository, [`environment:${env}`]),
            args.deployWorkflows,
          ),
          maxSessionDuration,
          permissionsBoundary: boundaryArn,
          tags: named(tags, roleName),
        },
        // The single deploy role of earlier versions lives on as the first environment's.
        { parent: this, ...(i === 0 && { aliases: [{ name: `${name}-deploy` }] }) },
      );
      new aws.iam.RolePolicy(roleName, { role: role.id, policy }, { parent: this });
      this.attach(roleName, role, args.deployManagedPolicies ?? [], partition);
      return [env, role.arn] as const;
    });

    const readOnlySubjects = githubSubjects(args.repository, args.readOnlySubjects);
    const readOnlyRole = new aws.iam.Role(
      `${name}-read-only`,
      {
        description: `Reads the cloud for ${args.repository}'s drift check and previews; changes nothing`,
        assumeRolePolicy: trust(readOnlySubjects, args.readOnlyWorkflows),
        maxSessionDuration,
        tags: named(tags, `${name}-read-only`),
      },
      { parent: this },
    );
    this.attach(`${name}-read-only`, readOnlyRole, args.readOnlyManagedPolicies, partition);
    if (args.secretsKmsKeyArns.length) {
      new aws.iam.RolePolicy(
        `${name}-read-only-decrypt-stack-secrets`,
        {
          role: readOnlyRole.name,
          policy: pulumi.all([...args.secretsKmsKeyArns]).apply((keys) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: keys }],
            }),
          ),
        },
        { parent: this },
      );
    }

    this.deployRoleArns = pulumi
      .all(deployRoles.map(([env, arn]) => arn.apply((a) => [env, a] as const)))
      .apply((pairs) => Object.fromEntries(pairs));
    this.readOnlyRoleArn = readOnlyRole.arn;
    this.readOnlyRoleName = readOnlyRole.name;
    this.registerOutputs({
      oidcProviderArn: this.oidcProviderArn,
      deployRoleArns: this.deployRoleArns,
      readOnlyRoleArn: this.readOnlyRoleArn,
      readOnlyRoleName: this.readOnlyRoleName,
    });
  }

  private attach(
    prefix: string,
    role: aws.iam.Role,
    policies: readonly string[],
    partition: pulumi.Output<string>,
  ) {
    for (const policy of policies) {
      new aws.iam.RolePolicyAttachment(
        `${prefix}-${policyKey(policy)}`,
        { role: role.name, policyArn: partition.apply((p) => managedPolicyArn(policy, p)) },
        { parent: this },
      );
    }
  }
}
