/** What `infra graph --format` prints; apart from the command so the CLI can list them without loading it. */
export const GRAPH_FORMATS = ["svg", "mermaid", "dot"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
