import { SECRET_MASK } from "../../infra/synth/model";
import type { SynthResource } from "../../infra/synth/model";

/**
 * What every environment and what production must guarantee, checked on the synthesized stack
 * (what the program would ask the engine for), not on hand-built objects. Each returns the
 * violations found, so a test can show both a clean stack and a broken one.
 */

type Inputs = Record<string, any>;

const ofType = (resources: readonly SynthResource[], type: string) =>
  resources.filter((r) => r.type === type);

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

/** Every environment: encrypted at rest, nothing reachable from the Internet. */
export function baselineViolations(resources: readonly SynthResource[]): string[] {
  const problems: string[] = [];
  for (const db of ofType(resources, "aws:rds/instance:Instance")) {
    const i: Inputs = db.inputs;
    if (i.storageEncrypted !== true || !i.kmsKeyId)
      problems.push(`${db.name}: storage not encrypted with a KMS key`);
    if (i.publiclyAccessible !== false) problems.push(`${db.name}: publicly accessible`);
  }
  for (const cluster of ofType(resources, "aws:eks/cluster:Cluster")) {
    const i: Inputs = cluster.inputs;
    if (!i.encryptionConfig?.resources?.includes("secrets"))
      problems.push(`${cluster.name}: secrets not envelope-encrypted`);
    const vpc: Inputs = i.vpcConfig ?? {};
    const cidrs: string[] = vpc.publicAccessCidrs ?? [];
    if (vpc.endpointPublicAccess !== false && (cidrs.length === 0 || cidrs.some((c) => OPEN.has(c)))) {
      problems.push(`${cluster.name}: public API endpoint open to the Internet`);
    }
  }
  for (const subnet of ofType(resources, "aws:ec2/subnet:Subnet")) {
    if (subnet.inputs.mapPublicIpOnLaunch !== false) problems.push(`${subnet.name}: assigns public IPs`);
  }
  for (const topic of ofType(resources, "aws:sns/topic:Topic")) {
    if (!topic.inputs.kmsMasterKeyId) problems.push(`${topic.name}: topic not KMS-encrypted`);
  }
  for (const group of ofType(resources, "aws:cloudwatch/logGroup:LogGroup")) {
    if (!group.inputs.kmsKeyId) problems.push(`${group.name}: log group not KMS-encrypted`);
  }
  for (const template of ofType(resources, "aws:ec2/launchTemplate:LaunchTemplate")) {
    const i: Inputs = template.inputs;
    const volumes: Inputs[] = i.blockDeviceMappings ?? [];
    if (volumes.some((v) => String(v.ebs?.encrypted) !== "true"))
      problems.push(`${template.name}: unencrypted EBS volume`);
    if (i.metadataOptions?.httpTokens !== "required") problems.push(`${template.name}: IMDSv1 allowed`);
  }
  for (const rule of ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
    const i: Inputs = rule.inputs;
    if (OPEN.has(i.cidrIpv4) || OPEN.has(i.cidrIpv6))
      problems.push(`${rule.name}: ingress from the whole Internet`);
  }
  return problems;
}

/** Production: survives a zone loss, keeps its data, keeps its logs, keeps serving during changes. */
export function productionViolations(resources: readonly SynthResource[]): string[] {
  const problems: string[] = [];
  const zones = new Set(
    ofType(resources, "aws:ec2/subnet:Subnet")
      .filter((s) => s.name.includes("-private-"))
      .map((s) => s.inputs.availabilityZone as string),
  );
  const nats = ofType(resources, "aws:ec2/natGateway:NatGateway").length;
  if (zones.size < 2) problems.push(`private subnets span ${zones.size} zone(s), fewer than 2`);
  if (nats !== zones.size) problems.push(`${nats} NAT gateway(s) for ${zones.size} zones: not one per zone`);

  for (const db of ofType(resources, "aws:rds/instance:Instance")) {
    const i: Inputs = db.inputs;
    if (i.multiAz !== true) problems.push(`${db.name}: not multi-AZ`);
    if (i.deletionProtection !== true) problems.push(`${db.name}: no deletion protection`);
    if (db.options.protect !== true) problems.push(`${db.name}: not protected in Pulumi`);
    if (!(Number(i.backupRetentionPeriod) >= 14))
      problems.push(`${db.name}: backups kept ${i.backupRetentionPeriod} days, under 14`);
    if (i.skipFinalSnapshot !== false) problems.push(`${db.name}: deleted without a final snapshot`);
  }
  for (const cluster of ofType(resources, "aws:eks/cluster:Cluster")) {
    const vpc: Inputs = cluster.inputs.vpcConfig ?? {};
    if (vpc.endpointPublicAccess !== false && !(Number(vpc.publicAccessCidrs?.length) > 0)) {
      problems.push(`${cluster.name}: public API endpoint without restricted CIDRs`);
    }
  }
  for (const hpa of ofType(resources, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) {
    const spec: Inputs = hpa.inputs.spec ?? {};
    const min = Number(spec.minReplicas);
    if (!(min >= 2)) problems.push(`${hpa.name}: minReplicas ${min}, under 2`);
  }
  for (const group of ofType(resources, "aws:cloudwatch/logGroup:LogGroup")) {
    const days = Number(group.inputs.retentionInDays);
    if (!(days >= 90)) problems.push(`${group.name}: logs kept ${days} days, under 90`);
  }
  return problems;
}

/**
 * Production alarms reach a person: every CloudWatch alarm notifies an alert topic of the stack on
 * ALARM and OK and links a runbook; the page topic has an https subscription with a secret endpoint
 * that must confirm during the deployment (PagerDuty's CloudWatch integration, or an incident webhook);
 * RDS failover and failure events go to the page topic.
 */
export function pagingViolations(resources: readonly SynthResource[]): string[] {
  const problems: string[] = [];
  const topics = ofType(resources, "aws:sns/topic:Topic");
  // A topic's ARN ends with its name: the logical name and Pulumi's 7-hex auto-name suffix.
  const topicOf = (arn: unknown) =>
    topics.find((t) => new RegExp(`:${t.name.replace(/[.]/g, "\\.")}-[0-9a-f]{7}$`).test(String(arn)));
  const page = topics.find((t) => t.name.endsWith("-page"));
  if (!page) return ["no page topic"];
  const isPage = (arn: unknown) => topicOf(arn) === page;

  for (const alarm of ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
    const actions = (alarm.inputs.alarmActions as unknown[] | undefined) ?? [];
    if (actions.length === 0) problems.push(`${alarm.name}: notifies nobody`);
    for (const action of actions) {
      if (!topicOf(action)) problems.push(`${alarm.name}: notifies ${String(action)}, not an alert topic`);
    }
    if (JSON.stringify(alarm.inputs.okActions) !== JSON.stringify(actions))
      problems.push(`${alarm.name}: does not say when it clears`);
    if (!/Runbook: https:\/\/\S+$/.test(String(alarm.inputs.alarmDescription)))
      problems.push(`${alarm.name}: links no runbook`);
  }
  const pagers = ofType(resources, "aws:sns/topicSubscription:TopicSubscription").filter(
    (s) =>
      isPage(s.inputs.topic) &&
      s.inputs.protocol === "https" &&
      s.inputs.endpoint === SECRET_MASK &&
      s.inputs.endpointAutoConfirms === true,
  );
  if (pagers.length === 0)
    problems.push(`${page.name}: no confirmed https subscription with a secret endpoint`);
  const pagingAlarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
    ((a.inputs.alarmActions as unknown[] | undefined) ?? []).some(isPage),
  );
  if (pagingAlarms.length === 0) problems.push(`${page.name}: no alarm pages`);
  for (const db of ofType(resources, "aws:rds/instance:Instance")) {
    const categories = ofType(resources, "aws:rds/eventSubscription:EventSubscription")
      .filter((e) => isPage(e.inputs.snsTopic))
      .flatMap((e) => (e.inputs.eventCategories as string[] | undefined) ?? []);
    for (const category of ["failover", "failure", "low storage"]) {
      if (!categories.includes(category)) problems.push(`${db.name}: "${category}" events do not page`);
    }
  }
  return problems;
}

/** The IPv4 ranges of the stack's VPCs. */
export function vpcCidrs(resources: readonly SynthResource[]): string[] {
  return ofType(resources, "aws:ec2/vpc:Vpc").map((vpc) => String(vpc.inputs.cidrBlock));
}
