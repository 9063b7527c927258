import type { LRParser } from "@lezer/lr";

// lezer-promql ships only ESM typings beside its CommonJS build, which this CommonJS module loads;
// its one export is the grammar's LRParser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require("@prometheus-io/lezer-promql") as { parser: LRParser };
import { CLOUDWATCH_AGENT_IDENTITY } from "./container-insights";
import { MONITORING_NAMESPACE } from "./kube-prometheus-stack";

/**
 * SLO selectors, read with the PromQL grammar Prometheus itself ships (lezer-promql), at validation
 * time: a selector that is really an expression (`{...} or vector(1)`) would make the SLI always
 * good, and one that reaches into every namespace (`namespace=~".+"`) or a system namespace measures
 * something else than the service; either way a real outage would page nobody. Pure.
 */

/** Namespaces of the cluster and the platform, never an SLO's service. */
export const RESERVED_NAMESPACES: readonly string[] = [
  "kube-system",
  "kube-public",
  "kube-node-lease",
  MONITORING_NAMESPACE,
  CLOUDWATCH_AGENT_IDENTITY.namespace,
];

export interface LabelMatcher {
  readonly label: string;
  /** `=`, `!=`, `=~` or `!~`. */
  readonly op: string;
  readonly value: string;
}

export type SelectorParse =
  | { readonly ok: true; readonly matchers: readonly LabelMatcher[] }
  | { readonly ok: false; readonly reason: string };

/** A PromQL string literal's value: `"a\"b"`, `'a'` or `` `a` ``. */
function unquote(literal: string): string {
  if (literal.startsWith("`")) return literal.slice(1, -1);
  if (literal.startsWith("'")) return JSON.parse(`"${literal.slice(1, -1).replace(/"/g, '\\"')}"`) as string;
  return JSON.parse(literal) as string;
}

/** Parses one vector selector (`metric{l="v",...}`), nothing more: no operator, function or range. */
export function parseSeriesSelector(text: string): SelectorParse {
  const tree = parser.parse(text);
  let error: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError && error === undefined) error = node.from;
    },
  });
  if (error !== undefined)
    return { ok: false, reason: `does not parse as PromQL (at character ${error + 1})` };
  const top = tree.topNode.firstChild;
  const expr = text.slice(top?.from ?? 0, top?.to ?? 0);
  if (top?.name !== "VectorSelector" || expr.trim() !== text.trim()) {
    return { ok: false, reason: "is a PromQL expression, not a single series selector" };
  }
  const matchers: LabelMatcher[] = [];
  const cursor = top.cursor();
  cursor.iterate((node) => {
    if (node.name !== "UnquotedLabelMatcher" && node.name !== "QuotedLabelMatcher") return undefined;
    const label = node.node.getChild("LabelName") ?? node.node.getChild("QuotedLabelName");
    const op = node.node.getChild("MatchOp");
    const value = node.node.getChild("StringLiteral");
    if (label && op && value) {
      const name = text.slice(label.from, label.to);
      matchers.push({
        label: name.startsWith('"') ? unquote(name) : name,
        op: text.slice(op.from, op.to),
        value: unquote(text.slice(value.from, value.to)),
      });
    }
    return false;
  });
  return { ok: true, matchers };
}

/**
 * Why a selector cannot be an SLO's, or undefined: it must parse as one series selector, and a
 * `namespace` matcher must name one namespace exactly (`=`), not a system one.
 */
export function sloSelectorProblem(text: string): string | undefined {
  const parsed = parseSeriesSelector(text);
  if (!parsed.ok) return parsed.reason;
  for (const { op, value } of parsed.matchers.filter((m) => m.label === "namespace")) {
    if (op !== "=")
      return `matches namespace with ${op}${JSON.stringify(value)}; an SLO measures one service, so match its namespace exactly (namespace="<name>")`;
    if (RESERVED_NAMESPACES.includes(value))
      return `selects the system namespace ${JSON.stringify(value)}; ${RESERVED_NAMESPACES.join(", ")} are reserved for the cluster and the platform`;
  }
  return undefined;
}
