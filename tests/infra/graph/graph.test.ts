import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../infra/graph/command";
import { resourceGraph, toDot, toMermaid } from "../../../infra/graph/graph";
import type { SynthResource } from "../../../infra/synth/model";
import { synthResource } from "../../support/synth-resource";

const STACK = "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev";
const res = (name: string, type: string, extra: Partial<SynthResource> = {}) =>
  synthResource(name, type, { urn: `urn:pulumi:dev::infra::${type}::${name}`, parent: STACK, ...extra });
const stack = res("infra-dev", "pulumi:pulumi:Stack", { urn: STACK, parent: null, custom: false });
const network = res("dev", "infra:network:Network", { custom: false });
const vpc = res("dev-vpc", "aws:ec2/vpc:Vpc", { parent: network.urn });
const subnet = res("dev-private-a", "aws:ec2/subnet:Subnet", {
  parent: network.urn,
  dependencies: [vpc.urn],
});
const database = res("dev", "infra:database:Postgres", { custom: false });
const db = res("dev-db", "aws:rds/instance:Instance", { parent: database.urn, dependencies: [subnet.urn] });
const alarm = res("dev-db-cpu", "aws:cloudwatch/metricAlarm:MetricAlarm", {
  parent: database.urn,
  dependencies: [db.urn],
});
const group = res("dev-resources", "aws:resourcegroups/group:Group");
const resources = [stack, network, vpc, subnet, database, db, alarm, group];
const graph = resourceGraph("dev", resources, [vpc.urn, subnet.urn, db.urn]);

describe("resourceGraph", () => {
  it("draws components as clusters around their resources and the rest at the top level", () => {
    expect(graph.clusters.map((c) => c.label)).toEqual([
      "dev (infra:database:Postgres)",
      "dev (infra:network:Network)",
    ]);
    expect(graph.clusters[1]!.nodes).toHaveLength(2);
    expect(graph.nodes.map((n) => n.label.split("\n")[0])).toContain("dev-resources");
    expect(graph.nodes).toHaveLength(5);
  });

  it("marks the critical path's resources and only the edges between consecutive steps", () => {
    expect(graph.nodes.filter((n) => n.critical).map((n) => n.urn)).toEqual(
      [subnet.urn, vpc.urn, db.urn].sort(),
    );
    const id = (urn: string) => graph.nodes.find((n) => n.urn === urn)!.id;
    expect(graph.edges.filter((e) => e.critical)).toEqual(
      [
        { from: id(vpc.urn), to: id(subnet.urn), critical: true },
        { from: id(subnet.urn), to: id(db.urn), critical: true },
      ].sort((a, b) => a.to.localeCompare(b.to)),
    );
    expect(graph.edges.find((e) => e.to === id(alarm.urn))?.critical).toBe(false);
  });

  it("renders Mermaid with subgraphs, a critical class and the critical links styled", () => {
    const mermaid = toMermaid(graph);
    expect(mermaid.startsWith("flowchart LR\n")).toBe(true);
    expect(mermaid).toMatch(/subgraph cluster_c\d+\["dev \(infra:network:Network\)"\]/);
    expect(mermaid).toContain(":::critical");
    const links = mermaid.split("\n").filter((l) => l.includes("-->"));
    const styled = /linkStyle ([\d,]+) /.exec(mermaid)![1]!.split(",").map(Number);
    expect(styled.map((i) => links[i]!.trim())).toEqual(
      graph.edges.filter((e) => e.critical).map((e) => `${e.from} --> ${e.to}`),
    );
  });

  it("renders an SVG with Graphviz, the critical path in red", async () => {
    const svg = await renderSvg(graph);
    expect(svg).toContain("<svg");
    expect(svg).toContain("dev&#45;db"); // Graphviz escapes the hyphen
    // Three critical nodes and two critical edges carry the highlight colour.
    expect(svg.match(/stroke="#c0392b"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(toDot(graph)).toContain("subgraph cluster_");
  });
});
