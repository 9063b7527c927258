import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { platformDashboardBody, type DashboardTargets } from "../../../components/observability";

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: {
    title?: string;
    markdown?: string;
    region?: string;
    metrics?: unknown[][];
    alarms?: string[];
    annotations?: { horizontal: { value: number; label: string }[] };
  };
}

const full: DashboardTargets = {
  region: "eu-central-1",
  title: "prod platform",
  cluster: {
    name: "prod-eks-1a2b3c4",
    nodeGroups: [
      { name: "general", autoscalingGroupName: "eks-general-asg", maxSize: 6 },
      { name: "spot", autoscalingGroupName: "eks-spot-asg", maxSize: 10 },
    ],
  },
  database: { instanceIdentifier: "prod-db-9f8e7d6", allocatedStorageGb: 100 },
  natGatewayIds: ["nat-0aaaaaaaaaaaaaaaa", "nat-0bbbbbbbbbbbbbbbb"],
  alarmArns: ["arn:aws:cloudwatch:eu-central-1:123456789012:alarm:prod-nat-port-allocation-abc"],
};

const widgetsOf = (targets: DashboardTargets) =>
  (JSON.parse(platformDashboardBody(targets)) as { widgets: Widget[] }).widgets;
const metricWidget = (widgets: Widget[], title: string) => {
  const found = widgets.filter((w) => w.type === "metric" && w.properties.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};

describe("platform dashboard body", () => {
  const widgets = widgetsOf(full);

  it("is JSON with a time range and widgets", () => {
    const body = JSON.parse(platformDashboardBody(full)) as Record<string, unknown>;
    expect(body.start).toBe("-PT6H");
    expect(Array.isArray(body.widgets)).toBe(true);
  });

  it("charts EKS node CPU, memory and disk as average and busiest node, from Container Insights for the real cluster", () => {
    for (const [title, metric, busiest] of [
      ["Node CPU utilization (average, busiest)", "node_cpu_utilization", "busiest node"],
      ["Node memory utilization (average, busiest)", "node_memory_utilization", "busiest node"],
      ["Node filesystem utilization (average, fullest)", "node_filesystem_utilization", "busiest node"],
    ] as const) {
      expect(metricWidget(widgets, title).properties.metrics).toEqual([
        [
          "ContainerInsights",
          metric,
          "ClusterName",
          "prod-eks-1a2b3c4",
          { stat: "Average", label: "average" },
        ],
        ["ContainerInsights", metric, "ClusterName", "prod-eks-1a2b3c4", { stat: "Maximum", label: busiest }],
      ]);
    }
  });

  it("charts the database's memory, swap, IOPS and disk queue depth", () => {
    const lines = (title: string) => metricWidget(widgets, title).properties.metrics!;
    expect(lines("Memory: freeable and swap")).toEqual([
      [
        "AWS/RDS",
        "FreeableMemory",
        "DBInstanceIdentifier",
        "prod-db-9f8e7d6",
        { label: "freeable", stat: "Minimum" },
      ],
      [
        "AWS/RDS",
        "SwapUsage",
        "DBInstanceIdentifier",
        "prod-db-9f8e7d6",
        { label: "swap in use", stat: "Maximum" },
      ],
    ]);
    expect(lines("IOPS").map((m) => m[1])).toEqual(["ReadIOPS", "WriteIOPS"]);
    expect(lines("Disk queue depth (average, peak)").map((m) => (m[4] as { stat: string }).stat)).toEqual([
      "Average",
      "Maximum",
    ]);
  });

  it("counts running pods once: each node reports every minute, so the sum is divided by the period's minutes", () => {
    const [pods, running] = metricWidget(widgets, "Running pods").properties.metrics as unknown[][];
    expect(pods).toEqual([
      "ContainerInsights",
      "node_number_of_running_pods",
      "ClusterName",
      "prod-eks-1a2b3c4",
      { id: "pods", stat: "Sum", visible: false },
    ]);
    expect(running).toEqual([
      { expression: "pods / (PERIOD(pods) / 60)", label: "Running pods", id: "running" },
    ]);
  });

  it("charts each node group's desired size against its maximum", () => {
    const widget = metricWidget(widgets, "Node group size (line: max size)");
    expect(widget.properties.metrics).toEqual([
      [
        "AWS/AutoScaling",
        "GroupDesiredCapacity",
        "AutoScalingGroupName",
        "eks-general-asg",
        { label: "general" },
      ],
      ["AWS/AutoScaling", "GroupDesiredCapacity", "AutoScalingGroupName", "eks-spot-asg", { label: "spot" }],
    ]);
    expect(widget.properties.annotations!.horizontal.map((h) => h.value)).toEqual([6, 10]);
  });

  it("charts RDS CPU, connections, free storage and read/write latency for the real instance", () => {
    const rds = (title: string) =>
      metricWidget(widgets, title).properties.metrics!.map((m) => [m[0], m[1], m[2], m[3]]);
    expect(rds("CPU utilization")).toEqual([
      ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "prod-db-9f8e7d6"],
    ]);
    expect(rds("Connections")).toEqual([
      ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", "prod-db-9f8e7d6"],
    ]);
    expect(rds("Free storage")).toEqual([
      ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "prod-db-9f8e7d6"],
    ]);
    expect(rds("Read / write latency")).toEqual([
      ["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", "prod-db-9f8e7d6"],
      ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", "prod-db-9f8e7d6"],
    ]);
  });

  it("marks 10% of the allocated storage on the free storage chart, in bytes", () => {
    const line = metricWidget(widgets, "Free storage").properties.annotations!.horizontal[0]!;
    expect(line.value).toBe(100 * 1024 ** 3 * 0.1);
    expect(line.label).toBe("10% of 100 GiB");
  });

  it("charts NAT bytes, port allocation errors and dropped packets for every gateway", () => {
    const nat = (title: string) => metricWidget(widgets, title).properties.metrics!.map((m) => [m[1], m[3]]);
    expect(nat("Bytes through NAT")).toEqual([
      ["BytesOutToDestination", "nat-0aaaaaaaaaaaaaaaa"],
      ["BytesOutToDestination", "nat-0bbbbbbbbbbbbbbbb"],
      ["BytesInFromSource", "nat-0aaaaaaaaaaaaaaaa"],
      ["BytesInFromSource", "nat-0bbbbbbbbbbbbbbbb"],
    ]);
    expect(nat("Port allocation errors")).toEqual([
      ["ErrorPortAllocation", "nat-0aaaaaaaaaaaaaaaa"],
      ["ErrorPortAllocation", "nat-0bbbbbbbbbbbbbbbb"],
    ]);
    expect(nat("Dropped packets")).toEqual([
      ["PacketsDropCount", "nat-0aaaaaaaaaaaaaaaa"],
      ["PacketsDropCount", "nat-0bbbbbbbbbbbbbbbb"],
    ]);
    for (const w of widgets.filter((w) => w.type === "metric")) {
      for (const m of w.properties.metrics!) if (m[0] === "AWS/NATGateway") expect(m[2]).toBe("NatGatewayId");
    }
  });

  it("shows the alarms' state and reads every metric from the stack's region", () => {
    const alarm = widgets.find((w) => w.type === "alarm")!;
    expect(alarm.properties.alarms).toEqual(full.alarmArns);
    for (const w of widgets.filter((w) => w.type === "metric"))
      expect(w.properties.region).toBe("eu-central-1");
  });

  it("leaves out sections whose resources are not given", () => {
    const only = widgetsOf({ region: "eu-west-1", title: "dev", natGatewayIds: [], alarmArns: [] });
    expect(only.map((w) => w.type)).toEqual(["text"]);
    const dbOnly = widgetsOf({ ...full, cluster: undefined, natGatewayIds: [] });
    const namespaces = new Set(dbOnly.flatMap((w) => (w.properties.metrics ?? []).map((m) => m[0])));
    expect([...namespaces]).toEqual(["AWS/RDS"]);
  });

  it("never overlaps widgets and keeps them on the 24-column grid", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 4 }),
        (withCluster, withDatabase, nats, groups) => {
          const laid = widgetsOf({
            ...full,
            cluster: withCluster
              ? { ...full.cluster!, nodeGroups: full.cluster!.nodeGroups.slice(0, groups) }
              : undefined,
            database: withDatabase ? full.database : undefined,
            natGatewayIds: Array.from({ length: nats }, (_, i) => `nat-0${i.toString(16).padStart(16, "0")}`),
          });
          for (const w of laid) expect(w.x + w.width).toBeLessThanOrEqual(24);
          for (let i = 0; i < laid.length; i++) {
            for (let j = i + 1; j < laid.length; j++) {
              const a = laid[i]!;
              const b = laid[j]!;
              const apart =
                a.x + a.width <= b.x ||
                b.x + b.width <= a.x ||
                a.y + a.height <= b.y ||
                b.y + b.height <= a.y;
              expect(apart).toBe(true);
            }
          }
        },
      ),
    );
  });
});
