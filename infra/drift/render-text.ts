import type { DriftError } from "./errors";
import { driftOpWords, formatDuration, opSymbol, plural, propertyLines, STATUS_WORDS } from "./format";
import type { DriftReport, ResourceChange, Section, StackReport, SuppressedChange } from "./model";

/** The report for a terminal or a CI log. */
export function renderText(report: DriftReport): string {
  const lines: string[] = [];
  const { totals } = report;
  lines.push(
    `infra drift: ${plural(totals.stacks, "stack")} checked in ${formatDuration(report.durationMs)}: ` +
      `${totals.drifted} with drift, ${totals.errored} failed, ${totals.clean} clean` +
      ` (pulumi ${report.pulumiVersion ?? "not available"})`,
  );
  for (const stack of report.stacks) lines.push(`  ${summaryLine(stack)}`);
  const said = new Map<string, string>();
  for (const stack of report.stacks) lines.push("", ...stackSection(stack, said));
  return `${lines.join("\n")}\n`;
}

function summaryLine(stack: StackReport): string {
  const counts =
    stack.status === "error" && stack.drift === null
      ? `${stack.error?.kind ?? "failed"}, see below`
      : `${stack.error ? `${stack.error.kind}, see below; ` : ""}${plural(stack.drift?.length ?? 0, "resource")} drifted, ` +
        `${stack.pending === null ? "pending changes unknown" : plural(stack.pending.length, "pending change")}, ` +
        `${stack.suppressed.length} suppressed`;
  return `${stack.stack}: ${STATUS_WORDS[stack.status]} (${counts}) in ${formatDuration(stack.durationMs)}`;
}

/** `said`: error messages already printed, and for which stack (one shared error is said once). */
function stackSection(stack: StackReport, said: Map<string, string>): string[] {
  const lines = [
    `== stack ${stack.stack}: ${STATUS_WORDS[stack.status]} (${formatDuration(stack.durationMs)})`,
  ];
  if (stack.error) {
    const first = said.get(stack.error.message);
    if (first) lines.push(`error (${stack.error.kind}): the same as for stack ${first}`);
    else lines.push(...errorLines(stack.error));
    said.set(stack.error.message, first ?? stack.stack);
  }
  if (stack.drift !== null) {
    lines.push(
      stack.drift.length
        ? `drift, changed outside Pulumi (${plural(stack.drift.length, "resource")}):`
        : "drift, changed outside Pulumi: none",
    );
    for (const change of stack.drift) lines.push(...changeLines(change, driftOpWords(change.op), "drift"));
  }
  if (stack.pending !== null) {
    lines.push(
      stack.pending.length
        ? `pending changes, in the code but not deployed (${plural(stack.pending.length, "resource")}):`
        : "pending changes, in the code but not deployed: none",
    );
    for (const change of stack.pending) lines.push(...changeLines(change, change.op, "pending"));
  }
  if (stack.suppressed.length) {
    lines.push(`suppressed as known noise (${stack.suppressed.length}):`);
    for (const item of stack.suppressed) lines.push(suppressedLine(item));
  }
  if (stack.ignore.length) lines.push(`ignore patterns: ${stack.ignore.join(", ")}`);
  return lines;
}

function changeLines(change: ResourceChange, words: string, section: Section): string[] {
  const lines = [`  ${opSymbol(change.op)} ${change.type} ${change.name}: ${words}`, `      ${change.urn}`];
  for (const p of change.properties) lines.push(...propertyLines(p, section).map((line) => `      ${line}`));
  return lines;
}

function suppressedLine(item: SuppressedChange): string {
  const name = item.urn.split("::").slice(3).join("::");
  return `  - [${item.section}] ${item.type} ${name} ${item.path} (${item.kind}): ${item.rule}: ${item.reason}`;
}

function errorLines(error: DriftError): string[] {
  const lines = [`error (${error.kind}): ${error.message}`, `  what to do: ${error.hint}`];
  if (error.command)
    lines.push(`  command: ${error.command}${error.exitCode !== null ? ` (exit ${error.exitCode})` : ""}`);
  for (const detail of error.details) lines.push(`  pulumi: ${detail}`);
  return lines;
}
