import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentType, named, serviceTrustPolicy, type Profile, type Tags } from "../core";
import type { AutoscalingSettings } from "./autoscaling-args";
import { managedPolicyArn, NODE_ROLE_POLICIES, NODE_ROLE_TRUST_POLICY, policyKey } from "./iam-policies";
import { karpenterMonitoring } from "./karpenter-alerts";
import {
  KARPENTER_CHART,
  KARPENTER_NAMESPACE,
  KARPENTER_RELEASE,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterValues,
} from "./karpenter-chart";
import {
  INTERRUPTION_MESSAGE_RETENTION_SECONDS,
  INTERRUPTION_RULES,
  interruptionEventPattern,
  interruptionQueuePolicy,
} from "./karpenter-interruption";
import { DEFAULT_NODE_POOL, EC2_NODE_CLASS, ec2NodeClass, nodePool } from "./karpenter-node-pool";
import { KARPENTER_POLICY_GROUPS, karpenterControllerPolicy, type KarpenterScope } from "./karpenter-policy";

/** What the cluster hands Karpenter. */
export interface KarpenterArgs {
  readonly profile: Profile;
  readonly clusterName: string;
  readonly cluster: aws.eks.Cluster;
  readonly settings: AutoscalingSettings;
  /** Root volume of Karpenter's nodes, as the node groups' (GiB). */
  readonly rootVolumeGib: number;
  readonly provider: k8s.Provider;
  readonly tags: Tags;
  /**
   * What must run before the controller can start: nodes to run on, with pod networking, service
   * routing and the Pod Identity agent. Not cluster DNS: the controller uses the node's resolver.
   */
  readonly dependsOn: pulumi.Resource[];
}

/** Where Karpenter's monitoring lives and what it waits for. */
export interface KarpenterMonitoringArgs {
  readonly runbookBaseUrl: string;
  /** The resource that installs the prometheus-operator CRDs (kube-prometheus-stack). */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * Karpenter (pinned chart) with what it needs in AWS: the controller's role through EKS Pod Identity
 * with the documented controller policy scoped to this cluster, the nodes' role with its EKS access
 * entry (`EC2_LINUX`; Karpenter creates the instance profile itself), the interruption queue with its
 * EventBridge rules, and the default EC2NodeClass and NodePool.
 */
export class Karpenter extends pulumi.ComponentResource {
  /** The IAM role of Karpenter's nodes. */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The SQS queue interruption events arrive in. */
  readonly interruptionQueueName: pulumi.Output<string>;
  /** The controller's Helm release. */
  readonly release: k8s.helm.v3.Release;
  /** The default NodePool and EC2NodeClass: whatever needs Karpenter's nodes waits for them. */
  readonly nodePool: k8s.apiextensions.CustomResource;
  readonly nodeClass: k8s.apiextensions.CustomResource;

  private readonly componentName: string;
  private readonly provider: k8s.Provider;

  constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("Karpenter"), name, {}, opts);
    this.componentName = name;
    this.provider = args.provider;
    const parent = { parent: this };
    const tags = args.tags;
    const scopeParts = pulumi.all([
      aws.getPartitionOutput({}, parent).partition,
      aws.getRegionOutput({}, parent).region,
      aws.getCallerIdentityOutput({}, parent).accountId,
    ]);

    const nodeRole = new aws.iam.Role(
      `${name}-node`,
      {
        description: `Nodes Karpenter launches for EKS cluster ${args.clusterName}`,
        assumeRolePolicy: NODE_ROLE_TRUST_POLICY,
        tags,
      },
      parent,
    );
    const nodePolicies = NODE_ROLE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-node-${policyKey(policy)}`,
          {
            role: nodeRole.name,
            policyArn: scopeParts.apply(([partition]) => managedPolicyArn(partition, policy)),
          },
          parent,
        ),
    );
    // Nodes join with this role; EKS maps it to the node groups in the cluster's RBAC.
    const nodeAccess = new aws.eks.AccessEntry(
      `${name}-node`,
      { clusterName: args.cluster.name, principalArn: nodeRole.arn, type: "EC2_LINUX", tags },
      parent,
    );
    this.nodeRoleArn = nodeRole.arn;

    const queue = new aws.sqs.Queue(
      `${name}-interruption`,
      {
        messageRetentionSeconds: INTERRUPTION_MESSAGE_RETENTION_SECONDS,
        sqsManagedSseEnabled: true,
        tags: named(tags, `${args.clusterName}-karpenter-interruption`),
      },
      parent,
    );
    this.interruptionQueueName = queue.name;
    const rules = INTERRUPTION_RULES.map((rule) => {
      const eventRule = new aws.cloudwatch.EventRule(
        `${name}-${rule.key}`,
        {
          description: `To Karpenter of EKS cluster ${args.clusterName}: ${rule.description}`,
          eventPattern: interruptionEventPattern(rule),
          tags,
        },
        parent,
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${rule.key}`,
        { rule: eventRule.name, arn: queue.arn, targetId: "KarpenterInterruptionQueue" },
        parent,
      );
      return eventRule;
    });
    const queuePolicy = new aws.sqs.QueuePolicy(
      `${name}-interruption`,
      {
        queueUrl: queue.url,
        policy: pulumi
          .all([queue.arn, pulumi.all(rules.map((r) => r.arn))])
          .apply(([queueArn, ruleArns]) => interruptionQueuePolicy(queueArn, ruleArns)),
      },
      parent,
    );

    const scope: pulumi.Output<KarpenterScope> = pulumi
      .all([scopeParts, nodeRole.arn, queue.arn])
      .apply(([[partition, region, accountId], nodeRoleArn, queueArn]) => ({
        partition,
        region,
        accountId,
        clusterName: args.clusterName,
        nodeRoleArn,
        queueArn,
      }));
    const controllerRole = new aws.iam.Role(
      `${name}-controller`,
      {
        description: `EKS Pod Identity: ${KARPENTER_NAMESPACE}/${KARPENTER_SERVICE_ACCOUNT} (Karpenter) in EKS cluster ${args.clusterName}`,
        assumeRolePolicy: pulumi.all([scopeParts, args.cluster.arn]).apply(([[, , accountId], clusterArn]) =>
          serviceTrustPolicy({
            service: "pods.eks.amazonaws.com",
            actions: ["sts:AssumeRole", "sts:TagSession"],
            sourceAccount: accountId,
            sourceArnLike: clusterArn,
          }),
        ),
        tags,
      },
      parent,
    );
    const controllerPolicies = KARPENTER_POLICY_GROUPS.map((group) => {
      const policy = new aws.iam.Policy(
        `${name}-${group}`,
        {
          description: `Karpenter controller of EKS cluster ${args.clusterName}: ${group}`,
          policy: scope.apply((s) => karpenterControllerPolicy(s, group)),
          tags,
        },
        parent,
      );
      return new aws.iam.RolePolicyAttachment(
        `${name}-controller-${group}`,
        { role: controllerRole.name, policyArn: policy.arn },
        parent,
      );
    });
    const podIdentity = new aws.eks.PodIdentityAssociation(
      `${name}-controller`,
      {
        clusterName: args.cluster.name,
        namespace: KARPENTER_NAMESPACE,
        serviceAccount: KARPENTER_SERVICE_ACCOUNT,
        roleArn: controllerRole.arn,
        tags,
      },
      parent,
    );

    this.release = new k8s.helm.v3.Release(
      `${name}-controller`,
      {
        name: KARPENTER_RELEASE,
        chart: KARPENTER_CHART.chart,
        version: KARPENTER_CHART.version,
        namespace: KARPENTER_NAMESPACE,
        values: pulumi
          .all([args.cluster.endpoint, queue.name])
          .apply(([clusterEndpoint, interruptionQueueName]) =>
            karpenterValues({
              profile: args.profile,
              clusterName: args.clusterName,
              clusterEndpoint,
              interruptionQueueName,
            }),
          ),
        atomic: true,
        cleanupOnFail: true,
        timeout: 600,
        maxHistory: 10,
      },
      {
        parent: this,
        provider: args.provider,
        // The controller asks for credentials, reads the queue and launches nodes as soon as it starts.
        dependsOn: [...args.dependsOn, podIdentity, ...controllerPolicies, queuePolicy],
      },
    );

    const nodeClassSpec = nodeRole.name.apply(
      (nodeRoleName) =>
        ec2NodeClass({ clusterName: args.clusterName, nodeRoleName, rootVolumeGib: args.rootVolumeGib, tags })
          .spec,
    );
    this.nodeClass = new k8s.apiextensions.CustomResource(
      `${name}-node-class`,
      { ...EC2_NODE_CLASS, metadata: { name: DEFAULT_NODE_POOL }, spec: nodeClassSpec },
      // The chart installs the CRD; nodes launched with the role must be allowed to join.
      { parent: this, provider: args.provider, dependsOn: [this.release, nodeAccess, ...nodePolicies] },
    );
    const poolObject = nodePool(args.settings);
    this.nodePool = new k8s.apiextensions.CustomResource(
      `${name}-node-pool`,
      {
        apiVersion: poolObject.apiVersion,
        kind: poolObject.kind,
        metadata: poolObject.metadata,
        spec: poolObject.spec,
      },
      { parent: this, provider: args.provider, dependsOn: [this.nodeClass] },
    );

    this.registerOutputs({
      nodeRoleArn: this.nodeRoleArn,
      interruptionQueueName: this.interruptionQueueName,
    });
  }

  /**
   * Has Prometheus scrape the controller and alert on its failure signals. Called once the
   * prometheus-operator CRDs exist (they come with kube-prometheus-stack, after the cluster).
   */
  monitor(args: KarpenterMonitoringArgs): k8s.apiextensions.CustomResource[] {
    const objects = karpenterMonitoring(args.runbookBaseUrl, { "app.kubernetes.io/managed-by": "pulumi" });
    return [
      ["service-monitor", objects.serviceMonitor],
      ["alerts", objects.prometheusRule],
    ].map(
      ([key, object]) =>
        new k8s.apiextensions.CustomResource(
          `${this.componentName}-${key as string}`,
          object as k8s.apiextensions.CustomResourceArgs,
          { parent: this, provider: this.provider, dependsOn: [this.release, ...args.dependsOn] },
        ),
    );
  }
}
