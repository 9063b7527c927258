import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  componentTags,
  InfraValidationError,
  irsaTrustPolicy,
  keyPolicyJson,
  named,
  resolveKeyAccess,
  type Tags,
  componentType,
  withLegacyType,
} from "../core";
import { ADDON_CONFLICT_RESOLUTION, CLUSTER_DNS_ADDON, planAddons, type AddonPlan } from "./addons";
import { CLUSTER_ARGS, type ClusterArgs, type ServiceAccountRoleArgs } from "./args";
import { createGroupMetricsCollection } from "./group-metrics-resources";
import {
  accessPolicyArn,
  CLUSTER_ADMIN_ACCESS_POLICY,
  READ_ONLY_ACCESS_POLICY,
  clusterRoleTrustPolicy,
  MANAGED_POLICIES,
  managedPolicyArn,
  NODE_ROLE_POLICIES,
  NODE_ROLE_TRUST_POLICY,
  nodeSessionManagerPolicy,
  policyKey,
  secretsKeyUsePolicy,
  secretsKeyUses,
  type ManagedPolicyName,
} from "./iam-policies";
import { renderKubeconfig } from "./kubeconfig";
import { CLUSTER_NETWORK_RULES, type ClusterSecurityGroup } from "./network-rules";
import { createNodeGroup, type CreatedNodeGroup } from "./node-group-resources";
import { planNodeGroup } from "./node-groups";
import { Karpenter } from "./karpenter";
import { DISCOVERY_TAG } from "./karpenter-policy";
import { roleNameOf } from "./principals";
import { EBS_CSI_ADDON, gp3StorageClass } from "./storage-class";
import { validateServiceAccountRoleArgs } from "./validate-service-account";
import type { EksAddonName } from "./versions";

/** Every control-plane log type EKS can send to CloudWatch Logs. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** What observability needs to alarm on a node group that cannot grow any more. */
export interface NodeGroupSummary {
  /** The node group's key from the args (`nodeGroups[].name`). */
  readonly name: string;
  /** The EC2 Auto Scaling group EKS runs the nodes in; the cluster keeps its group metrics collected. */
  readonly autoscalingGroupName: string;
  /** Most nodes the group may have (count). */
  readonly maxSize: number;
}

interface ServiceAccountRole {
  readonly role: aws.iam.Role;
  readonly attachments: aws.iam.RolePolicyAttachment[];
}

/**
 * An EKS cluster with a managed system node group, Karpenter for everything else, IRSA, the core
 * add-ons and a Kubernetes provider: private
 * API endpoint, secrets encrypted with a customer KMS key, every control-plane log kept, access by
 * EKS access entries only, an encrypted gp3 default StorageClass, and group metrics collected for the
 * node groups' Auto Scaling groups.
 */
export class Cluster extends pulumi.ComponentResource {
  /** The EKS cluster name. */
  readonly clusterName: pulumi.Output<string>;
  /** The Kubernetes API server URL. */
  readonly endpoint: pulumi.Output<string>;
  /** The cluster CA bundle (base64 PEM). */
  readonly certificateAuthority: pulumi.Output<string>;
  /** ARN of the IAM OIDC provider IRSA roles trust. */
  readonly oidcProviderArn: pulumi.Output<string>;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** @deprecated The old name of `oidcIssuerUrl` (one word for one thing across components); removed in 2.0.0. */
  get oidcIssuer(): pulumi.Output<string> {
    return this.oidcIssuerUrl;
  }
  /** The security group of every node: allow it where the cluster's pods must connect (a database). */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** The encrypted gp3 StorageClass: whatever provisions volumes from it must depend on it. */
  readonly storageClass: k8s.storage.v1.StorageClass;
  /** A kubeconfig that gets tokens from `aws eks get-token` (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Each node group with its Auto Scaling group and maximum size. */
  readonly nodeGroups: pulumi.Output<NodeGroupSummary[]>;
  /**
   * A Kubernetes provider for this cluster, ready once the system nodes run pods: the node groups
   * joined with pod networking, service routing and pod credentials (the vpc-cni, kube-proxy and EKS
   * Pod Identity agent add-ons) and the admin roles' access. It does not wait for the slower
   * Deployment add-ons, so nothing that only needs those waits for them: pods that resolve names
   * through cluster DNS also depend on `clusterDns`, whatever claims volumes on `storageClass`.
   */
  readonly provider: k8s.Provider;
  /** The CoreDNS add-on: whatever runs pods that resolve names through cluster DNS depends on it. */
  readonly clusterDns: aws.eks.Addon;
  /** Karpenter and its default NodePool, unless `autoscaling.enabled` is false. */
  readonly karpenter?: Karpenter;

  private readonly componentName: string;
  private readonly eksClusterName: string;
  private readonly tags: Tags;

  constructor(name: string, rawArgs: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = CLUSTER_ARGS.parse(rawArgs, name, { componentName: name });
    super(componentType("Cluster"), name, {}, withLegacyType("infra:cluster:Cluster", opts));

    const clusterName = args.clusterName ?? name;
    const version = args.version;
    const publicAccess = args.endpointPublicAccess;
    const tags = componentTags("cluster", { ...args.tags });
    this.componentName = name;
    this.eksClusterName = clusterName;
    this.tags = tags;
    const parent = { parent: this };
    const partition = aws.getPartitionOutput({}, parent).partition;
    const awsManaged = (policy: ManagedPolicyName) => partition.apply((p) => managedPolicyArn(p, policy));

    const scope = pulumi
      .all([
        partition,
        aws.getRegionOutput({}, parent).region,
        aws.getCallerIdentityOutput({}, parent).accountId,
      ])
      .apply(([p, region, accountId]) => ({ partition: p, region, accountId }));
    const keyAccess = resolveKeyAccess(args.kmsKeyAccess);

    const clusterRole = new aws.iam.Role(
      `${name}-cluster`,
      {
        description: `EKS control plane of ${clusterName}`,
        assumeRolePolicy: scope.apply((s) => clusterRoleTrustPolicy({ ...s, clusterName })),
        tags,
      },
      parent,
    );
    const secretsKey = new aws.kms.Key(
      `${name}-secrets`,
      {
        description: `Envelope encryption of Kubernetes secrets in EKS cluster ${clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: args.kmsKeyDeletionWindowDays,
        policy: pulumi
          .all([scope, clusterRole.arn])
          .apply(([s, roleArn]) => keyPolicyJson(s, keyAccess, secretsKeyUses(roleArn))),
        tags: named(tags, `${clusterName}-secrets`),
      },
      // Deleting the key makes every Kubernetes Secret of the cluster unreadable: protected in
      // production (`kmsKeyAccess.protect`; a development stack opts out with it).
      { parent: this, protect: args.kmsKeyAccess.protect },
    );
    new aws.kms.Alias(
      `${name}-secrets`,
      { name: `alias/eks/${clusterName}-secrets`, targetKeyId: secretsKey.keyId },
      parent,
    );

    const clusterPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-cluster-${policyKey(MANAGED_POLICIES.eksCluster)}`,
      { role: clusterRole.name, policyArn: awsManaged(MANAGED_POLICIES.eksCluster) },
      parent,
    );
    const clusterKeyUse = new aws.iam.RolePolicy(
      `${name}-cluster-secrets-key`,
      { role: clusterRole.id, policy: secretsKey.arn.apply(secretsKeyUsePolicy) },
      parent,
    );

    // Created before the cluster with a retention, or EKS creates it on first log write and keeps logs forever.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane`,
      {
        name: `/aws/eks/${clusterName}/cluster`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      parent,
    );

    const cluster = new aws.eks.Cluster(
      `${name}-eks`,
      {
        name: clusterName,
        version,
        roleArn: clusterRole.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: publicAccess,
          publicAccessCidrs: publicAccess ? [...args.publicAccessCidrs] : undefined,
        },
        enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
        encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ["secrets"] },
        accessConfig: {
          authenticationMode: "API",
          bootstrapClusterCreatorAdminPermissions: args.clusterCreatorAdmin,
        },
        // The add-ons below are EKS-managed from the start; self-managed copies would only conflict.
        bootstrapSelfManagedAddons: false,
        upgradePolicy: { supportType: args.supportType },
        deletionProtection: args.deletionProtection,
        tags: named(tags, clusterName),
      },
      // The log group exists before the first log line; the role keeps its permissions until EKS has
      // cleaned up on deletion.
      { parent: this, dependsOn: [logGroup, clusterPolicy, clusterKeyUse] },
    );

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.certificateAuthority = cluster.certificateAuthority.apply((ca) => ca.data);
    this.oidcIssuerUrl = cluster.identities.apply((identities) => {
      const issuer = identities[0]?.oidcs[0]?.issuer;
      if (!issuer) throw new Error(`EKS cluster ${clusterName} reported no OIDC issuer`);
      return issuer;
    });
    const oidcProvider = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: this.oidcIssuerUrl, clientIdLists: ["sts.amazonaws.com"], tags },
      parent,
    );
    this.oidcProviderArn = oidcProvider.arn;

    const accessFor = (principalArn: string, kind: "admin" | "read-only", policy: string) => {
      const key = `${name}-${kind}-${roleNameOf(principalArn) ?? principalArn}`;
      const entry = new aws.eks.AccessEntry(
        key,
        { clusterName: cluster.name, principalArn, type: "STANDARD", tags },
        parent,
      );
      return new aws.eks.AccessPolicyAssociation(
        key,
        {
          clusterName: cluster.name,
          principalArn: entry.principalArn,
          policyArn: partition.apply((p) => accessPolicyArn(p, policy)),
          accessScope: { type: "cluster" },
        },
        parent,
      );
    };
    const adminAccess = args.adminRoleArns.map((arn) => accessFor(arn, "admin", CLUSTER_ADMIN_ACCESS_POLICY));
    args.readOnlyRoleArns.forEach((arn) => accessFor(arn, "read-only", READ_ONLY_ACCESS_POLICY));

    // Callers inside the VPC (the deploy runner) reach the private endpoint through the cluster
    // security group EKS creates.
    Object.entries(args.apiClientSecurityGroupIds).forEach(([key, groupId]) => {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-api-from-${key}`,
        {
          securityGroupId: cluster.vpcConfig.apply((c) => c.clusterSecurityGroupId),
          referencedSecurityGroupId: groupId,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: `Kubernetes API from ${key}`,
          tags: named(tags, `${clusterName}-api-from-${key}`),
        },
        parent,
      );
    });

    const nodeSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-nodes`,
      {
        vpcId: args.vpcId,
        description: `Nodes of EKS cluster ${clusterName}`,
        revokeRulesOnDelete: true,
        // The AWS Load Balancer Controller finds the nodes' group by the cluster tag, Karpenter by its own.
        tags: {
          ...named(tags, `${clusterName}-nodes`),
          [`kubernetes.io/cluster/${clusterName}`]: "owned",
          ...(args.autoscaling.enabled ? { [DISCOVERY_TAG]: clusterName } : {}),
        },
      },
      parent,
    );
    this.nodeSecurityGroupId = nodeSecurityGroup.id;
    const networkRules = this.createNetworkRules({
      nodes: nodeSecurityGroup.id,
      controlPlane: cluster.vpcConfig.apply((c) => c.clusterSecurityGroupId),
    });

    const nodeRole = new aws.iam.Role(
      `${name}-node`,
      { description: `Nodes of EKS cluster ${clusterName}`, assumeRolePolicy: NODE_ROLE_TRUST_POLICY, tags },
      parent,
    );
    const nodePolicies: pulumi.Resource[] = NODE_ROLE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-node-${policyKey(policy)}`,
          { role: nodeRole.name, policyArn: awsManaged(policy) },
          parent,
        ),
    );
    if (args.nodeSessionManager) {
      nodePolicies.push(
        new aws.iam.RolePolicy(
          `${name}-node-session-manager`,
          { role: nodeRole.id, policy: nodeSessionManagerPolicy() },
          parent,
        ),
      );
    }

    const addonPlans = planAddons(version, args.addonVersions);
    const createAddon = (plan: AddonPlan, dependsOn: pulumi.Resource[]) => {
      const identity = plan.serviceAccount;
      const irsa = identity
        ? this.createServiceAccountRole(identity.roleKey, {
            namespace: identity.namespace,
            serviceAccount: identity.serviceAccount,
            policyArns: { [policyKey(identity.policy)]: awsManaged(identity.policy) },
          })
        : undefined;
      return new aws.eks.Addon(
        `${name}-${plan.name}`,
        {
          clusterName: cluster.name,
          addonName: plan.name,
          addonVersion: plan.version,
          resolveConflictsOnCreate: ADDON_CONFLICT_RESOLUTION,
          resolveConflictsOnUpdate: ADDON_CONFLICT_RESOLUTION,
          serviceAccountRoleArn: irsa?.role.arn,
          configurationValues: plan.configurationValues,
          tags,
        },
        // The role's permissions must be attached before the add-on's pods first ask for credentials.
        { parent: this, dependsOn: [...dependsOn, ...(irsa?.attachments ?? [])] },
      );
    };
    const beforeNodeGroups = addonPlans
      .filter((plan) => plan.phase === "beforeNodeGroups")
      .map((plan) => createAddon(plan, []));

    const context = {
      componentName: name,
      clusterName,
      cluster,
      nodeRoleArn: nodeRole.arn,
      subnetIds: args.subnetIds,
      nodeSecurityGroupId: nodeSecurityGroup.id,
      tags,
    };
    const nodeGroups: CreatedNodeGroup[] = args.nodeGroups.map((group) =>
      createNodeGroup(context, planNodeGroup(group), {
        parent: this,
        // Nodes join only with networking add-ons running, their role's policies attached and the API reachable.
        dependsOn: [...beforeNodeGroups, ...nodePolicies, ...networkRules],
      }),
    );
    const afterNodeGroups = addonPlans
      .filter((plan) => plan.phase === "afterNodeGroups")
      .map((plan) => ({
        plan,
        addon: createAddon(
          plan,
          nodeGroups.map((g) => g.nodeGroup),
        ),
      }));

    const autoscalingGroups = nodeGroups.map(({ plan, nodeGroup }) => ({
      name: plan.name,
      maxSize: plan.maxSize,
      autoscalingGroupName: nodeGroup.resources.apply((resources) => {
        const autoscalingGroupName = resources[0]?.autoscalingGroups[0]?.name;
        if (!autoscalingGroupName) {
          throw new Error(`EKS node group ${plan.name} of ${clusterName} reported no Auto Scaling group`);
        }
        return autoscalingGroupName;
      }),
    }));
    this.nodeGroups = pulumi.all(autoscalingGroups.map((group) => pulumi.output(group)));
    createGroupMetricsCollection({ componentName: name, clusterName, tags }, autoscalingGroups, this);

    this.kubeconfig = pulumi.secret(
      pulumi
        .all([cluster.name, cluster.endpoint, this.certificateAuthority, cluster.region])
        .apply(([clusterNameValue, endpoint, certificateAuthorityData, region]) =>
          renderKubeconfig({ clusterName: clusterNameValue, endpoint, certificateAuthorityData, region }),
        ),
    );
    const addonNamed = (addonName: EksAddonName) =>
      afterNodeGroups.find(({ plan }) => plan.name === addonName)!.addon;
    this.clusterDns = addonNamed(CLUSTER_DNS_ADDON);
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      // Whatever uses the provider waits for nodes that run pods, which is all Karpenter needs (its
      // controller uses the node's resolver); the Deployment add-ons (CoreDNS, the EBS CSI driver,
      // metrics-server) take up to a quarter of an hour on a new cluster, so only what needs one of
      // them waits for it.
      {
        parent: this,
        dependsOn: [...beforeNodeGroups, ...nodeGroups.map((g) => g.nodeGroup), ...adminAccess],
      },
    );
    this.karpenter = args.autoscaling.enabled
      ? new Karpenter(
          `${name}-karpenter`,
          {
            profile: args.profile,
            clusterName,
            cluster,
            settings: args.autoscaling,
            rootVolumeGib: Math.max(...args.nodeGroups.map((g) => g.diskSizeGib)),
            provider: this.provider,
            tags,
            // Pods on the system nodes, with networking and the Pod Identity agent: no Deployment add-on.
            dependsOn: [...nodeGroups.map((g) => g.nodeGroup), ...beforeNodeGroups],
          },
          { parent: this },
        )
      : undefined;
    this.storageClass = new k8s.storage.v1.StorageClass(`${name}-gp3`, gp3StorageClass(), {
      parent: this,
      provider: this.provider,
      // The class names the EBS CSI driver's provisioner; volumes can be created only once it runs.
      // Whatever provisions volumes also needs nodes for its pods: Karpenter's, when it runs.
      dependsOn: [addonNamed(EBS_CSI_ADDON), ...(this.karpenter ? [this.karpenter.nodePool] : [])],
    });

    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      certificateAuthority: this.certificateAuthority,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuerUrl: this.oidcIssuerUrl,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
      kubeconfig: this.kubeconfig,
      nodeGroups: this.nodeGroups,
    });
  }

  /**
   * An IAM role that only the Kubernetes service account `namespace/serviceAccount` of this cluster
   * can assume (IRSA), with `policyArns` attached. Annotate the service account with
   * `eks.amazonaws.com/role-arn: <role ARN>`.
   */
  serviceAccountRole(name: string, args: ServiceAccountRoleArgs): aws.iam.Role {
    return this.createServiceAccountRole(name, args).role;
  }

  private createServiceAccountRole(name: string, args: ServiceAccountRoleArgs): ServiceAccountRole {
    const issues = validateServiceAccountRoleArgs(name, args, this.componentName);
    if (issues.length > 0) {
      throw new InfraValidationError(
        `Cluster "${this.componentName}" service account role "${name}"`,
        issues,
      );
    }
    const resourceName = `${this.componentName}-${name}`;
    const { namespace, serviceAccount } = args;
    const role = new aws.iam.Role(
      resourceName,
      {
        description: `IRSA: ${namespace}/${serviceAccount} in EKS cluster ${this.eksClusterName}`,
        assumeRolePolicy: pulumi
          .all([this.oidcProviderArn, this.oidcIssuerUrl])
          .apply(([oidcProviderArn, oidcIssuerUrl]) =>
            irsaTrustPolicy({ oidcProviderArn, oidcIssuerUrl, namespace, serviceAccount }),
          ),
        tags: this.tags,
      },
      { parent: this },
    );
    const attachments = Object.entries(args.policyArns ?? {}).map(
      ([key, policyArn]) =>
        new aws.iam.RolePolicyAttachment(
          `${resourceName}-${key}`,
          { role: role.name, policyArn },
          { parent: this },
        ),
    );
    return { role, attachments };
  }

  private createNetworkRules(
    groups: Readonly<Record<ClusterSecurityGroup, pulumi.Input<string>>>,
  ): pulumi.Resource[] {
    return CLUSTER_NETWORK_RULES.map((rule) => {
      const ruleArgs = {
        securityGroupId: groups[rule.group],
        ipProtocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        description: rule.description,
        ...(typeof rule.peer === "string"
          ? { referencedSecurityGroupId: groups[rule.peer] }
          : { cidrIpv4: rule.peer.cidrIpv4 }),
        tags: named(this.tags, `${this.eksClusterName}-${rule.key}`),
      };
      const resourceName = `${this.componentName}-${rule.key}`;
      return rule.direction === "ingress"
        ? new aws.vpc.SecurityGroupIngressRule(resourceName, ruleArgs, { parent: this })
        : new aws.vpc.SecurityGroupEgressRule(resourceName, ruleArgs, { parent: this });
    });
  }
}
