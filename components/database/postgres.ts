import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
  componentTags,
  DEFAULT_RDS_CA_IDENTIFIER,
  keyPolicyJson,
  named,
  resolveKeyAccess,
  type AlertSeverity,
  type Tags,
  componentType,
  withLegacyType,
} from "../core";
import {
  performanceInsightsQuery,
  planAlarms,
  postgresAlarmName,
  postgresLogGroupName,
  RDS_EVENT_ROUTES,
} from "./alarms";
import { POSTGRES_ARGS, type PostgresArgs, type ResolvedPostgresArgs } from "./args";
import { POSTGRES_PORT } from "./defaults";
import { DATABASE_KEY_USES } from "./key-uses";
import { enhancedMonitoringPolicyArn, enhancedMonitoringTrustPolicy } from "./monitoring-role";
import { finalSnapshotKeepers, type InstanceIdentity } from "./replacement";
import { resolvePostgresSettings, type PostgresSettings } from "./settings";

/** Log streams RDS exports to CloudWatch Logs: the server log and the major-upgrade log. */
export const EXPORTED_LOGS = ["postgresql", "upgrade"];

/**
 * An RDS for PostgreSQL instance that is safe to run in production: private (isolated subnets, only
 * the given security groups on 5432, never publicly accessible), encrypted with a customer KMS key,
 * TLS forced, the master password kept by RDS in Secrets Manager, IAM authentication on, backed up,
 * watched by CloudWatch alarms, and protected from deletion in production.
 */
export class Postgres extends pulumi.ComponentResource {
  /** `address:port`. */
  public readonly endpoint: pulumi.Output<string>;
  /** DNS name of the instance. */
  public readonly address: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  /** Secrets Manager secret holding the master user's password, which RDS creates and rotates. */
  public readonly masterUserSecretArn: pulumi.Output<string>;
  /** The database's security group: reference it to let more clients in. */
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly instanceIdentifier: pulumi.Output<string>;
  public readonly instanceArn: pulumi.Output<string>;
  /** `db-...` resource id, for IAM database authentication policies (`rds-db:connect`). */
  public readonly resourceId: pulumi.Output<string>;
  public readonly parameterGroupName: pulumi.Output<string>;
  /** The key encrypting storage, Performance Insights and the master secret: readers of the secret need kms:Decrypt on it. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** ARNs of the instance's CloudWatch alarms, in a fixed order. */
  public readonly alarmArns: pulumi.Output<string[]>;

  constructor(name: string, rawArgs: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    const args = POSTGRES_ARGS.parse(rawArgs, name, { componentName: name });
    super(componentType("Postgres"), name, {}, withLegacyType("infra:database:Postgres", opts));

    const settings = resolvePostgresSettings(args, (resolved) =>
      POSTGRES_ARGS.whenKnown(resolved, "engineVersion", name, { componentName: name }),
    );
    const tags = componentTags("database", args.tags);
    const protect = settings.deletionProtection;
    const keyAccess = resolveKeyAccess(args.kmsKeyAccess);

    const kmsKeyArn = args.kmsKeyArn
      ? pulumi.output(args.kmsKeyArn)
      : new aws.kms.Key(
          `${name}-key`,
          {
            description: `Encrypts PostgreSQL ${name}: storage, Performance Insights and the master secret`,
            enableKeyRotation: true,
            deletionWindowInDays: settings.kmsKeyDeletionWindowDays,
            policy: pulumi
              .all([
                aws.getPartitionOutput({}, { parent: this }).partition,
                aws.getRegionOutput({}, { parent: this }).region,
                aws.getCallerIdentityOutput({}, { parent: this }).accountId,
              ])
              .apply(([partition, region, accountId]) =>
                keyPolicyJson({ partition, region, accountId }, keyAccess, DATABASE_KEY_USES),
              ),
            tags: named(tags, `${name}-postgres`),
          },
          // Without the key, storage, snapshots and the master secret are unreadable.
          { parent: this, protect: args.kmsKeyAccess.protect },
        ).arn;

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      {
        description: `Isolated subnets of PostgreSQL ${name}`,
        subnetIds: args.subnetIds,
        tags: named(tags, `${name}-postgres`),
      },
      { parent: this },
    );

    const securityGroup = this.securityGroup(name, args, tags);
    const parameterGroup = this.parameterGroup(name, settings, tags);
    const monitoring = this.monitoringRole(name, settings, tags);

    const identity: InstanceIdentity = {
      engine: "postgres",
      storageEncrypted: true,
      kmsKeyId: kmsKeyArn,
      username: settings.masterUsername,
      dbName: settings.databaseName,
      identifier: settings.identifier,
    };
    const finalSnapshotSuffix = settings.skipFinalSnapshot
      ? undefined
      : new random.RandomId(
          `${name}-final-snapshot-suffix`,
          { byteLength: 8, keepers: finalSnapshotKeepers(identity) },
          { parent: this },
        );

    // RDS creates the export log groups itself on the first export, without a key or a retention.
    // With a known identifier they are created first, encrypted and retained like every platform log.
    const logGroups =
      settings.identifier === undefined
        ? []
        : EXPORTED_LOGS.map(
            (log) =>
              new aws.cloudwatch.LogGroup(
                `${name}-${log}-logs`,
                {
                  name: postgresLogGroupName(settings.identifier!, log),
                  retentionInDays: args.logRetentionDays,
                  kmsKeyId: args.logsKmsKeyArn,
                  tags: named(tags, `${name}-${log}`),
                },
                { parent: this },
              ),
          );

    const instance = new aws.rds.Instance(
      `${name}-instance`,
      {
        ...identity,
        engineVersion: settings.engineVersion,
        allowMajorVersionUpgrade: settings.allowMajorVersionUpgrade,
        autoMinorVersionUpgrade: settings.autoMinorVersionUpgrade,
        applyImmediately: settings.applyImmediately,
        instanceClass: settings.instanceClass,
        storageType: "gp3",
        allocatedStorage: settings.allocatedStorageGb,
        maxAllocatedStorage: settings.maxAllocatedStorageGb,
        port: POSTGRES_PORT,
        publiclyAccessible: false,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [securityGroup.id],
        parameterGroupName: parameterGroup.name,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: kmsKeyArn,
        // Set, not left to the region's default, so the server certificate's CA is a known current one.
        caCertIdentifier: DEFAULT_RDS_CA_IDENTIFIER,
        iamDatabaseAuthenticationEnabled: true,
        multiAz: settings.multiAz,
        deletionProtection: settings.deletionProtection,
        backupRetentionPeriod: settings.backupRetentionDays,
        backupWindow: settings.backupWindow,
        maintenanceWindow: settings.maintenanceWindow,
        copyTagsToSnapshot: true,
        deleteAutomatedBackups: settings.deleteAutomatedBackups,
        skipFinalSnapshot: settings.skipFinalSnapshot,
        finalSnapshotIdentifier: finalSnapshotSuffix
          ? pulumi.interpolate`${name}-final-${finalSnapshotSuffix.hex}`
          : undefined,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: kmsKeyArn,
        performanceInsightsRetentionPeriod: settings.performanceInsightsRetentionDays,
        monitoringInterval: settings.monitoringIntervalSeconds,
        monitoringRoleArn: monitoring?.role.arn,
        enabledCloudwatchLogsExports: EXPORTED_LOGS,
        tags: named(tags, `${name}-postgres`),
      },
      // The role's policy must be attached before RDS first publishes metrics with it.
      { parent: this, protect, dependsOn: [...(monitoring ? [monitoring.attachment] : []), ...logGroups] },
    );

    const topics = { ticket: args.alertTopicArn, page: args.pageTopicArn ?? args.alertTopicArn };
    this.alarmArns = this.alarms(name, settings, instance, topics, args.runbookBaseUrl, tags);
    this.eventSubscriptions(name, instance, topics, tags);
    this.endpoint = instance.endpoint;
    this.address = instance.address;
    this.port = instance.port;
    this.masterUserSecretArn = instance.masterUserSecrets.apply((secrets) => {
      const secret = secrets[0];
      if (!secret) throw new Error(`RDS returned no master user secret for ${name}`);
      return secret.secretArn;
    });
    this.securityGroupId = securityGroup.id;
    this.instanceIdentifier = instance.identifier;
    this.instanceArn = instance.arn;
    this.resourceId = instance.resourceId;
    this.parameterGroupName = parameterGroup.name;
    this.kmsKeyArn = kmsKeyArn;
    this.registerOutputs({
      endpoint: this.endpoint,
      address: this.address,
      port: this.port,
      masterUserSecretArn: this.masterUserSecretArn,
      securityGroupId: this.securityGroupId,
      instanceIdentifier: this.instanceIdentifier,
      instanceArn: this.instanceArn,
      resourceId: this.resourceId,
      parameterGroupName: this.parameterGroupName,
      kmsKeyArn: this.kmsKeyArn,
      alarmArns: this.alarmArns,
    });
  }

  /**
   * A group with no egress and one ingress rule per allowed source: 5432 from that security group,
   * never from a CIDR.
   */
  private securityGroup(name: string, args: ResolvedPostgresArgs, tags: Tags): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `PostgreSQL ${name}: port ${POSTGRES_PORT} from allowed security groups only`,
        tags: named(tags, `${name}-postgres`),
      },
      { parent: this },
    );
    for (const [source, securityGroupId] of Object.entries(args.allowedSecurityGroupIds)) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-from-${source}`,
        {
          securityGroupId: group.id,
          referencedSecurityGroupId: securityGroupId,
          ipProtocol: "tcp",
          fromPort: POSTGRES_PORT,
          toPort: POSTGRES_PORT,
          description: `PostgreSQL from ${source}`,
          tags: named(tags, `${name}-from-${source}`),
        },
        { parent: this },
      );
    }
    return group;
  }

  /**
   * The family comes from the engine's major. The name is generated from a prefix that carries the
   * family, never fixed: a major upgrade replaces the group, and Pulumi creates the new family's
   * group, moves the instance to it, and only then deletes the old one.
   */
  private parameterGroup(name: string, settings: PostgresSettings, tags: Tags): aws.rds.ParameterGroup {
    return new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: settings.parameterGroupFamily,
        namePrefix: pulumi.interpolate`${name}-${settings.parameterGroupFamily}-`,
        description: pulumi.interpolate`PostgreSQL ${settings.majorVersion} settings of ${name}: TLS only, connection and slow query logging`,
        parameters: pulumi
          .output(settings.parameters)
          .apply((parameters) =>
            parameters.map((p) => ({ name: p.name, value: p.value, applyMethod: p.applyMethod })),
          ),
        tags: named(tags, `${name}-postgres`),
      },
      { parent: this },
    );
  }

  private monitoringRole(
    name: string,
    settings: PostgresSettings,
    tags: Tags,
  ): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } | undefined {
    if (settings.monitoringIntervalSeconds === 0) return undefined;
    const account = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const role = new aws.iam.Role(
      `${name}-monitoring`,
      {
        description: `Lets RDS Enhanced Monitoring publish OS metrics of PostgreSQL ${name}`,
        assumeRolePolicy: account.accountId.apply(enhancedMonitoringTrustPolicy),
        tags,
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-monitoring-policy`,
      { role: role.name, policyArn: partition.partition.apply(enhancedMonitoringPolicyArn) },
      { parent: this },
    );
    return { role, attachment };
  }

  private alarms(
    name: string,
    settings: PostgresSettings,
    instance: aws.rds.Instance,
    topics: Topics,
    runbookBaseUrl: string,
    tags: Tags,
  ): pulumi.Output<string[]> {
    const specs = planAlarms({
      databaseName: name,
      allocatedStorageGb: settings.allocatedStorageGb,
      maxAllocatedStorageGb: settings.maxAllocatedStorageGb,
      instanceClass: settings.instanceClass,
      memoryGib: settings.memoryGib,
      maxConnections: settings.maxConnections,
      thresholds: settings.alarmThresholds,
      runbookBaseUrl,
    });
    const dimensions = { DBInstanceIdentifier: instance.identifier };
    const alarms = specs.map((spec) => {
      const topic = topics[spec.severity];
      const actions = topic === undefined ? [] : [topic];
      const metric = {
        namespace: "AWS/RDS",
        metricName: spec.metricName,
        dimensions,
        period: spec.periodSeconds,
        stat: spec.statistic,
      };
      // A Performance Insights counter is itself a metric-math query: the `m` an expression reads.
      const source =
        spec.source === "performance-insights"
          ? {
              expression: instance.resourceId.apply((id) =>
                performanceInsightsQuery(id, spec.metricName, spec.statistic),
              ),
              period: spec.periodSeconds,
            }
          : { metric };
      return new aws.cloudwatch.MetricAlarm(
        `${name}-${spec.key}`,
        {
          name:
            settings.identifier === undefined ? undefined : postgresAlarmName(settings.identifier, spec.key),
          alarmDescription: spec.description,
          ...(spec.expression
            ? {
                metricQueries: [
                  { id: "m", returnData: false, ...source },
                  { id: "e", returnData: true, ...spec.expression },
                ],
              }
            : {
                namespace: metric.namespace,
                metricName: metric.metricName,
                dimensions,
                statistic: spec.statistic,
                period: spec.periodSeconds,
              }),
          comparisonOperator: spec.comparisonOperator,
          threshold: spec.threshold,
          evaluationPeriods: spec.evaluationPeriods,
          treatMissingData: spec.treatMissingData,
          alarmActions: actions,
          okActions: actions,
          tags: named(tags, `${name}-${spec.key}`),
        },
        { parent: this },
      );
    });
    return pulumi.all(alarms.map((alarm) => alarm.arn));
  }

  /** RDS events of the instance, each category to the topic of its severity (RDS_EVENT_ROUTES). */
  private eventSubscriptions(name: string, instance: aws.rds.Instance, topics: Topics, tags: Tags): void {
    for (const route of RDS_EVENT_ROUTES) {
      const topic = topics[route.severity];
      if (topic === undefined) continue;
      new aws.rds.EventSubscription(
        `${name}-${route.severity}-events`,
        {
          snsTopic: topic,
          sourceType: "db-instance",
          sourceIds: [instance.identifier],
          eventCategories: [...route.categories],
          enabled: true,
          tags: named(tags, `${name}-${route.severity}-events`),
        },
        { parent: this },
      );
    }
  }
}

type Topics = Readonly<Record<AlertSeverity, pulumi.Input<string> | undefined>>;
