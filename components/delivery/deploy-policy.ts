/**
 * What the pipeline's deploy role may do: the AWS services the platform stacks manage, and nothing
 * else (no Organizations, no IAM users or access keys, no billing). Pure: the documents the
 * GithubOidc component attaches, so tests can parse and assert them.
 *
 * Services, by what the stacks create (docs/operators/deploy-roles.md keeps the same list):
 * - ec2: the VPC, subnets, route tables, NAT and Internet gateways, endpoints, security groups,
 *   flow logs, launch templates; autoscaling: reading the node groups' Auto Scaling groups;
 * - eks: the cluster, node groups, add-ons, access entries;
 * - iam: the service roles (cluster, nodes, IRSA, flow logs, monitoring, scheduler, runner), their
 *   policies, the cluster's OIDC provider;
 * - kms: the customer keys and aliases; logs and cloudwatch: log groups, alarms, the dashboard;
 * - rds: the database, its parameter and subnet groups; secretsmanager: the password RDS manages;
 * - sns: the alert topics; scheduler: the group-metrics schedules;
 * - codebuild and codeconnections: the in-VPC runner and its GitHub connection;
 * - s3: the Pulumi state bucket; sts: the caller's identity.
 */
export const DEPLOY_SERVICES = [
  "autoscaling",
  "cloudwatch",
  "codebuild",
  "codeconnections",
  "codestar-connections",
  "ec2",
  "eks",
  "iam",
  "kms",
  "logs",
  "rds",
  "s3",
  "scheduler",
  "secretsmanager",
  "sns",
  "sts",
] as const;

/** IAM actions that create standing credentials or identities outside the stacks' roles. */
const IDENTITY_ESCAPES = [
  "iam:CreateUser",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:UploadSSHPublicKey",
  "iam:AddUserToGroup",
  "iam:AttachUserPolicy",
  "iam:PutUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:PutGroupPolicy",
];

/** AWS-managed policies that would make a role the stacks create an administrator. */
export const FORBIDDEN_MANAGED_POLICIES = [
  "AdministratorAccess",
  "IAMFullAccess",
  "PowerUserAccess",
] as const;

export interface DeployPolicyScope {
  readonly partition: string;
  readonly accountId: string;
  /** Name prefix of the pipeline's own roles (`<component>-`): they must not change themselves. */
  readonly pipelineRolePrefix: string;
  /** Name of the permissions boundary policy: it must not change itself either. */
  readonly boundaryPolicyName: string;
}

function denials(scope: DeployPolicyScope) {
  const iam = (resource: string) => `arn:${scope.partition}:iam::${scope.accountId}:${resource}`;
  return [
    { Sid: "NoStandingCredentials", Effect: "Deny", Action: IDENTITY_ESCAPES, Resource: "*" },
    {
      Sid: "NoAdministratorRoles",
      Effect: "Deny",
      Action: ["iam:AttachRolePolicy", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: {
        ArnEquals: {
          "iam:PolicyARN": FORBIDDEN_MANAGED_POLICIES.map(
            (p) => `arn:${scope.partition}:iam::aws:policy/${p}`,
          ),
        },
      },
    },
    {
      Sid: "PipelineRolesAreNotSelfService",
      Effect: "Deny",
      Action: [
        "iam:AttachRolePolicy",
        "iam:DeleteRole",
        "iam:DeleteRolePermissionsBoundary",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole",
      ],
      Resource: iam(`role/${scope.pipelineRolePrefix}*`),
    },
    {
      Sid: "BoundaryIsNotSelfService",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
      ],
      Resource: iam(`policy/${scope.boundaryPolicyName}`),
    },
  ];
}

/**
 * The deploy roles' policy and their permissions boundary alike: the stacks' services, minus the
 * escapes. As the boundary it caps whatever else is attached (`deployManagedPolicies`).
 */
export function deployPolicy(scope: DeployPolicyScope): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PlatformServices",
        Effect: "Allow",
        Action: DEPLOY_SERVICES.map((s) => `${s}:*`),
        Resource: "*",
      },
      ...denials(scope),
    ],
  });
}
