/**
 * The CloudWatch alarms on the instance, as plain specifications: metric, statistic, threshold and a
 * description telling whoever is paged what to check and how to fix it. Thresholds derive from the
 * instance's size (storage, memory, connection limit) so they follow the configuration.
 */
import { runbookUrl, type AlertSeverity } from "../core";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Every alarm evaluates five-minute periods; three in a row make the 15 minutes the alarms speak of. */
export const ALARM_PERIOD_SECONDS = 300;
export const ALARM_EVALUATION_PERIODS = 3;
/** CloudWatch rejects longer alarm descriptions. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

export interface AlarmThresholds {
  /** Average CPU above this for 15 minutes alarms, in percent. @default 80 */
  readonly cpuUtilizationPercent: number;
  /** Free storage below this share of the allocated storage alarms, in percent. @default 10 */
  readonly freeStoragePercent: number;
  /** Freeable memory below this share of the class's memory alarms, in percent. @default 10 */
  readonly freeableMemoryPercent: number;
  /** Connections above this share of `max_connections` alarm, in percent. @default 80 */
  readonly connectionsPercent: number;
  /** Average read latency above this for 15 minutes alarms, in milliseconds. @default 20 */
  readonly readLatencyMs: number;
  /** Average write latency above this for 15 minutes alarms, in milliseconds. @default 20 */
  readonly writeLatencyMs: number;
  /** Pages when the last 15 minutes' growth would fill the free storage within this many hours. @default 6 */
  readonly storageHoursToFull: number;
  /** Transaction IDs used (age of the oldest unfrozen transaction) above this open a ticket. @default 1000000000 */
  readonly maximumUsedTransactionIds: number;
  /** WAL kept by replication slots above this share of the allocated storage opens a ticket, in percent. @default 10 */
  readonly replicationSlotDiskPercent: number;
  /** Transaction logs (WAL) above this share of the allocated storage open a ticket, in percent. @default 10 */
  readonly transactionLogsDiskPercent: number;
  /** Swap in use above this many MiB for 15 minutes opens a ticket. @default 256 */
  readonly swapUsageMib: number;
  /** Average outstanding I/Os above this for 15 minutes open a ticket. @default 20 */
  readonly diskQueueDepth: number;
  /** EBS burst byte balance below this for 15 minutes opens a ticket, in percent. @default 20 */
  readonly ebsByteBalancePercent: number;
  /** CPU credits below this for 15 minutes open a ticket (burstable `db.t*` classes only). @default 20 */
  readonly cpuCreditBalance: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  cpuUtilizationPercent: 80,
  freeStoragePercent: 10,
  freeableMemoryPercent: 10,
  connectionsPercent: 80,
  readLatencyMs: 20,
  writeLatencyMs: 20,
  // Storage autoscaling may wait 6 hours after a previous modification before it grows the volume
  // again; a disk that fills sooner than that needs a person.
  storageHoursToFull: 6,
  // Wraparound protection stops writes near 2^31 (about 2.1 billion); a ticket at 1 billion leaves
  // weeks at most workloads' rates to find what blocks vacuum.
  maximumUsedTransactionIds: 1_000_000_000,
  replicationSlotDiskPercent: 10,
  transactionLogsDiskPercent: 10,
  swapUsageMib: 256,
  diskQueueDepth: 20,
  ebsByteBalancePercent: 20,
  cpuCreditBalance: 20,
};

/**
 * Transaction IDs used above this page: PostgreSQL refuses writes about 3 million short of 2^31, and
 * at 1.5 billion only about 600 million are left for an emergency vacuum.
 */
export const TRANSACTION_ID_PAGE_THRESHOLD = 1_500_000_000;

/** What the hours-to-full expression returns while storage is not shrinking: a year, far above any threshold. */
export const NOT_FILLING_HOURS = 8760;

export type AlarmKey =
  | "cpu-high"
  | "free-storage-low"
  | "freeable-memory-low"
  | "connections-high"
  | "read-latency-high"
  | "write-latency-high"
  | "metrics-missing"
  | "storage-hours-to-full"
  | "transaction-ids-high"
  | "transaction-ids-critical"
  | "replication-slot-disk-high"
  | "transaction-logs-disk-high"
  | "swap-high"
  | "disk-queue-depth-high"
  | "ebs-byte-balance-low"
  | "cpu-credits-low";

/** How an alarm treats periods without data (CloudWatch's `treatMissingData`). */
export type MissingData = "breaching" | "notBreaching" | "missing";

export interface AlarmSpec {
  /** Stable key: the alarm's logical name is `<component>-<key>`. */
  readonly key: AlarmKey;
  /** Which topic the alarm notifies: `page` or `ticket`. */
  readonly severity: AlertSeverity;
  readonly metricName: string;
  readonly statistic: "Average" | "Minimum" | "Maximum" | "SampleCount";
  /**
   * A metric-math expression over the metric (`m`), when the alarm watches a derived series instead
   * of the metric itself.
   */
  readonly expression?: { readonly expression: string; readonly label: string };
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  /** In the metric's (or expression's) unit: percent, bytes, a count, hours, or seconds. */
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: MissingData;
  /** Runbook slug under the runbook base URL; the description ends with the full link. */
  readonly runbook: string;
  readonly description: string;
}

/** What the thresholds are computed from. */
export interface AlarmInputs {
  /** The component's name, so a paged engineer knows which database. */
  readonly databaseName: string;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  readonly instanceClass: string;
  readonly memoryGib: number;
  readonly maxConnections: number;
  readonly thresholds: AlarmThresholds;
  readonly runbookBaseUrl: string;
}

/** `percent` % of `allocatedStorageGb` GiB, in bytes (FreeStorageSpace is reported in bytes). */
export function freeStorageThresholdBytes(allocatedStorageGb: number, percent: number): number {
  return Math.floor((allocatedStorageGb * GIB * percent) / 100);
}

/** `percent` % of the class's memory, in bytes (FreeableMemory is reported in bytes). */
export function freeableMemoryThresholdBytes(memoryGib: number, percent: number): number {
  return Math.floor((memoryGib * GIB * percent) / 100);
}

/** `percent` % of the connection limit, rounded down, never below one connection. */
export function connectionsThreshold(maxConnections: number, percent: number): number {
  return Math.max(1, Math.floor((maxConnections * percent) / 100));
}

/** ReadLatency and WriteLatency are reported in seconds. */
export function latencyThresholdSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

function gib(bytes: number): string {
  return `${Math.round((bytes / GIB) * 10) / 10} GiB`;
}

/** SwapUsage is reported in bytes. */
export function swapThresholdBytes(mebibytes: number): number {
  return mebibytes * MIB;
}

/** Burstable classes (`db.t3.*`, `db.t4g.*`) earn and spend CPU credits; only they report CPUCreditBalance. */
export function isBurstableClass(instanceClass: string): boolean {
  return /^db\.t\d/.test(instanceClass);
}

/**
 * Hours until the free storage reaches zero at the rate it shrank over the last period, as a
 * CloudWatch metric-math expression over FreeStorageSpace (`m`, bytes). RATE gives bytes per second
 * between the last two datapoints; while free storage grows or stays flat (including the jump when
 * storage autoscaling adds space) the expression returns NOT_FILLING_HOURS.
 */
export function hoursToFullExpression(metricId = "m"): string {
  return `IF(RATE(${metricId}) < 0, ${metricId} / (-RATE(${metricId}) * 3600), ${NOT_FILLING_HOURS})`;
}

type Planned = Omit<AlarmSpec, "periodSeconds" | "evaluationPeriods" | "description"> & {
  readonly description: string;
};

/** The five-minute period, sustained for three periods (the 15 minutes the descriptions speak of). */
function sustained(spec: Planned, runbookBaseUrl: string): AlarmSpec {
  return {
    ...spec,
    periodSeconds: ALARM_PERIOD_SECONDS,
    evaluationPeriods: ALARM_EVALUATION_PERIODS,
    description: `${spec.description} Runbook: ${runbookUrl(runbookBaseUrl, spec.runbook)}`,
  };
}

/** The keys of every alarm an instance can have, in plan order (cpu-credits-low only on burstable classes). */
export const POSTGRES_ALARM_KEYS = [
  "cpu-high",
  "free-storage-low",
  "freeable-memory-low",
  "connections-high",
  "read-latency-high",
  "write-latency-high",
  "metrics-missing",
  "storage-hours-to-full",
  "transaction-ids-high",
  "transaction-ids-critical",
  "replication-slot-disk-high",
  "transaction-logs-disk-high",
  "swap-high",
  "disk-queue-depth-high",
  "ebs-byte-balance-low",
  "cpu-credits-low",
] as const satisfies readonly AlarmKey[];

/** The keys of the alarms an instance of this class has. */
export function postgresAlarmKeys(instanceClass: string): AlarmKey[] {
  return POSTGRES_ALARM_KEYS.filter((key) => key !== "cpu-credits-low" || isBurstableClass(instanceClass));
}

/**
 * The CloudWatch name of an instance's alarm, fixed from the instance identifier so that a dashboard
 * created before the database can show it.
 */
export function postgresAlarmName(identifier: string, key: string): string {
  return `${identifier}-${key}`;
}

/** The RDS for PostgreSQL log group of one exported log type (RDS names it; the component creates it first). */
export function postgresLogGroupName(identifier: string, log: string): string {
  return `/aws/rds/instance/${identifier}/${log}`;
}

/**
 * The alarms of one instance, in the order of POSTGRES_ALARM_KEYS.
 *
 * Missing data: `metrics-missing` treats it as breaching, because an instance that reports no CPU
 * samples for 15 minutes is down, stopped or deleted, and that pages. Every threshold alarm keeps
 * `missing` (its state holds through a gap): the same silence would otherwise flip all of them at
 * once, and one page for it is enough. `ebs-byte-balance-low` and `cpu-credits-low` use
 * `notBreaching`, because classes with dedicated EBS bandwidth report no EBSByteBalance% at all.
 */
export function planAlarms(inputs: AlarmInputs): AlarmSpec[] {
  const { databaseName: db, thresholds: t } = inputs;
  const storageBytes = freeStorageThresholdBytes(inputs.allocatedStorageGb, t.freeStoragePercent);
  const memoryBytes = freeableMemoryThresholdBytes(inputs.memoryGib, t.freeableMemoryPercent);
  const connections = connectionsThreshold(inputs.maxConnections, t.connectionsPercent);
  // Shares of the initial allocation, the smallest the volume ever is: these alarms err early.
  const slotBytes = freeStorageThresholdBytes(inputs.allocatedStorageGb, t.replicationSlotDiskPercent);
  const walBytes = freeStorageThresholdBytes(inputs.allocatedStorageGb, t.transactionLogsDiskPercent);
  const plan = (spec: Planned) => sustained(spec, inputs.runbookBaseUrl);
  const transactionIds = (key: AlarmKey, severity: AlertSeverity, threshold: number) =>
    plan({
      key,
      severity,
      runbook: "postgres-transaction-id-wraparound",
      metricName: "MaximumUsedTransactionIDs",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: more than ${threshold.toLocaleString("en-US")} transaction IDs in use; writes stop ` +
        "near 2.1 billion (wraparound protection). Find what holds back the oldest xmin: long transactions " +
        "and idle-in-transaction sessions (pg_stat_activity), abandoned replication slots or prepared " +
        "transactions; then VACUUM FREEZE the oldest tables (age(relfrozenxid)).",
    });
  const alarms: AlarmSpec[] = [
    plan({
      key: "cpu-high",
      severity: "ticket",
      runbook: "postgres-cpu-high",
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuUtilizationPercent,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: average CPU above ${t.cpuUtilizationPercent} % for 15 minutes. ` +
        "Open Database Insights (Performance Insights) for the top SQL and wait events; cancel runaway " +
        "queries (pg_cancel_backend), add the missing index, or move to a larger instanceClass.",
    }),
    plan({
      key: "free-storage-low",
      severity: "page",
      runbook: "postgres-storage-full",
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: storageBytes,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: free storage below ${t.freeStoragePercent} % of the ${inputs.allocatedStorageGb} GiB ` +
        `allocated (${gib(storageBytes)}) for 15 minutes. Storage autoscaling grows the volume up to ` +
        `maxAllocatedStorageGb (${inputs.maxAllocatedStorageGb} GiB), at most once every 6 hours. If it is at ` +
        "that ceiling, raise maxAllocatedStorageGb; otherwise find what grows: table bloat (vacuum), WAL kept " +
        "by an inactive replication slot (pg_replication_slots), or large temporary files.",
    }),
    plan({
      key: "freeable-memory-low",
      severity: "ticket",
      runbook: "postgres-memory-low",
      metricName: "FreeableMemory",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: memoryBytes,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: freeable memory below ${t.freeableMemoryPercent} % of the ${inputs.memoryGib} GiB of ` +
        `${inputs.instanceClass} (${gib(memoryBytes)}) for 15 minutes. Check the connection count and ` +
        "work_mem-heavy queries (sorts, hashes) in Database Insights; pool connections, lower work_mem, " +
        "or move to a class with more memory before the instance starts swapping.",
    }),
    plan({
      key: "connections-high",
      severity: "ticket",
      runbook: "postgres-connections-high",
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: connections,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: more than ${connections} connections (${t.connectionsPercent} % of the ` +
        `${inputs.maxConnections} max_connections of ${inputs.instanceClass}) for 15 minutes. New connections ` +
        "fail at the limit. Look for idle sessions in pg_stat_activity and leaking pools; put a pooler " +
        "(RDS Proxy, PgBouncer) in front, or move to a larger instanceClass.",
    }),
    plan({
      key: "read-latency-high",
      severity: "ticket",
      runbook: "postgres-io-latency",
      metricName: "ReadLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: latencyThresholdSeconds(t.readLatencyMs),
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: average read latency above ${t.readLatencyMs} ms for 15 minutes. Compare ReadIOPS ` +
        "and ReadThroughput with the gp3 volume's provisioned IOPS and throughput; find the queries reading " +
        "most in Database Insights (missing index, sequential scans) or move to a class with more memory " +
        "so the working set fits in cache.",
    }),
    plan({
      key: "write-latency-high",
      severity: "ticket",
      runbook: "postgres-io-latency",
      metricName: "WriteLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: latencyThresholdSeconds(t.writeLatencyMs),
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: average write latency above ${t.writeLatencyMs} ms for 15 minutes. Compare WriteIOPS ` +
        "and WriteThroughput with the gp3 volume's provisioned IOPS and throughput; look for bulk loads, " +
        "checkpoints or autovacuum storms, and spread or batch heavy writes.",
    }),
    plan({
      key: "metrics-missing",
      severity: "page",
      runbook: "postgres-metrics-missing",
      metricName: "CPUUtilization",
      statistic: "SampleCount",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "breaching",
      description:
        `PostgreSQL ${db}: no CPU samples for 15 minutes. A running instance reports every minute, so it is ` +
        "stopped, failed, being replaced or deleted. Check the instance status and the RDS events of the last " +
        "hour; if it was stopped by hand, start it (a stopped instance starts by itself after 7 days).",
    }),
    plan({
      key: "storage-hours-to-full",
      severity: "page",
      runbook: "postgres-storage-full",
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      expression: { expression: hoursToFullExpression(), label: "Hours until storage is full" },
      comparisonOperator: "LessThanThreshold",
      threshold: t.storageHoursToFull,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: at the rate free storage shrank, the volume is full within ${t.storageHoursToFull} ` +
        "hours, and has been for 15 minutes; storage autoscaling may not grow it in time (it waits 6 hours " +
        `between changes and stops at maxAllocatedStorageGb, ${inputs.maxAllocatedStorageGb} GiB). Find what ` +
        "writes: temporary files of a runaway query, WAL kept by a replication slot, a bulk load; raise " +
        "maxAllocatedStorageGb or grow allocatedStorageGb now.",
    }),
    transactionIds("transaction-ids-high", "ticket", t.maximumUsedTransactionIds),
    transactionIds("transaction-ids-critical", "page", TRANSACTION_ID_PAGE_THRESHOLD),
    plan({
      key: "replication-slot-disk-high",
      severity: "ticket",
      runbook: "postgres-replication-slot-disk",
      metricName: "ReplicationSlotDiskUsage",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: slotBytes,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: replication slots keep more than ${gib(slotBytes)} of WAL (${t.replicationSlotDiskPercent} % ` +
        "of the allocated storage). A consumer (logical replication, CDC, a replica) stopped reading; find it " +
        "in pg_replication_slots (active = false) and restart or drop the slot before the disk fills.",
    }),
    plan({
      key: "transaction-logs-disk-high",
      severity: "ticket",
      runbook: "postgres-transaction-logs-disk",
      metricName: "TransactionLogsDiskUsage",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: walBytes,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: WAL takes more than ${gib(walBytes)} (${t.transactionLogsDiskPercent} % of the ` +
        "allocated storage). Check replication slots, failing WAL archiving and long checkpoints " +
        "(max_wal_size); a write burst that keeps it high needs more storage.",
    }),
    plan({
      key: "swap-high",
      severity: "ticket",
      runbook: "postgres-memory-low",
      metricName: "SwapUsage",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: swapThresholdBytes(t.swapUsageMib),
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: more than ${t.swapUsageMib} MiB of swap in use for 15 minutes: memory is short and ` +
        "queries slow down. Lower shared_buffers or work_mem overrides, pool connections, or move to a class " +
        "with more memory.",
    }),
    plan({
      key: "disk-queue-depth-high",
      severity: "ticket",
      runbook: "postgres-io-latency",
      metricName: "DiskQueueDepth",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.diskQueueDepth,
      treatMissingData: "missing",
      description:
        `PostgreSQL ${db}: more than ${t.diskQueueDepth} I/Os waiting for the volume on average for 15 minutes. ` +
        "Compare ReadIOPS + WriteIOPS with the gp3 volume's provisioned IOPS; find the heaviest readers and " +
        "writers in Database Insights, or provision more IOPS.",
    }),
    plan({
      key: "ebs-byte-balance-low",
      severity: "ticket",
      runbook: "postgres-io-latency",
      metricName: "EBSByteBalance%",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: t.ebsByteBalancePercent,
      treatMissingData: "notBreaching",
      description:
        `PostgreSQL ${db}: the instance's EBS burst bandwidth balance is below ${t.ebsByteBalancePercent} % for ` +
        "15 minutes; at zero, throughput drops to the class's baseline. Reduce sustained I/O or move to a " +
        "class with more baseline EBS bandwidth.",
    }),
  ];
  if (isBurstableClass(inputs.instanceClass)) {
    alarms.push(
      plan({
        key: "cpu-credits-low",
        severity: "ticket",
        runbook: "postgres-cpu-credits",
        metricName: "CPUCreditBalance",
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: t.cpuCreditBalance,
        treatMissingData: "notBreaching",
        description:
          `PostgreSQL ${db}: fewer than ${t.cpuCreditBalance} CPU credits left on the burstable ` +
          `${inputs.instanceClass} for 15 minutes; the instance bursts at extra cost (unlimited mode) or is ` +
          "held to its baseline CPU. Move to a non-burstable class if the load is steady.",
      }),
    );
  }
  return alarms;
}

/**
 * RDS event categories of a DB instance and who hears about them. Failover, failure and low storage
 * (which includes storage-full and autoscaling stuck at maxAllocatedStorageGb) page; maintenance,
 * notification (pending updates, storage autoscaling applied) and configuration changes open a
 * ticket. The other categories (backup, creation, deletion, restoration, ...) are the result of
 * someone's own action.
 */
export const RDS_EVENT_ROUTES: readonly {
  readonly severity: AlertSeverity;
  readonly categories: readonly string[];
}[] = [
  { severity: "page", categories: ["failover", "failure", "low storage"] },
  { severity: "ticket", categories: ["maintenance", "notification", "configuration change"] },
];
