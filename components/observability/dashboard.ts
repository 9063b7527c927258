/**
 * The environment's CloudWatch dashboard, built from resolved identifiers (cluster name, DB instance
 * identifier, NAT gateway ids), so every widget points at the real resources of this stack.
 */

export interface DashboardNodeGroup {
  readonly name: string;
  readonly autoscalingGroupName: string;
  readonly maxSize: number;
}

export interface DashboardTargets {
  /** Region the metrics live in. */
  readonly region: string;
  /** Short text shown at the top, e.g. the environment name. */
  readonly title: string;
  readonly cluster?: { readonly name: string; readonly nodeGroups: readonly DashboardNodeGroup[] };
  readonly database?: { readonly instanceIdentifier: string; readonly allocatedStorageGb: number };
  readonly natGatewayIds: readonly string[];
  /** Alarms shown in an alarm status widget: the platform's and the database's. */
  readonly alarmArns: readonly string[];
}

type MetricLine = (string | Record<string, unknown>)[];

interface Widget {
  readonly type: "metric" | "text" | "alarm";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const GRID_WIDTH = 24;
const WIDGET_HEIGHT = 6;
const HEADER_HEIGHT = 1;
/** How often Container Insights reports node metrics (the agent's default collection interval). */
export const CONTAINER_INSIGHTS_INTERVAL_SECONDS = 60;
/** Warn when free storage drops below this share of the allocated storage. */
export const LOW_FREE_STORAGE_RATIO = 0.1;

interface MetricPanel {
  readonly title: string;
  readonly metrics: MetricLine[];
  readonly stat: string;
  readonly yAxis?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
}

interface Section {
  readonly heading: string;
  readonly panels: MetricPanel[];
}

function clusterSection(cluster: NonNullable<DashboardTargets["cluster"]>): Section {
  const node = (metric: string): MetricLine => ["ContainerInsights", metric, "ClusterName", cluster.name];
  const percentAxis = { left: { min: 0, max: 100, label: "%", showUnits: false } };
  // USE: an average hides the one hot node that evicts pods, so each utilization shows the busiest
  // node (Maximum across the cluster's nodes) next to the average.
  const averageAndMax = (metric: string): MetricLine[] => [
    [...node(metric), { stat: "Average", label: "average" }],
    [...node(metric), { stat: "Maximum", label: "busiest node" }],
  ];
  const panels: MetricPanel[] = [
    {
      title: "Node CPU utilization (average, busiest)",
      metrics: averageAndMax("node_cpu_utilization"),
      stat: "Average",
      yAxis: percentAxis,
    },
    {
      title: "Node memory utilization (average, busiest)",
      metrics: averageAndMax("node_memory_utilization"),
      stat: "Average",
      yAxis: percentAxis,
    },
    {
      title: "Node filesystem utilization (average, fullest)",
      metrics: averageAndMax("node_filesystem_utilization"),
      stat: "Average",
      yAxis: percentAxis,
    },
    {
      // Every node reports its running pods once a minute (under ClusterName too): the sum over a
      // period counts each pod once per minute, so divide by the period's minutes, whatever period
      // the dashboard shows.
      title: "Running pods",
      metrics: [
        [...node("node_number_of_running_pods"), { id: "pods", stat: "Sum", visible: false }],
        [
          {
            expression: `pods / (PERIOD(pods) / ${CONTAINER_INSIGHTS_INTERVAL_SECONDS})`,
            label: "Running pods",
            id: "running",
          },
        ],
      ],
      stat: "Sum",
    },
  ];
  if (cluster.nodeGroups.length > 0) {
    panels.push({
      title: "Node group size (line: max size)",
      metrics: cluster.nodeGroups.map((group) => [
        "AWS/AutoScaling",
        "GroupDesiredCapacity",
        "AutoScalingGroupName",
        group.autoscalingGroupName,
        { label: group.name },
      ]),
      stat: "Maximum",
      annotations: {
        horizontal: cluster.nodeGroups.map((group) => ({ label: `${group.name} max`, value: group.maxSize })),
      },
    });
  }
  return { heading: `EKS cluster ${cluster.name}`, panels };
}

function databaseSection(database: NonNullable<DashboardTargets["database"]>): Section {
  const rds = (metric: string, options?: Record<string, unknown>): MetricLine => [
    "AWS/RDS",
    metric,
    "DBInstanceIdentifier",
    database.instanceIdentifier,
    ...(options ? [options] : []),
  ];
  const allocatedBytes = database.allocatedStorageGb * 1024 ** 3;
  return {
    heading: `RDS ${database.instanceIdentifier}`,
    panels: [
      {
        title: "CPU utilization",
        metrics: [rds("CPUUtilization")],
        stat: "Average",
        yAxis: { left: { min: 0, max: 100 } },
      },
      { title: "Connections", metrics: [rds("DatabaseConnections")], stat: "Maximum" },
      {
        title: "Free storage",
        metrics: [rds("FreeStorageSpace")],
        stat: "Minimum",
        yAxis: { left: { min: 0 } },
        annotations: {
          horizontal: [
            {
              label: `${LOW_FREE_STORAGE_RATIO * 100}% of ${database.allocatedStorageGb} GiB`,
              value: allocatedBytes * LOW_FREE_STORAGE_RATIO,
            },
          ],
        },
      },
      {
        title: "Read / write latency",
        metrics: [rds("ReadLatency", { label: "read" }), rds("WriteLatency", { label: "write" })],
        stat: "Average",
        yAxis: { left: { min: 0, label: "seconds", showUnits: false } },
      },
      {
        title: "Memory: freeable and swap",
        metrics: [
          rds("FreeableMemory", { label: "freeable", stat: "Minimum" }),
          rds("SwapUsage", { label: "swap in use", stat: "Maximum" }),
        ],
        stat: "Minimum",
        yAxis: { left: { min: 0, label: "bytes", showUnits: false } },
      },
      {
        title: "IOPS",
        metrics: [rds("ReadIOPS", { label: "read" }), rds("WriteIOPS", { label: "write" })],
        stat: "Average",
        yAxis: { left: { min: 0 } },
      },
      {
        title: "Disk queue depth (average, peak)",
        metrics: [
          rds("DiskQueueDepth", { label: "average", stat: "Average" }),
          rds("DiskQueueDepth", { label: "peak", stat: "Maximum" }),
        ],
        stat: "Average",
        yAxis: { left: { min: 0 } },
      },
    ],
  };
}

function natSection(natGatewayIds: readonly string[]): Section {
  const perGateway = (metric: string, label?: string): MetricLine[] =>
    natGatewayIds.map((id) => [
      "AWS/NATGateway",
      metric,
      "NatGatewayId",
      id,
      { label: label ? `${id} ${label}` : id },
    ]);
  return {
    heading: "NAT gateways",
    panels: [
      {
        title: "Bytes through NAT",
        metrics: [...perGateway("BytesOutToDestination", "out"), ...perGateway("BytesInFromSource", "in")],
        stat: "Sum",
      },
      { title: "Port allocation errors", metrics: perGateway("ErrorPortAllocation"), stat: "Sum" },
      { title: "Dropped packets", metrics: perGateway("PacketsDropCount"), stat: "Sum" },
    ],
  };
}

/** Lays sections out top to bottom, each a header line then its panels, as many per row as fit. */
function layout(sections: readonly Section[], targets: DashboardTargets): Widget[] {
  const widgets: Widget[] = [];
  let y = 0;
  const text = (markdown: string) => {
    widgets.push({
      type: "text",
      x: 0,
      y,
      width: GRID_WIDTH,
      height: HEADER_HEIGHT,
      properties: { markdown },
    });
    y += HEADER_HEIGHT;
  };
  text(`# ${targets.title}`);
  if (targets.alarmArns.length > 0) {
    widgets.push({
      type: "alarm",
      x: 0,
      y,
      width: GRID_WIDTH,
      height: 2,
      properties: {
        title: "Platform alarms",
        alarms: [...targets.alarmArns],
        sortBy: "stateUpdatedTimestamp",
      },
    });
    y += 2;
  }
  for (const section of sections) {
    text(`## ${section.heading}`);
    const width = section.panels.length >= 4 ? GRID_WIDTH / 4 : GRID_WIDTH / section.panels.length;
    section.panels.forEach((panel, i) => {
      const perRow = GRID_WIDTH / width;
      widgets.push({
        type: "metric",
        x: (i % perRow) * width,
        y: y + Math.floor(i / perRow) * WIDGET_HEIGHT,
        width,
        height: WIDGET_HEIGHT,
        properties: {
          title: panel.title,
          region: targets.region,
          view: "timeSeries",
          stacked: false,
          period: 300,
          stat: panel.stat,
          metrics: panel.metrics,
          ...(panel.yAxis ? { yAxis: panel.yAxis } : {}),
          ...(panel.annotations ? { annotations: panel.annotations } : {}),
        },
      });
    });
    y += Math.ceil(section.panels.length / (GRID_WIDTH / width)) * WIDGET_HEIGHT;
  }
  return widgets;
}

/** The dashboard body JSON (`aws.cloudwatch.Dashboard.dashboardBody`) for the given resources. */
export function platformDashboardBody(targets: DashboardTargets): string {
  const sections: Section[] = [];
  if (targets.cluster) sections.push(clusterSection(targets.cluster));
  if (targets.database) sections.push(databaseSection(targets.database));
  if (targets.natGatewayIds.length > 0) sections.push(natSection(targets.natGatewayIds));
  return JSON.stringify({ start: "-PT6H", periodOverride: "inherit", widgets: layout(sections, targets) });
}
