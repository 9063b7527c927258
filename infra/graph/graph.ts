import { waitsFor } from "../deploy-time/critical-path";
import type { SynthResource } from "../synth/model";

export interface GraphNode {
  readonly id: string;
  readonly urn: string;
  readonly label: string;
  readonly critical: boolean;
}
export interface GraphCluster {
  readonly id: string;
  readonly label: string;
  /** Node ids and nested cluster ids directly inside. */
  readonly nodes: string[];
  readonly clusters: GraphCluster[];
}
export interface ResourceGraph {
  readonly title: string;
  /** Resources at the top level (the stack's direct custom children). */
  readonly nodes: GraphNode[];
  readonly clusters: GraphCluster[];
  /** `from` must exist before `to`: the engine's dependency edges. */
  readonly edges: { readonly from: string; readonly to: string; readonly critical: boolean }[];
}

const shortType = (type: string) =>
  type
    .split(":")
    .slice(1)
    .join(":")
    .replace(/^index\//, "");

/**
 * The component and resource graph of a synthesized stack: components as nested clusters, custom
 * resources as nodes, the engine's dependency edges, and the critical path of a fresh `up` marked.
 * Plain data; `toDot` and `toMermaid` render it. Ids follow URN order, so output is deterministic.
 */
export function resourceGraph(
  title: string,
  resources: readonly SynthResource[],
  criticalPath: readonly string[],
): ResourceGraph {
  const sorted = [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const stack = sorted.find((r) => r.type === "pulumi:pulumi:Stack");
  const ids = new Map(sorted.map((r, i) => [r.urn, `${r.custom ? "r" : "c"}${i}`]));
  const onPath = new Set(criticalPath);
  const customUrns = new Set(sorted.filter((r) => r.custom).map((r) => r.urn));
  const nodes = new Map<string, GraphNode>();
  for (const r of sorted.filter((x) => x.custom))
    nodes.set(r.urn, {
      id: ids.get(r.urn)!,
      urn: r.urn,
      label: `${r.name}\n${shortType(r.type)}`,
      critical: onPath.has(r.urn),
    });

  const children = new Map<string, SynthResource[]>();
  for (const r of sorted) {
    if (!r.parent) continue;
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const clusterOf = (component: SynthResource): GraphCluster => {
    const kids = children.get(component.urn) ?? [];
    return {
      id: `cluster_${ids.get(component.urn)!}`,
      label: `${component.name} (${component.type})`,
      nodes: kids.filter((k) => k.custom).map((k) => ids.get(k.urn)!),
      clusters: kids.filter((k) => !k.custom).map(clusterOf),
    };
  };
  const top = sorted.filter(
    (r) => r !== stack && (r.parent === null || r.parent === stack?.urn || !ids.has(r.parent)),
  );
  const clusters = top.filter((r) => !r.custom).map(clusterOf);

  const pathIndex = new Map(criticalPath.map((urn, i) => [urn, i]));
  const edges: ResourceGraph["edges"][number][] = [];
  for (const r of sorted.filter((x) => x.custom)) {
    for (const dep of [...new Set(waitsFor(r, customUrns))].sort()) {
      const critical = pathIndex.has(dep) && pathIndex.get(r.urn) === pathIndex.get(dep)! + 1;
      edges.push({ from: ids.get(dep)!, to: ids.get(r.urn)!, critical });
    }
  }
  return {
    title,
    nodes: [...nodes.values()],
    clusters,
    edges,
  };
}

/** Which nodes are drawn at the top level (not inside any component cluster). */
function topLevel(graph: ResourceGraph): GraphNode[] {
  const inside = new Set<string>();
  const walk = (c: GraphCluster) => {
    c.nodes.forEach((n) => inside.add(n));
    c.clusters.forEach(walk);
  };
  graph.clusters.forEach(walk);
  return graph.nodes.filter((n) => !inside.has(n.id));
}

const dotString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** Graphviz DOT: components as clusters, the critical path red and bold. */
export function toDot(graph: ResourceGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const node = (n: GraphNode, indent: string) =>
    `${indent}${n.id} [label=${dotString(n.label)}${n.critical ? ', color="#c0392b", penwidth=2.5, fontcolor="#c0392b"' : ""}];`;
  const cluster = (c: GraphCluster, indent: string): string[] => [
    `${indent}subgraph ${c.id} {`,
    `${indent}  label=${dotString(c.label)}; style="rounded,dashed"; color="#7f8c8d";`,
    ...c.nodes.map((id) => node(byId.get(id)!, `${indent}  `)),
    ...c.clusters.flatMap((inner) => cluster(inner, `${indent}  `)),
    `${indent}}`,
  ];
  return [
    "digraph infra {",
    `  label=${dotString(graph.title)}; labelloc=t; rankdir=LR; fontname="Helvetica";`,
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];',
    '  edge [color="#95a5a6"];',
    ...topLevel(graph).map((n) => node(n, "  ")),
    ...graph.clusters.flatMap((c) => cluster(c, "  ")),
    ...graph.edges.map(
      (e) => `  ${e.from} -> ${e.to}${e.critical ? ' [color="#c0392b", penwidth=2.5]' : ""};`,
    ),
    "}",
    "",
  ].join("\n");
}

const mermaidText = (s: string) => `"${s.replace(/"/g, "#quot;").replace(/\n/g, "<br/>")}"`;

/** Mermaid flowchart for Markdown: components as subgraphs, the critical path highlighted. */
export function toMermaid(graph: ResourceGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const node = (n: GraphNode, indent: string) =>
    `${indent}${n.id}[${mermaidText(n.label)}]${n.critical ? ":::critical" : ""}`;
  const cluster = (c: GraphCluster, indent: string): string[] => [
    `${indent}subgraph ${c.id}[${mermaidText(c.label)}]`,
    ...c.nodes.map((id) => node(byId.get(id)!, `${indent}  `)),
    ...c.clusters.flatMap((inner) => cluster(inner, `${indent}  `)),
    `${indent}end`,
  ];
  const critical = graph.edges.flatMap((e, i) => (e.critical ? [i] : []));
  return [
    "flowchart LR",
    `  %% ${graph.title}`,
    "  classDef critical stroke:#c0392b,stroke-width:3px,color:#c0392b",
    ...topLevel(graph).map((n) => node(n, "  ")),
    ...graph.clusters.flatMap((c) => cluster(c, "  ")),
    ...graph.edges.map((e) => `  ${e.from} --> ${e.to}`),
    ...(critical.length ? [`  linkStyle ${critical.join(",")} stroke:#c0392b,stroke-width:3px`] : []),
    "",
  ].join("\n");
}
