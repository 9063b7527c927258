import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { named, type Tags } from "../core";
import type { NodeGroupPlan } from "./node-groups";

/** What every node group of one cluster shares. */
export interface NodeGroupContext {
  readonly componentName: string;
  readonly clusterName: string;
  readonly cluster: aws.eks.Cluster;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  readonly tags: Tags;
}

export interface CreatedNodeGroup {
  readonly plan: NodeGroupPlan;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly nodeGroup: aws.eks.NodeGroup;
}

/** The root device of the EKS-optimized AL2023 AMIs. */
const ROOT_DEVICE = "/dev/xvda";

/**
 * IMDSv2 only, with a hop limit of 1: the token's response cannot cross the extra network hop into
 * a pod's network namespace, so no pod on the pod network can take the node role's credentials from
 * IMDS (EKS Best Practices Guide, "Restrict access to the instance profile assigned to the worker
 * node"). Pods get AWS credentials through IRSA, whose webhook also sets `AWS_REGION`, so SDKs need
 * no IMDS. Host-network pods (vpc-cni, kube-proxy, the EBS CSI node plugin) still reach IMDS as the
 * node does. No platform pod needs the node role; a team whose pod does must give it an IRSA role.
 */
const METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
} as const;

/** What the launch template's instances, their volumes and network interfaces are tagged with. */
const TAGGED_ON_LAUNCH = ["instance", "volume", "network-interface"] as const;

/**
 * One managed node group and its launch template. The template carries what the node group API
 * cannot: IMDS settings, the encrypted gp3 root volume and the dedicated node security group. It
 * names no AMI, so EKS keeps choosing and updating the AL2023 image for `amiType`.
 */
export function createNodeGroup(
  context: NodeGroupContext,
  plan: NodeGroupPlan,
  options: { readonly parent: pulumi.Resource; readonly dependsOn: pulumi.Resource[] },
): CreatedNodeGroup {
  const resourceName = `${context.componentName}-${plan.name}`;
  const nodeTags = named(context.tags, `${context.clusterName}-${plan.name}`);

  const launchTemplate = new aws.ec2.LaunchTemplate(
    resourceName,
    {
      description: `Nodes of EKS node group ${plan.name} in cluster ${context.clusterName}`,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: [context.nodeSecurityGroupId],
      metadataOptions: METADATA_OPTIONS,
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE,
          ebs: {
            volumeSize: plan.diskSizeGib,
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: TAGGED_ON_LAUNCH.map((resourceType) => ({ resourceType, tags: nodeTags })),
      tags: context.tags,
    },
    { parent: options.parent },
  );

  const nodeGroup = new aws.eks.NodeGroup(
    resourceName,
    {
      clusterName: context.cluster.name,
      // Follows the control plane: a version bump upgrades the nodes after the cluster, in one deploy.
      version: context.cluster.version,
      nodeRoleArn: context.nodeRoleArn,
      subnetIds: context.subnetIds,
      amiType: plan.amiType,
      instanceTypes: [...plan.instanceTypes],
      capacityType: plan.capacityType,
      scalingConfig: { minSize: plan.minSize, desiredSize: plan.desiredSize, maxSize: plan.maxSize },
      updateConfig: { maxUnavailable: plan.maxUnavailable },
      labels: { ...plan.labels },
      taints: plan.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
      tags: nodeTags,
    },
    {
      parent: options.parent,
      dependsOn: options.dependsOn,
      // An autoscaler owns the current size; only min and max are the code's.
      ignoreChanges: ["scalingConfig.desiredSize"],
    },
  );

  return { plan, launchTemplate, nodeGroup };
}
