import { parser } from "@prometheus-io/lezer-promql";

/**
 * Syntax errors the PromQL grammar Prometheus ships (lezer-promql) finds in an expression, as
 * `offset: text` strings; empty when the expression parses.
 */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError)
        errors.push(`${node.from}: ${JSON.stringify(expr.slice(node.from, node.to + 10))}`);
    },
  });
  return errors;
}
