import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { named, type Tags } from "../core";
import type { NodeGroupPlan } from "./node-groups";
import { IMDS_HOP_LIMIT, ROOT_DEVICE } from "./node-settings";

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

/** IMDS settings of the managed node groups' nodes (the same ones Karpenter's nodes get). */
const METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: IMDS_HOP_LIMIT,
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
