import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../exit-codes";
import { estimateStack } from "../estimate/estimate";
import { type Io, isUserError } from "../synth/command";
import { ProjectError } from "../synth/project";
import { synthesize } from "../synth/synth";
import { GRAPH_FORMATS, type GraphFormat } from "./formats";
import { resourceGraph, toDot, toMermaid, type ResourceGraph } from "./graph";

export interface GraphCommandOptions {
  readonly stack: string;
  readonly cwd: string;
  /** Write `<out>/<stack>/graph.svg` and `graph.mmd`. @default "out" */
  readonly out?: string;
  /** Print one format to stdout instead of writing files. */
  readonly format?: string;
}

/** SVG rendered by Graphviz (the @viz-js/viz WebAssembly build: no system Graphviz needed). */
export async function renderSvg(graph: ResourceGraph): Promise<string> {
  // An ES module: loaded with import(), which the CommonJS build keeps as a real dynamic import.
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(toDot(graph), { format: "svg", engine: "dot" });
}

/** `infra graph`: the stack's component and resource graph, critical path of a fresh up highlighted. */
export async function graphCommand(options: GraphCommandOptions, io: Io): Promise<number> {
  try {
    if (options.format !== undefined && !(GRAPH_FORMATS as readonly string[]).includes(options.format))
      throw new ProjectError(
        `--format: "${options.format}" is not a format; use one of ${GRAPH_FORMATS.join(", ")}`,
      );
    const result = await synthesize({ cwd: options.cwd, stack: options.stack });
    const estimate = estimateStack(result.stack, result.region, result.resources);
    const title = `${result.stack}: fresh up ~${estimate.deploy.minutes} min (critical path in red)`;
    const graph = resourceGraph(
      title,
      result.resources,
      estimate.deploy.criticalPath.map((s) => s.urn),
    );
    const format = options.format as GraphFormat | undefined;
    if (format) {
      io.out(format === "svg" ? await renderSvg(graph) : format === "dot" ? toDot(graph) : toMermaid(graph));
      return EXIT.ok;
    }
    const dir = join(options.out ?? "out", result.stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "graph.svg"), await renderSvg(graph));
    writeFileSync(join(dir, "graph.mmd"), toMermaid(graph));
    io.out(
      `wrote ${dir}/{graph.svg,graph.mmd}: ${graph.nodes.length} resources, ${graph.edges.length} dependency edges; ${title}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    if (isUserError(err)) {
      io.err(`infra graph: ${err.message}\n`);
      return EXIT.error;
    }
    throw err;
  }
}
