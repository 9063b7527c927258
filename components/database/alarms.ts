/**
 * The CloudWatch alarms on the instance, as plain specifications: metric, statistic, threshold and a
 * description telling whoever is paged what to check and how to fix it. Thresholds derive from the
 * instance's size (storage, memory, connection limit) so they follow the configuration.
 */
const GIB = 1024 ** 3;

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
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  cpuUtilizationPercent: 80,
  freeStoragePercent: 10,
  freeableMemoryPercent: 10,
  connectionsPercent: 80,
  readLatencyMs: 20,
  writeLatencyMs: 20,
};

export type AlarmKey =
  | "cpu-high"
  | "free-storage-low"
  | "freeable-memory-low"
  | "connections-high"
  | "read-latency-high"
  | "write-latency-high";

export interface AlarmSpec {
  /** Stable key: the alarm's logical name is `<component>-<key>`. */
  readonly key: AlarmKey;
  readonly metricName: string;
  readonly statistic: "Average" | "Minimum" | "Maximum";
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  /** In the metric's unit: percent, bytes, a count, or seconds. */
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
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

function sustained(spec: Omit<AlarmSpec, "periodSeconds" | "evaluationPeriods">): AlarmSpec {
  return { ...spec, periodSeconds: ALARM_PERIOD_SECONDS, evaluationPeriods: ALARM_EVALUATION_PERIODS };
}

/** The keys of the six alarms of one instance. */
export const POSTGRES_ALARM_KEYS = [
  "cpu-high",
  "free-storage-low",
  "freeable-memory-low",
  "connections-high",
  "read-latency-high",
  "write-latency-high",
] as const;

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

/** The six alarms of one instance, in a fixed order. */
export function planAlarms(inputs: AlarmInputs): AlarmSpec[] {
  const { databaseName: db, thresholds: t } = inputs;
  const storageBytes = freeStorageThresholdBytes(inputs.allocatedStorageGb, t.freeStoragePercent);
  const memoryBytes = freeableMemoryThresholdBytes(inputs.memoryGib, t.freeableMemoryPercent);
  const connections = connectionsThreshold(inputs.maxConnections, t.connectionsPercent);
  return [
    sustained({
      key: "cpu-high",
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuUtilizationPercent,
      description:
        `PostgreSQL ${db}: average CPU above ${t.cpuUtilizationPercent} % for 15 minutes. ` +
        "Open Database Insights (Performance Insights) for the top SQL and wait events; cancel runaway " +
        "queries (pg_cancel_backend), add the missing index, or move to a larger instanceClass.",
    }),
    sustained({
      key: "free-storage-low",
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: storageBytes,
      description:
        `PostgreSQL ${db}: free storage below ${t.freeStoragePercent} % of the ${inputs.allocatedStorageGb} GiB ` +
        `allocated (${gib(storageBytes)}) for 15 minutes. Storage autoscaling grows the volume up to ` +
        `maxAllocatedStorageGb (${inputs.maxAllocatedStorageGb} GiB), at most once every 6 hours. If it is at ` +
        "that ceiling, raise maxAllocatedStorageGb; otherwise find what grows: table bloat (vacuum), WAL kept " +
        "by an inactive replication slot (pg_replication_slots), or large temporary files.",
    }),
    sustained({
      key: "freeable-memory-low",
      metricName: "FreeableMemory",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: memoryBytes,
      description:
        `PostgreSQL ${db}: freeable memory below ${t.freeableMemoryPercent} % of the ${inputs.memoryGib} GiB of ` +
        `${inputs.instanceClass} (${gib(memoryBytes)}) for 15 minutes. Check the connection count and ` +
        "work_mem-heavy queries (sorts, hashes) in Database Insights; pool connections, lower work_mem, " +
        "or move to a class with more memory before the instance starts swapping.",
    }),
    sustained({
      key: "connections-high",
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: connections,
      description:
        `PostgreSQL ${db}: more than ${connections} connections (${t.connectionsPercent} % of the ` +
        `${inputs.maxConnections} max_connections of ${inputs.instanceClass}) for 15 minutes. New connections ` +
        "fail at the limit. Look for idle sessions in pg_stat_activity and leaking pools; put a pooler " +
        "(RDS Proxy, PgBouncer) in front, or move to a larger instanceClass.",
    }),
    sustained({
      key: "read-latency-high",
      metricName: "ReadLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: latencyThresholdSeconds(t.readLatencyMs),
      description:
        `PostgreSQL ${db}: average read latency above ${t.readLatencyMs} ms for 15 minutes. Compare ReadIOPS ` +
        "and ReadThroughput with the gp3 volume's provisioned IOPS and throughput; find the queries reading " +
        "most in Database Insights (missing index, sequential scans) or move to a class with more memory " +
        "so the working set fits in cache.",
    }),
    sustained({
      key: "write-latency-high",
      metricName: "WriteLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: latencyThresholdSeconds(t.writeLatencyMs),
      description:
        `PostgreSQL ${db}: average write latency above ${t.writeLatencyMs} ms for 15 minutes. Compare WriteIOPS ` +
        "and WriteThroughput with the gp3 volume's provisioned IOPS and throughput; look for bulk loads, " +
        "checkpoints or autovacuum storms, and spread or batch heavy writes.",
    }),
  ];
}
