/**
 * The IAM documents of Karpenter's controller and nodes, as plain data so tests can compare them
 * with the policy Karpenter documents for the pinned version (its getting-started CloudFormation
 * template: the node lifecycle, IAM integration, EKS integration, interruption, zonal shift and
 * resource discovery policies). Every statement is scoped as upstream scopes it: to this cluster's
 * tags, region, account, node role and interruption queue.
 */

/** Where the controller acts: this cluster, in its account, region and partition. */
export interface KarpenterScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  /** The role of the nodes Karpenter launches (the only role it may pass). */
  readonly nodeRoleArn: string;
  /** The interruption queue it reads. */
  readonly queueArn: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** The controller's permissions, one IAM managed policy per concern (each stays under IAM's 6,144 characters). */
export const KARPENTER_POLICY_GROUPS = [
  "node-lifecycle",
  "iam-integration",
  "eks-integration",
  "interruption",
  "zonal-shift",
  "resource-discovery",
] as const;
export type KarpenterPolicyGroup = (typeof KARPENTER_POLICY_GROUPS)[number];

/** The tag Karpenter finds the cluster's subnets and node security group by. */
export const DISCOVERY_TAG = "karpenter.sh/discovery";

const NODE_RESOURCE_TYPES = [
  "fleet",
  "instance",
  "volume",
  "network-interface",
  "launch-template",
  "spot-instances-request",
] as const;

function statements(s: KarpenterScope): Record<KarpenterPolicyGroup, PolicyStatement[]> {
  const ec2 = (resource: string, account = "*") =>
    `arn:${s.partition}:ec2:${s.region}:${account}:${resource}`;
  const instanceProfiles = `arn:${s.partition}:iam::${s.accountId}:instance-profile/*`;
  const clusterArn = `arn:${s.partition}:eks:${s.region}:${s.accountId}:cluster/${s.clusterName}`;
  const owned = `kubernetes.io/cluster/${s.clusterName}`;
  const nodeResources = NODE_RESOURCE_TYPES.map((type) => ec2(`${type}/*`));
  return {
    "node-lifecycle": [
      {
        Sid: "AllowScopedEC2InstanceAccessActions",
        Effect: "Allow",
        Resource: [
          ec2("image/*", ""),
          ec2("snapshot/*", ""),
          ec2("security-group/*"),
          ec2("subnet/*"),
          ec2("capacity-reservation/*"),
          ec2("placement-group/*"),
        ],
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      },
      {
        Sid: "AllowScopedEC2LaunchTemplateAccessActions",
        Effect: "Allow",
        Resource: ec2("launch-template/*"),
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        Condition: {
          StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedEC2InstanceActionsWithTags",
        Effect: "Allow",
        Resource: nodeResources,
        Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
        Condition: {
          StringEquals: {
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": s.clusterName,
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceCreationTagging",
        Effect: "Allow",
        Resource: nodeResources,
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: {
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": s.clusterName,
            "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceTagging",
        Effect: "Allow",
        Resource: ec2("instance/*"),
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": s.clusterName },
          "ForAllValues:StringEquals": {
            "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
          },
        },
      },
      {
        Sid: "AllowScopedDeletion",
        Effect: "Allow",
        Resource: [ec2("instance/*"), ec2("launch-template/*")],
        Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
        Condition: {
          StringEquals: { [`aws:ResourceTag/${owned}`]: "owned" },
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        },
      },
    ],
    "iam-integration": [
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: s.nodeRoleArn,
        Action: "iam:PassRole",
        Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
      },
      {
        Sid: "AllowScopedInstanceProfileCreationActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:CreateInstanceProfile"],
        Condition: {
          StringEquals: {
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": s.clusterName,
            "aws:RequestTag/topology.kubernetes.io/region": s.region,
          },
          StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileTagActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:TagInstanceProfile"],
        Condition: {
          StringEquals: {
            [`aws:ResourceTag/${owned}`]: "owned",
            "aws:ResourceTag/topology.kubernetes.io/region": s.region,
            [`aws:RequestTag/${owned}`]: "owned",
            "aws:RequestTag/eks:eks-cluster-name": s.clusterName,
            "aws:RequestTag/topology.kubernetes.io/region": s.region,
          },
          StringLike: {
            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
          },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: [
          "iam:AddRoleToInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile",
          "iam:DeleteInstanceProfile",
        ],
        Condition: {
          StringEquals: {
            [`aws:ResourceTag/${owned}`]: "owned",
            "aws:ResourceTag/topology.kubernetes.io/region": s.region,
          },
          StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
    ],
    "eks-integration": [
      {
        Sid: "AllowAPIServerEndpointDiscovery",
        Effect: "Allow",
        Resource: clusterArn,
        Action: "eks:DescribeCluster",
      },
    ],
    interruption: [
      {
        Sid: "AllowInterruptionQueueActions",
        Effect: "Allow",
        Resource: s.queueArn,
        Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      },
    ],
    "zonal-shift": [
      {
        Sid: "AllowZonalShiftStatusReadOnly",
        Effect: "Allow",
        Resource: "*",
        Action: ["arc-zonal-shift:GetManagedResource"],
        Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArn } },
      },
    ],
    "resource-discovery": [
      {
        Sid: "AllowRegionalReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        Condition: { StringEquals: { "aws:RequestedRegion": s.region } },
      },
      {
        Sid: "AllowSSMReadActions",
        Effect: "Allow",
        Resource: `arn:${s.partition}:ssm:${s.region}::parameter/aws/service/*`,
        Action: "ssm:GetParameter",
      },
      { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
      {
        Sid: "AllowUnscopedInstanceProfileListAction",
        Effect: "Allow",
        Resource: "*",
        Action: "iam:ListInstanceProfiles",
      },
      {
        Sid: "AllowInstanceProfileReadActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: "iam:GetInstanceProfile",
      },
    ],
  };
}

/** The statements of one of the controller's policies. */
export function karpenterControllerStatements(
  scope: KarpenterScope,
  group: KarpenterPolicyGroup,
): PolicyStatement[] {
  return statements(scope)[group];
}

/** One of the controller's policies as the JSON document IAM takes. */
export function karpenterControllerPolicy(scope: KarpenterScope, group: KarpenterPolicyGroup): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: karpenterControllerStatements(scope, group) });
}

/** IAM's limit on a managed policy document, whitespace not counted. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;
