import * as aws from "@pulumi/aws";
import { beforeAll, describe, expect, it } from "vitest";
import { INSTANCE_REPLACING_INPUTS, POSTGRES_ALARM_KEYS, Postgres } from "../../../components/database";
import { hexFor } from "../../../infra/synth/fakes/ids";
import { evaluatePolicies } from "../../../policies/evaluate";
import { parseJsonInput, run, valueOf, type Registered, type SynthResource } from "../../support/harness";
import { NODE_SG_ID, PAGE_TOPIC_ARN, SUBNET_IDS, TOPIC_ARN, VPC_ID, validArgs } from "./fixtures";

const GIB = 1024 ** 3;
const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const KEY = "aws:kms/key:Key";
const EVENTS = "aws:rds/eventSubscription:EventSubscription";
const RANDOM_ID = "random:index/randomId:RandomId";

interface Built {
  readonly registered: Registered;
  readonly db: Postgres;
  readonly component: SynthResource;
  readonly children: SynthResource[];
  readonly instance: SynthResource;
  readonly kmsKeyArn: string;
  readonly outputs: Record<string, unknown>;
}

async function build(name: string, program: () => Postgres, stack: string): Promise<Built> {
  let db: Postgres | undefined;
  const registered = await run(
    () => {
      db = program();
    },
    { stack },
  );
  const component = registered.one("infra:index:Postgres");
  const outputs = {
    endpoint: await valueOf(db!.endpoint),
    address: await valueOf(db!.address),
    port: await valueOf(db!.port),
    masterUserSecretArn: await valueOf(db!.masterUserSecretArn),
    securityGroupId: await valueOf(db!.securityGroupId),
    instanceIdentifier: await valueOf(db!.instanceIdentifier),
    instanceArn: await valueOf(db!.instanceArn),
    resourceId: await valueOf(db!.resourceId),
    parameterGroupName: await valueOf(db!.parameterGroupName),
    kmsKeyArn: await valueOf(db!.kmsKeyArn),
    alarmArns: await valueOf(db!.alarmArns),
  };
  return {
    registered,
    db: db!,
    component,
    children: registered.childrenOf(component.urn),
    instance: registered.one(INSTANCE, `${name}-instance`),
    kmsKeyArn: outputs.kmsKeyArn,
    outputs,
  };
}

describe("Postgres in production", () => {
  let prod: Built;
  let nodeSgId: string;
  let bastionSgId: string;
  let subnetIds: string[];
  let vpcId: string;

  beforeAll(async () => {
    let handles: {
      vpc: aws.ec2.Vpc;
      subnets: aws.ec2.Subnet[];
      nodes: aws.ec2.SecurityGroup;
      bastion: aws.ec2.SecurityGroup;
    };
    prod = await build(
      "orders",
      () => {
        const vpc = new aws.ec2.Vpc("net", { cidrBlock: "10.20.0.0/16" });
        const subnets = ["a", "b", "c"].map(
          (az, i) =>
            new aws.ec2.Subnet(`net-isolated-${az}`, {
              vpcId: vpc.id,
              cidrBlock: `10.20.${i}.0/24`,
              availabilityZone: `eu-west-1${az}`,
            }),
        );
        const nodes = new aws.ec2.SecurityGroup("cluster-nodes", { vpcId: vpc.id, description: "nodes" });
        const bastion = new aws.ec2.SecurityGroup("ops-bastion", { vpcId: vpc.id, description: "bastion" });
        handles = { vpc, subnets, nodes, bastion };
        return new Postgres("orders", {
          vpcId: vpc.id,
          subnetIds: subnets.map((s) => s.id),
          allowedSecurityGroupIds: { "cluster-nodes": nodes.id, "ops-bastion": bastion.id },
          alertTopicArn: TOPIC_ARN,
          pageTopicArn: PAGE_TOPIC_ARN,
          runbookBaseUrl: "https://runbooks.example.com/db",
          engineVersion: "17",
          databaseName: "orders",
          parameters: {
            log_min_duration_statement: "500",
            shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "pending-reboot" },
          },
          tags: { team: "payments" },
        });
      },
      "prod",
    );
    vpcId = await valueOf(handles!.vpc.id);
    subnetIds = await Promise.all(handles!.subnets.map((s) => valueOf(s.id)));
    nodeSgId = await valueOf(handles!.nodes.id);
    bastionSgId = await valueOf(handles!.bastion.id);
  });

  it("registers under the infra:index:Postgres component, every child parented to it", () => {
    expect(prod.component.urn).toBe("urn:pulumi:prod::infra::infra:index:Postgres::orders");
    const types = prod.children.map((c) => c.type).sort();
    expect(types).toEqual(
      [
        ...Array<string>(POSTGRES_ALARM_KEYS.length - 1).fill(ALARM),
        EVENTS,
        EVENTS,
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:iam/role:Role",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        KEY,
        INSTANCE,
        PARAMETER_GROUP,
        "aws:rds/subnetGroup:SubnetGroup",
        INGRESS,
        INGRESS,
        RANDOM_ID,
      ].sort(),
    );
    for (const child of prod.children) expect(child.name.startsWith("orders-")).toBe(true);
  });

  it("encrypts storage with a customer KMS key that rotates and is protected", () => {
    const key = prod.registered.one(KEY);
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBe(30);
    expect(key.options.protect).toBe(true);
    expect(prod.kmsKeyArn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]{36}$/);
    expect(prod.instance.inputs).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: prod.kmsKeyArn,
      storageType: "gp3",
      allocatedStorage: 100,
      maxAllocatedStorage: 400,
    });
  });

  it("runs a pinned postgres engine and is never publicly accessible", () => {
    expect(prod.instance.inputs).toMatchObject({
      engine: "postgres",
      engineVersion: "17",
      instanceClass: "db.m7g.large",
      publiclyAccessible: false,
      port: 5432,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      applyImmediately: false,
    });
  });

  it("lets RDS manage the master password in Secrets Manager, encrypted with the key, and turns on IAM auth", () => {
    expect(prod.instance.inputs).toMatchObject({
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: prod.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      username: "postgres",
      dbName: "orders",
    });
    expect(Object.keys(prod.instance.inputs).filter((k) => /password/i.test(k))).toEqual([
      "manageMasterUserPassword",
    ]);
    expect(prod.registered.ofType("random:index/randomPassword:RandomPassword")).toEqual([]);
  });

  it("is multi-AZ, deletion protected and Pulumi-protected", () => {
    expect(prod.instance.inputs).toMatchObject({ multiAz: true, deletionProtection: true });
    expect(prod.instance.options.protect).toBe(true);
    expect(prod.instance.options.deleteBeforeReplace).toBeUndefined();
    expect(prod.instance.options.replaceOnChanges).toBeUndefined();
  });

  it("keeps 14 days of backups, in a window apart from maintenance, and copies tags to snapshots", () => {
    expect(prod.instance.inputs).toMatchObject({
      backupRetentionPeriod: 14,
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:04:00-sun:05:00",
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
    });
  });

  it("takes a final snapshot named with the random suffix, which changes only with a replacement", () => {
    const suffix = prod.registered.one(RANDOM_ID, "orders-final-snapshot-suffix");
    expect(suffix.inputs.byteLength).toBe(8);
    expect(prod.instance.inputs.skipFinalSnapshot).toBe(false);
    expect(prod.instance.inputs.finalSnapshotIdentifier).toBe(
      `orders-final-${hexFor(`${RANDOM_ID}::orders-final-snapshot-suffix`, 16)}`,
    );
    expect(suffix.inputs.keepers).toEqual({
      engine: "postgres",
      storageEncrypted: "true",
      kmsKeyId: prod.kmsKeyArn,
      username: "postgres",
      dbName: "orders",
    });
    const replacing = INSTANCE_REPLACING_INPUTS.filter((k) => prod.instance.inputs[k] !== undefined);
    expect(Object.keys(suffix.inputs.keepers as object).sort()).toEqual([...replacing].sort());
  });

  it("turns on Performance Insights with the key, enhanced monitoring with its role, and log exports", () => {
    expect(prod.instance.inputs).toMatchObject({
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: prod.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });
    const role = prod.registered.one("aws:iam/role:Role", "orders-monitoring");
    expect(parseJsonInput(role, "assumeRolePolicy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
    const attachment = prod.registered.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachment.inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
    expect(attachment.inputs.role).toMatch(/^orders-monitoring-[0-9a-f]{7}$/);
    expect(prod.instance.inputs.monitoringRoleArn).toBe(
      `arn:aws:iam::123456789012:role/${attachment.inputs.role as string}`,
    );
    expect(prod.instance.options.dependsOn).toEqual([attachment.urn]);
  });

  it("places the instance in a subnet group over exactly the given isolated subnets", () => {
    const group = prod.registered.one("aws:rds/subnetGroup:SubnetGroup");
    expect(group.inputs.subnetIds).toEqual(subnetIds);
    expect(prod.instance.inputs.dbSubnetGroupName).toMatch(/^orders-subnets-[0-9a-f]{7}$/);
  });

  it("opens 5432 only from the given security groups: no CIDR, no egress", () => {
    const sg = prod.registered.one("aws:ec2/securityGroup:SecurityGroup", "orders-sg");
    expect(sg.inputs.vpcId).toBe(vpcId);
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toBeUndefined();
    expect(prod.registered.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
    const rules = prod.children.filter((c) => c.type === INGRESS);
    expect(rules.map((r) => r.name).sort()).toEqual(["orders-from-cluster-nodes", "orders-from-ops-bastion"]);
    expect(rules.map((r) => r.inputs.referencedSecurityGroupId).sort()).toEqual(
      [bastionSgId, nodeSgId].sort(),
    );
    for (const rule of rules) {
      expect(rule.inputs).toMatchObject({
        securityGroupId: prod.outputs.securityGroupId,
        ipProtocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
      });
      expect(rule.inputs.cidrIpv4).toBeUndefined();
      expect(rule.inputs.cidrIpv6).toBeUndefined();
      expect(rule.inputs.prefixListId).toBeUndefined();
    }
    expect(prod.instance.inputs.vpcSecurityGroupIds).toEqual([prod.outputs.securityGroupId]);
  });

  it("attaches an auto-named parameter group of the engine's family that forces TLS and logs, with overrides", () => {
    const group = prod.registered.one(PARAMETER_GROUP);
    expect(group.inputs.family).toBe("postgres17");
    expect(group.inputs.name).toBeUndefined();
    expect(group.inputs.namePrefix).toBe("orders-postgres17-");
    expect(prod.instance.inputs.parameterGroupName).toBe(prod.outputs.parameterGroupName);
    expect(prod.outputs.parameterGroupName).toMatch(/^orders-postgres17-[0-9a-f]{26}$/);
    const byName = Object.fromEntries(
      (group.inputs.parameters as { name: string; value: string; applyMethod: string }[]).map((p) => [
        p.name,
        p,
      ]),
    );
    expect(byName["rds.force_ssl"]).toEqual({ name: "rds.force_ssl", value: "1", applyMethod: "immediate" });
    expect(byName.log_connections?.value).toBe("1");
    expect(byName.log_disconnections?.value).toBe("1");
    expect(byName.log_min_duration_statement?.value).toBe("500");
    expect(byName.shared_preload_libraries).toEqual({
      name: "shared_preload_libraries",
      value: "pg_stat_statements",
      applyMethod: "pending-reboot",
    });
  });

  it("alarms on CPU, storage, memory, connections and latency, notifying the topic of its severity on ALARM and OK", () => {
    const alarms = prod.children.filter((c) => c.type === ALARM);
    const byName = Object.fromEntries(alarms.map((a) => [a.name, a.inputs]));
    // db.m7g.large is not burstable: every alarm but the CPU credit one.
    expect(Object.keys(byName).sort()).toEqual(
      POSTGRES_ALARM_KEYS.filter((k) => k !== "cpu-credits-low")
        .map((k) => `orders-${k}`)
        .sort(),
    );
    const pages = [
      "free-storage-low",
      "metrics-missing",
      "storage-hours-to-full",
      "transaction-ids-critical",
    ];
    for (const alarm of alarms) {
      const topic = pages.some((k) => alarm.name === `orders-${k}`) ? PAGE_TOPIC_ARN : TOPIC_ARN;
      expect(alarm.inputs).toMatchObject({
        alarmActions: [topic],
        okActions: [topic],
        evaluationPeriods: 3,
      });
      expect(alarm.inputs.alarmDescription).toMatch(
        /^PostgreSQL orders: .+ Runbook: https:\/\/runbooks\.example\.com\/db\/postgres-[a-z-]+$/,
      );
      const metric = alarm.inputs.metricQueries
        ? (alarm.inputs.metricQueries as { metric?: Record<string, unknown> }[])[0]!.metric!
        : alarm.inputs;
      expect(metric).toMatchObject({
        namespace: "AWS/RDS",
        dimensions: { DBInstanceIdentifier: prod.outputs.instanceIdentifier },
        period: 300,
      });
    }
    expect(byName["orders-metrics-missing"]).toMatchObject({ treatMissingData: "breaching" });
    expect(byName["orders-storage-hours-to-full"]).toMatchObject({
      metricQueries: [
        { id: "m", returnData: false, metric: { metricName: "FreeStorageSpace", stat: "Minimum" } },
        { id: "e", returnData: true, expression: "IF(RATE(m) < 0, m / (-RATE(m) * 3600), 8760)" },
      ],
      comparisonOperator: "LessThanThreshold",
      threshold: 6,
    });
    expect(byName["orders-storage-hours-to-full"]!.metricName).toBeUndefined();

    expect(byName["orders-cpu-high"]).toMatchObject({
      metricName: "CPUUtilization",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 80,
    });
    expect(byName["orders-free-storage-low"]).toMatchObject({
      metricName: "FreeStorageSpace",
      comparisonOperator: "LessThanThreshold",
      threshold: 10 * GIB,
    });
    expect(byName["orders-freeable-memory-low"]).toMatchObject({
      metricName: "FreeableMemory",
      threshold: 858993459,
    });
    expect(byName["orders-connections-high"]).toMatchObject({
      metricName: "DatabaseConnections",
      threshold: 648,
    });
    expect(byName["orders-read-latency-high"]).toMatchObject({ metricName: "ReadLatency", threshold: 0.02 });
    expect(byName["orders-write-latency-high"]).toMatchObject({
      metricName: "WriteLatency",
      threshold: 0.02,
    });
  });

  it("sends failover, failure and low-storage events to the page topic, maintenance and notices to tickets", () => {
    const subscriptions = prod.children.filter((c) => c.type === EVENTS);
    expect(
      subscriptions.map((e) => ({
        name: e.name,
        topic: e.inputs.snsTopic,
        categories: e.inputs.eventCategories,
      })),
    ).toEqual([
      {
        name: "orders-page-events",
        topic: PAGE_TOPIC_ARN,
        categories: ["failover", "failure", "low storage"],
      },
      {
        name: "orders-ticket-events",
        topic: TOPIC_ARN,
        categories: ["maintenance", "notification", "configuration change"],
      },
    ]);
    for (const e of subscriptions) {
      expect(e.inputs).toMatchObject({
        sourceType: "db-instance",
        sourceIds: [prod.outputs.instanceIdentifier],
        enabled: true,
      });
    }
  });

  it("tags every taggable resource with the platform tags, the component and the caller's tags", () => {
    const taggable = prod.children.filter(
      (c) => c.type.startsWith("aws:") && c.type !== "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    );
    // 15 alarms, 2 event subscriptions, the instance, key, security group, parameter and subnet groups, role, 2 ingress rules.
    expect(taggable.length).toBe(25);
    for (const child of taggable) {
      expect(child.inputs.tags, child.name).toMatchObject({
        environment: "prod",
        "managed-by": "pulumi",
        stack: "prod",
        component: "database",
        team: "payments",
      });
    }
  });

  it("passes the platform's policies but one: unnamed, it leaves RDS to create its log groups", () => {
    // Without `identifier` the instance's name, and so its log groups' names, exist only after
    // creation; RDS then creates them unencrypted and kept forever. The stacks set an identifier.
    const report = evaluatePolicies(prod.registered.resources, { profile: "production" });
    expect(report.violations.map((v) => `${v.rule} ${v.resource}`)).toEqual([
      "service-log-groups-managed orders-instance",
    ]);
  });

  it("exposes endpoint, address, port, secret, security group, identifiers, parameter group, key and alarms", () => {
    const o = prod.outputs;
    expect(o.instanceIdentifier).toMatch(/^orders-instance-[0-9a-f]{7}$/);
    expect(o.address).toMatch(
      new RegExp(`^${o.instanceIdentifier as string}\\.c[0-9a-f]{11}\\.eu-west-1\\.rds\\.amazonaws\\.com$`),
    );
    expect(o.port).toBe(5432);
    expect(o.endpoint).toBe(`${o.address as string}:5432`);
    expect(o.masterUserSecretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-/);
    expect(o.securityGroupId).toMatch(/^sg-0[0-9a-f]{16}$/);
    expect(o.securityGroupId).not.toBe(nodeSgId);
    expect(o.instanceArn).toBe(`arn:aws:rds:eu-west-1:123456789012:db:${o.instanceIdentifier as string}`);
    expect(o.resourceId).toMatch(/^db-[0-9A-F]{26}$/);
    expect(o.parameterGroupName).toMatch(/^orders-postgres17-/);
    expect(o.kmsKeyArn).toBe(prod.kmsKeyArn);
    expect(o.alarmArns).toHaveLength(POSTGRES_ALARM_KEYS.length - 1);
    for (const alarmArn of o.alarmArns as string[])
      expect(alarmArn).toMatch(/^arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-/);
  });
});

describe("Postgres in development", () => {
  let dev: Built;
  let withKey: Built;
  const givenKey = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

  beforeAll(async () => {
    dev = await build(
      "scratch",
      () =>
        new Postgres(
          "scratch",
          validArgs({
            profile: "development",
            alertTopicArn: undefined,
            pageTopicArn: undefined,
            engineVersion: "16",
          }),
        ),
      "dev",
    );
    withKey = await build(
      "scratch",
      () => new Postgres("scratch", validArgs({ profile: "development", kmsKeyArn: givenKey })),
      "dev",
    );
  });

  it("is cheaper: small single-AZ instance, short backups, no final snapshot, no enhanced monitoring", () => {
    expect(dev.instance.inputs).toMatchObject({
      instanceClass: "db.t4g.micro",
      allocatedStorage: 20,
      maxAllocatedStorage: 40,
      multiAz: false,
      deletionProtection: false,
      backupRetentionPeriod: 3,
      skipFinalSnapshot: true,
      monitoringInterval: 0,
      applyImmediately: true,
      deleteAutomatedBackups: true,
    });
    expect(dev.instance.inputs.finalSnapshotIdentifier).toBeUndefined();
    expect(dev.instance.inputs.monitoringRoleArn).toBeUndefined();
    expect(dev.registered.ofType(RANDOM_ID)).toEqual([]);
    expect(dev.registered.ofType("aws:iam/role:Role")).toEqual([]);
    expect(dev.instance.options.protect).toBeUndefined();
    expect(dev.instance.options.dependsOn).toBeUndefined();
  });

  it("is still encrypted with a customer key, private, TLS-only, with a managed password", () => {
    const key = dev.registered.one(KEY);
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBe(7);
    expect(key.options.protect).toBeUndefined();
    expect(dev.instance.inputs).toMatchObject({
      storageEncrypted: true,
      kmsKeyId: dev.kmsKeyArn,
      publiclyAccessible: false,
      manageMasterUserPassword: true,
      iamDatabaseAuthenticationEnabled: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: dev.kmsKeyArn,
      engineVersion: "16",
    });
    const group = dev.registered.one(PARAMETER_GROUP);
    expect(group.inputs.family).toBe("postgres16");
    expect(group.inputs.parameters).toContainEqual({
      name: "rds.force_ssl",
      value: "1",
      applyMethod: "immediate",
    });
    const rule = dev.registered.one(INGRESS);
    expect(rule.inputs).toMatchObject({
      referencedSecurityGroupId: NODE_SG_ID,
      fromPort: 5432,
      toPort: 5432,
    });
    expect(dev.registered.one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).toEqual(SUBNET_IDS);
    expect(dev.registered.one("aws:ec2/securityGroup:SecurityGroup").inputs.vpcId).toBe(VPC_ID);
  });

  it("keeps its alarms without a topic, with no actions", () => {
    const alarms = dev.registered.ofType(ALARM);
    // db.t4g.micro is burstable: every alarm, the CPU credit one included.
    expect(alarms).toHaveLength(POSTGRES_ALARM_KEYS.length);
    expect(alarms.map((a) => a.name)).toContain("scratch-cpu-credits-low");
    for (const alarm of alarms) {
      expect(alarm.inputs.alarmActions).toEqual([]);
      expect(alarm.inputs.okActions).toEqual([]);
    }
    const memory = alarms.find((a) => a.name === "scratch-freeable-memory-low")!;
    expect(memory.inputs.threshold).toBe(Math.floor(GIB / 10));
    const storage = alarms.find((a) => a.name === "scratch-free-storage-low")!;
    expect(storage.inputs.threshold).toBe(2 * GIB);
    expect(dev.outputs.alarmArns).toHaveLength(POSTGRES_ALARM_KEYS.length);
    // No topic, no event subscription: nothing to deliver the events to.
    expect(dev.registered.ofType(EVENTS)).toEqual([]);
  });

  it("uses a given KMS key instead of creating one", () => {
    expect(withKey.registered.ofType(KEY)).toEqual([]);
    expect(withKey.instance.inputs).toMatchObject({
      kmsKeyId: givenKey,
      masterUserSecretKmsKeyId: givenKey,
      performanceInsightsKmsKeyId: givenKey,
    });
    expect(withKey.outputs.kmsKeyArn).toBe(givenKey);
  });

  it("exposes every output", () => {
    const o = dev.outputs;
    expect(o.endpoint).toBe(`${o.address as string}:5432`);
    expect(o.port).toBe(5432);
    expect(o.instanceIdentifier).toMatch(/^scratch-instance-[0-9a-f]{7}$/);
    expect(o.masterUserSecretArn).toMatch(/^arn:aws:secretsmanager:/);
    expect(o.securityGroupId).toMatch(/^sg-0/);
    expect(o.parameterGroupName).toMatch(/^scratch-postgres16-[0-9a-f]{26}$/);
    expect(o.instanceArn).toMatch(/:db:scratch-instance-/);
    expect(o.resourceId).toMatch(/^db-/);
    expect(o.kmsKeyArn).toBe(dev.kmsKeyArn);
  });
});
