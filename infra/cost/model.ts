import { EKS_KUBERNETES_VERSIONS } from "../../components/cluster/versions";
import type { SynthResource } from "../synth/model";
import { instanceRate, rate, type PriceTable } from "./prices";

/**
 * What one resource adds to the monthly bill, as list price.
 * - `priced`: `monthly` is counted in the total (`minimum` / `ceiling` when the resource scales);
 * - `unpriced`: the price table has no verified price: not counted, listed so nobody reads the
 *   total as complete;
 * - `usage`: billed by use (GB, requests): the rate is shown, never a guessed amount;
 * - `free`: no charge, or within a free tier the note names.
 */
export interface CostLine {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly item: string;
  readonly status: "priced" | "unpriced" | "usage" | "free";
  /** Monthly list price at the configured (desired) size; `null` unless priced. */
  readonly monthly: number | null;
  /** At the minimum size (node groups); equals `monthly` for fixed items. */
  readonly minimum: number | null;
  /** Upper bound: maximum size, storage autoscaling limit, Spot at on-demand, Karpenter limits. */
  readonly ceiling: number | null;
  /** Per-unit rate for usage-based items, e.g. `0.045 USD per GB processed`. */
  readonly rate?: { readonly price: number | null; readonly unit: string };
  readonly note?: string;
}

export interface CostEstimate {
  readonly region: string;
  /** The day the price table's sources were consulted. */
  readonly priceDate: string;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly lines: CostLine[];
  readonly totals: { readonly monthly: number; readonly minimum: number; readonly ceiling: number };
  /** Items without a verified price (not in the totals). */
  readonly unpriced: string[];
  /** Resource types the model does not know (neither priced nor known to be free). */
  readonly notModelled: string[];
}

export interface CostOptions {
  readonly region: string;
  readonly prices: PriceTable;
  /** The day support windows are judged at. @default the price table's date */
  readonly asOf?: string;
}

/** AWS resource types with no charge of their own (what they carry is priced elsewhere). */
const NO_CHARGE = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policy:Policy",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:kms/alias:Alias",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:resourcegroups/group:Group",
  "random:index/randomId:RandomId",
  "random:index/randomPassword:RandomPassword",
]);

const KARPENTER_NODEPOOL = /^kubernetes:karpenter\.sh\/v\d+(beta\d+)?:NodePool$/;
const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
const CATEGORY_LABEL = "karpenter.k8s.aws/instance-category";
const GENERATION_LABEL = "karpenter.k8s.aws/instance-generation";
const ARCH_LABEL = "kubernetes.io/arch";

/** `m7g.large` → category `m`, generation 7, Graviton (`g` after the generation, or `a1`). */
function instanceFamily(type: string): { category: string; generation: number; arch: string } | undefined {
  const match = /^([a-z]+)(\d+)([a-z-]*)\./.exec(type);
  if (!match) return undefined;
  const [, category, generation, suffix] = match;
  const arm = (category === "a" && generation === "1") || suffix!.startsWith("g");
  return { category: category!, generation: Number(generation), arch: arm ? "arm64" : "amd64" };
}

const round = (n: number) => Math.round(n * 100) / 100;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Monthly list price of every resource of a synthesized stack, with totals. Pure. */
export function estimateCost(resources: readonly SynthResource[], options: CostOptions): CostEstimate {
  const { region, prices } = options;
  const asOf = options.asOf ?? prices.consulted;
  const hours = prices.hoursPerMonth;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const lines: CostLine[] = [];
  const notModelled = new Set<string>();

  const base = (r: SynthResource) => ({ urn: r.urn, name: r.name, type: r.type });
  /** A fixed monthly charge: `quantity` units at the table's `key` price (hourly prices × hours). */
  const fixed = (
    r: SynthResource,
    item: string,
    key: string,
    quantity: number,
    perHour: boolean,
    extra: { ceilingQuantity?: number; note?: string } = {},
  ): CostLine => {
    const found = rate(prices, region, key);
    if (!found) return unpriced(r, item, `no verified price for ${key} in ${region}`);
    const factor = found.price * (perHour ? hours : 1);
    const monthly = round(quantity * factor);
    return {
      ...base(r),
      item,
      status: "priced",
      monthly,
      minimum: monthly,
      ceiling: extra.ceilingQuantity === undefined ? monthly : round(extra.ceilingQuantity * factor),
      ...(extra.note ? { note: extra.note } : {}),
    };
  };
  const unpriced = (r: SynthResource, item: string, note: string): CostLine => ({
    ...base(r),
    item,
    status: "unpriced",
    monthly: null,
    minimum: null,
    ceiling: null,
    note,
  });
  const usage = (
    r: SynthResource,
    item: string,
    key: string | null,
    unit: string,
    note?: string,
  ): CostLine => {
    const found = key ? rate(prices, region, key) : null;
    return {
      ...base(r),
      item,
      status: "usage",
      monthly: null,
      minimum: null,
      ceiling: null,
      rate: { price: found?.price ?? null, unit: found?.unit ?? unit },
      ...(note ? { note } : {}),
    };
  };
  const free = (r: SynthResource, item: string, note: string): CostLine => ({
    ...base(r),
    item,
    status: "free",
    monthly: null,
    minimum: null,
    ceiling: null,
    note,
  });

  for (const r of resources) {
    const inputs = r.inputs;
    if (!r.custom || r.type.startsWith("pulumi:providers:") || NO_CHARGE.has(r.type)) continue;
    switch (r.type) {
      case "aws:eks/cluster:Cluster":
        lines.push(eksControlPlane(r));
        break;
      case "aws:eks/nodeGroup:NodeGroup":
        lines.push(...nodeGroup(r));
        break;
      case "aws:eks/addon:Addon":
        if (str(inputs.addonName) === "amazon-cloudwatch-observability")
          lines.push(
            usage(
              r,
              "Container Insights (metrics as log events, per observation)",
              null,
              "per observation / GB",
              "usage-based; the rate is not in the price table",
            ),
          );
        break;
      case "aws:ec2/natGateway:NatGateway":
        lines.push(fixed(r, "NAT gateway", "vpc.natGatewayHour", 1, true));
        lines.push(usage(r, "NAT gateway data processed", "vpc.natGatewayGb", "GB processed"));
        break;
      case "aws:cloudwatch/eventRule:EventRule":
        lines.push(
          free(
            r,
            "EventBridge rule",
            "events AWS services publish to the default bus are free (Amazon EventBridge pricing)",
          ),
        );
        break;
      case "aws:ec2/eip:Eip":
        lines.push(fixed(r, "public IPv4 address", "vpc.publicIpv4Hour", 1, true));
        break;
      case "aws:ec2/vpcEndpoint:VpcEndpoint":
        if (str(inputs.vpcEndpointType) === "Gateway") {
          lines.push(free(r, "gateway endpoint", "gateway endpoints have no hourly or data charge"));
        } else {
          const zones = Math.max(1, list(inputs.subnetIds).length);
          lines.push(
            fixed(r, `interface endpoint × ${zones} zone(s)`, "vpc.interfaceEndpointHour", zones, true),
          );
          lines.push(
            usage(r, "interface endpoint data processed", "vpc.interfaceEndpointGb", "GB processed"),
          );
        }
        break;
      case "aws:rds/instance:Instance":
        lines.push(...rdsInstance(r));
        break;
      case "aws:kms/key:Key":
        lines.push(
          fixed(r, "KMS key", "kms.keyMonth", 1, false, {
            note: "requests: 20,000 a month free per account, then per 10,000",
          }),
        );
        break;
      case "aws:secretsmanager/secret:Secret":
        lines.push(fixed(r, "Secrets Manager secret", "secretsManager.secretMonth", 1, false));
        break;
      case "aws:cloudwatch/dashboard:Dashboard":
        lines.push(
          fixed(r, "CloudWatch dashboard", "cloudwatch.dashboardMonth", 1, false, {
            note: "the account's first 3 dashboards are free (free tier not subtracted)",
          }),
        );
        break;
      case "aws:cloudwatch/metricAlarm:MetricAlarm":
        lines.push(
          fixed(r, "CloudWatch alarm", "cloudwatch.alarmMonth", 1, false, {
            note: "standard resolution; the account's first 10 alarms are free (not subtracted)",
          }),
        );
        break;
      case "aws:cloudwatch/logGroup:LogGroup":
        lines.push(usage(r, "log ingestion", "cloudwatch.logsIngestGb", "GB ingested"));
        break;
      case "aws:ec2/flowLog:FlowLog":
        lines.push(free(r, "VPC flow log", "billed as ingestion into its log group (see that line)"));
        break;
      case "aws:sns/topic:Topic":
        lines.push(
          usage(
            r,
            "SNS topic",
            null,
            "per request / notification",
            "billed per request; a free tier applies per account",
          ),
        );
        break;
      case "aws:sqs/queue:Queue":
        lines.push(
          usage(r, "SQS queue", null, "per request", "billed per request; a free tier applies per account"),
        );
        break;
      case "aws:scheduler/schedule:Schedule":
        lines.push(
          usage(
            r,
            "EventBridge Scheduler invocations",
            null,
            "per invocation",
            "billed per invocation; a free tier applies per account",
          ),
        );
        break;
      default:
        if (KARPENTER_NODEPOOL.test(r.type)) lines.push(karpenterNodePool(r));
        else if (!r.type.startsWith("kubernetes:")) notModelled.add(r.type);
      // Kubernetes objects cost nothing of their own: they run on the nodes priced above.
    }
  }

  function eksControlPlane(r: SynthResource): CostLine {
    const version = str(r.inputs.version) ?? "";
    const support = str(obj(r.inputs.upgradePolicy).supportType) ?? "EXTENDED";
    const window = (EKS_KUBERNETES_VERSIONS as Record<string, { standardSupportEnds: string }>)[version];
    const extended = window !== undefined && asOf > window.standardSupportEnds && support === "EXTENDED";
    const note = window
      ? extended
        ? `Kubernetes ${version} left standard support on ${window.standardSupportEnds}`
        : support === "EXTENDED"
          ? `extended support (${rate(prices, region, "eks.clusterHour.extended")?.price ?? "?"} USD/h) from ${window.standardSupportEnds} unless upgraded`
          : `standard support until ${window.standardSupportEnds}, then EKS upgrades the cluster`
      : `Kubernetes ${version} is not in the version table`;
    return fixed(
      r,
      `EKS control plane (${extended ? "extended" : "standard"} support)`,
      extended ? "eks.clusterHour.extended" : "eks.clusterHour.standard",
      1,
      true,
      { note },
    );
  }

  function nodeGroup(r: SynthResource): CostLine[] {
    const scaling = obj(r.inputs.scalingConfig);
    const min = num(scaling.minSize) ?? 0;
    const desired = num(scaling.desiredSize) ?? min;
    const max = num(scaling.maxSize) ?? desired;
    const types = list(r.inputs.instanceTypes).filter((t): t is string => typeof t === "string");
    const spot = str(r.inputs.capacityType) === "SPOT";
    const out: CostLine[] = [];
    // On-demand managed node groups launch the first listed type (prioritized allocation); Spot may
    // launch any of them, so its upper bound is the dearest on-demand price.
    const candidates = spot ? types : types.slice(0, 1);
    const found = candidates.map((t) => ({ type: t, price: instanceRate(prices, region, "ec2", t) }));
    const missing = found.filter((f) => !f.price).map((f) => f.type);
    const item = `EC2 ${spot ? "Spot (on-demand upper bound) " : ""}${candidates.join("/") || "?"} × ${desired} (min ${min}, max ${max})`;
    if (!candidates.length || missing.length) {
      out.push(
        unpriced(
          r,
          item,
          `no verified on-demand price for ${missing.join(", ") || "an instance type"} in ${region}`,
        ),
      );
    } else {
      const hourly = Math.max(...found.map((f) => f.price!.hourly));
      out.push({
        ...base(r),
        item,
        status: "priced",
        monthly: round(desired * hourly * hours),
        minimum: round(min * hourly * hours),
        ceiling: round(max * hourly * hours),
        ...(spot ? { note: "Spot shown at the on-demand price: an upper bound" } : {}),
      });
    }
    // Root volumes from the node group's launch template (the engine sees it as a dependency).
    const template = r.dependencies
      .map((urn) => byUrn.get(urn))
      .find((d) => d?.type === "aws:ec2/launchTemplate:LaunchTemplate");
    for (const mapping of list(template?.inputs.blockDeviceMappings)) {
      const ebs = obj(obj(mapping).ebs);
      const size = num(ebs.volumeSize);
      if (size === undefined) continue;
      const volumeType = str(ebs.volumeType) ?? "gp3";
      const key = `ebs.${volumeType}GbMonth`;
      const found = rate(prices, region, key);
      const volumeItem = `EBS ${volumeType} ${size} GB root volume × ${desired} node(s)`;
      if (!found) out.push(unpriced(r, volumeItem, `no verified price for ${key} in ${region}`));
      else
        out.push({
          ...base(r),
          item: volumeItem,
          status: "priced",
          monthly: round(desired * size * found.price),
          minimum: round(min * size * found.price),
          ceiling: round(max * size * found.price),
        });
    }
    return out;
  }

  function rdsInstance(r: SynthResource): CostLine[] {
    const cls = str(r.inputs.instanceClass) ?? "?";
    const multiAz = r.inputs.multiAz === true;
    const copies = multiAz ? 2 : 1;
    const az = multiAz ? "Multi-AZ: primary + standby" : "Single-AZ";
    const out: CostLine[] = [];
    const instance = instanceRate(prices, region, "rds", cls);
    const item = `RDS ${cls} × ${copies} (${az})`;
    if (!instance) out.push(unpriced(r, item, `no verified price for ${cls} in ${region}`));
    else {
      const monthly = round(copies * instance.hourly * hours);
      out.push({ ...base(r), item, status: "priced", monthly, minimum: monthly, ceiling: monthly });
    }
    const storage = num(r.inputs.allocatedStorage) ?? 0;
    const maxStorage = num(r.inputs.maxAllocatedStorage) ?? storage;
    const storageType = str(r.inputs.storageType) ?? "gp2";
    out.push(
      fixed(
        r,
        `RDS ${storageType} storage ${storage} GB × ${copies}`,
        `rds.${storageType}GbMonth`,
        storage * copies,
        false,
        {
          ceilingQuantity: Math.max(storage, maxStorage) * copies,
          note: maxStorage > storage ? `storage autoscaling up to ${maxStorage} GB (ceiling)` : undefined,
        },
      ),
    );
    if (r.inputs.performanceInsightsEnabled === true) {
      const retention = num(r.inputs.performanceInsightsRetentionPeriod) ?? 7;
      out.push(
        retention <= 7
          ? free(r, "Performance Insights", `${retention} days of retention: within the free tier (7 days)`)
          : unpriced(
              r,
              `Performance Insights, ${retention} days of retention`,
              "retention beyond the 7-day free tier has no verified price",
            ),
      );
    }
    if (r.inputs.manageMasterUserPassword === true)
      out.push(
        fixed(
          r,
          "Secrets Manager secret (RDS-managed master password)",
          "secretsManager.secretMonth",
          1,
          false,
        ),
      );
    if (num(r.inputs.monitoringInterval))
      out.push(
        usage(r, "Enhanced Monitoring (CloudWatch Logs ingestion)", "cloudwatch.logsIngestGb", "GB ingested"),
      );
    return out;
  }

  function karpenterNodePool(r: SynthResource): CostLine {
    const spec = obj(r.inputs.spec);
    const cpu = Number(str(obj(spec.limits).cpu) ?? num(obj(spec.limits).cpu) ?? NaN);
    const requirements = list(obj(obj(obj(spec.template).spec)).requirements).map(obj);
    const values = (key: string, operator: string) =>
      requirements
        .filter((q) => q.key === key && q.operator === operator)
        .flatMap((q) => list(q.values).filter((v): v is string => typeof v === "string"));
    const named = values(INSTANCE_TYPE_LABEL, "In");
    const categories = values(CATEGORY_LABEL, "In");
    const item = `Karpenter NodePool nodes (limit ${Number.isFinite(cpu) ? cpu : "none"} vCPU)`;
    // Without a list of types, the priced types of the region the NodePool's category, generation and
    // architecture requirements allow: a ceiling over the types with a verified price only.
    const newerThan = Math.max(-1, ...values(GENERATION_LABEL, "Gt").map(Number));
    const architectures = values(ARCH_LABEL, "In");
    const types = named.length
      ? named
      : categories.length
        ? Object.keys(prices.regions[region]?.ec2 ?? {}).filter((type) => {
            const family = instanceFamily(type);
            return (
              family !== undefined &&
              categories.includes(family.category) &&
              family.generation > newerThan &&
              (architectures.length === 0 || architectures.includes(family.arch))
            );
          })
        : [];
    if (!Number.isFinite(cpu) || !types.length)
      return unpriced(
        r,
        item,
        categories.length && !named.length
          ? `no instance type of categories ${categories.join(", ")} has a verified price in ${region}`
          : "a ceiling needs spec.limits.cpu and an instance-type or instance-category requirement (In)",
      );
    const perVcpu = types.map((t) => {
      const p = instanceRate(prices, region, "ec2", t);
      return p?.vcpus ? p.hourly / p.vcpus : null;
    });
    if (perVcpu.some((p) => p === null))
      return unpriced(
        r,
        item,
        `no verified price or vCPU count for ${types.filter((_, i) => perVcpu[i] === null).join(", ")} in ${region}`,
      );
    return {
      ...base(r),
      item,
      status: "priced",
      monthly: 0,
      minimum: 0,
      ceiling: round(cpu * Math.max(...(perVcpu as number[])) * hours),
      note: named.length
        ? "nodes follow the pods; the NodePool's cpu limit at the dearest allowed type's on-demand price is the ceiling"
        : `nodes follow the pods; the NodePool's cpu limit at the dearest on-demand price per vCPU among the allowed types with a verified price (${types.join(", ")}) is the ceiling`,
    };
  }

  const sum = (pick: (l: CostLine) => number | null) =>
    round(lines.reduce((total, l) => total + (l.status === "priced" ? (pick(l) ?? 0) : 0), 0));
  return {
    region,
    priceDate: prices.consulted,
    currency: prices.currency,
    hoursPerMonth: hours,
    lines,
    totals: {
      monthly: sum((l) => l.monthly),
      minimum: sum((l) => l.minimum),
      ceiling: sum((l) => l.ceiling),
    },
    unpriced: lines.filter((l) => l.status === "unpriced").map((l) => `${l.name}: ${l.item}`),
    notModelled: [...notModelled].sort(),
  };
}
