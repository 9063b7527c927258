import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentTags, named, componentType, withLegacyType } from "../core";
import { GITHUB_OIDC_ARGS, type GithubOidcArgs } from "./args";
import {
  GITHUB_OIDC_URL,
  githubSubjects,
  githubTrustPolicy,
  managedPolicyArn,
  policyKey,
  STS_AUDIENCE,
} from "./trust-policy";

/**
 * GitHub Actions' way into the account without long-lived keys: the OIDC provider for
 * token.actions.githubusercontent.com and two roles.
 *
 * - The deploy role trusts only jobs running in the listed GitHub Environments of this repository
 *   (`repo:<owner>/<name>:environment:<env>`). Not branch pushes: any workflow merged to main could
 *   then deploy without approval, while an environment brings its required reviewers and branch
 *   rules with it.
 * - The read-only role (ReadOnlyAccess) trusts the repository's main branch and pull requests by
 *   default: the nightly drift check and previews. It can read the cloud and nothing more, so a
 *   leaked token of a pull-request job cannot change anything.
 */
export class GithubOidc extends pulumi.ComponentResource {
  /** ARN of the OIDC provider (created here, or the existing one passed in). */
  public readonly oidcProviderArn: pulumi.Output<string>;
  public readonly deployRoleArn: pulumi.Output<string>;
  public readonly deployRoleName: pulumi.Output<string>;
  public readonly readOnlyRoleArn: pulumi.Output<string>;
  public readonly readOnlyRoleName: pulumi.Output<string>;

  constructor(name: string, rawArgs: GithubOidcArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = GITHUB_OIDC_ARGS.parse(rawArgs, name, undefined);
    super(componentType("GithubOidc"), name, {}, withLegacyType("infra:delivery:GithubOidc", opts));

    const tags = componentTags("delivery", args.tags);
    const maxSessionDuration = args.maxSessionDurationSeconds;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;

    this.oidcProviderArn = args.existingOidcProviderArn
      ? pulumi.output(args.existingOidcProviderArn)
      : new aws.iam.OpenIdConnectProvider(
          `${name}-github`,
          { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE], tags: named(tags, `${name}-github`) },
          { parent: this },
        ).arn;

    const deploySubjects = githubSubjects(
      args.repository,
      args.deployEnvironments.map((env) => `environment:${env}`),
    );
    const deployRole = new aws.iam.Role(
      `${name}-deploy`,
      {
        description: `Deploys the Pulumi stacks of ${args.repository} from GitHub Actions (approved environments only)`,
        assumeRolePolicy: this.oidcProviderArn.apply((arn) => githubTrustPolicy(arn, deploySubjects)),
        maxSessionDuration,
        permissionsBoundary: args.deployPermissionsBoundaryArn,
        tags: named(tags, `${name}-deploy`),
      },
      { parent: this },
    );
    this.attach(`${name}-deploy`, deployRole, args.deployManagedPolicies, partition);

    const readOnlySubjects = githubSubjects(args.repository, args.readOnlySubjects);
    const readOnlyRole = new aws.iam.Role(
      `${name}-read-only`,
      {
        description: `Reads the cloud for ${args.repository}'s drift check and previews; changes nothing`,
        assumeRolePolicy: this.oidcProviderArn.apply((arn) => githubTrustPolicy(arn, readOnlySubjects)),
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

    this.deployRoleArn = deployRole.arn;
    this.deployRoleName = deployRole.name;
    this.readOnlyRoleArn = readOnlyRole.arn;
    this.readOnlyRoleName = readOnlyRole.name;
    this.registerOutputs({
      oidcProviderArn: this.oidcProviderArn,
      deployRoleArn: this.deployRoleArn,
      deployRoleName: this.deployRoleName,
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
