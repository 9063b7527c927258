import type { DriftError } from "./errors";
import { driftOpWords, formatDuration, plural, propertyLines, STATUS_WORDS } from "./format";
import type { DriftReport, ResourceChange, Section, StackReport, SuppressedChange } from "./model";

/** The report for a GitHub job summary, PR comment or issue body. */
export function renderMarkdown(report: DriftReport): string {
  const { totals } = report;
  const out: string[] = [
    "# Drift report",
    "",
    `${plural(totals.stacks, "stack")} checked in ${formatDuration(report.durationMs)} with pulumi ` +
      `${report.pulumiVersion ?? "(not available)"}, started ${report.startedAt}: ` +
      `**${totals.drifted} with drift, ${totals.errored} failed, ${totals.clean} clean** (exit code ${report.exitCode}).`,
    "",
    "| stack | status | drifted resources | pending changes | suppressed noise | time |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...report.stacks.map(
      (s) =>
        `| ${code(s.stack)} | ${STATUS_WORDS[s.status]} | ${s.drift?.length ?? "-"} | ${s.pending?.length ?? "-"} | ` +
        `${s.suppressed.length} | ${formatDuration(s.durationMs)} |`,
    ),
  ];
  const said = new Map<string, string>();
  for (const stack of report.stacks) out.push("", ...stackSection(stack, said));
  return `${out.join("\n")}\n`;
}

/** `said`: error messages already shown, and for which stack (one shared error is shown once). */
function stackSection(stack: StackReport, said: Map<string, string>): string[] {
  const out = [`## Stack ${code(stack.stack)}: ${STATUS_WORDS[stack.status]}`];
  if (stack.error) {
    const first = said.get(stack.error.message);
    if (first) out.push("", `**Error (${stack.error.kind}):** the same as for stack ${code(first)}.`);
    else out.push("", ...errorBlock(stack.error));
    said.set(stack.error.message, first ?? stack.stack);
  }
  if (stack.drift !== null) {
    out.push("", "### Drift (changed outside Pulumi)", "");
    if (stack.drift.length === 0) out.push("None.");
    for (const change of stack.drift) out.push(...changeBlock(change, driftOpWords(change.op), "drift"));
  }
  if (stack.pending !== null) {
    out.push("", "### Pending changes (in the code, not deployed)", "");
    if (stack.pending.length === 0) out.push("None.");
    for (const change of stack.pending) out.push(...changeBlock(change, change.op, "pending"));
  }
  if (stack.suppressed.length) out.push("", ...suppressedBlock(stack.suppressed));
  if (stack.ignore.length) out.push("", `Ignore patterns: ${stack.ignore.map(code).join(", ")}`);
  return out;
}

/** A resource's changes as a code block: both sides of each property, values whole. */
function changeBlock(change: ResourceChange, words: string, section: Section): string[] {
  const out = [
    "",
    `#### ${code(change.type)} ${code(change.name)}: ${words}`,
    "",
    `URN: ${code(change.urn)}`,
  ];
  if (change.properties.length) {
    const lines = change.properties.flatMap((p) => propertyLines(p, section));
    const longest = Math.max(2, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
    const fence = "`".repeat(longest + 1);
    out.push("", `${fence}text`, ...lines, fence);
  }
  return out;
}

function suppressedBlock(items: readonly SuppressedChange[]): string[] {
  return [
    `<details><summary>Suppressed as known noise (${items.length})</summary>`,
    "",
    "| section | resource | property | rule | why |",
    "| --- | --- | --- | --- | --- |",
    ...items.map(
      (i) =>
        `| ${i.section} | ${code(i.urn.split("::").slice(3).join("::"))} | ${code(i.path)} | ${i.rule} | ${escapeCell(i.reason)} |`,
    ),
    "",
    "</details>",
  ];
}

function errorBlock(error: DriftError): string[] {
  const out = [
    `**Error (${error.kind}):** ${escapeCell(error.message)}`,
    "",
    `What to do: ${escapeCell(error.hint)}`,
  ];
  if (error.command)
    out.push(
      "",
      `Command: ${code(error.command)}${error.exitCode !== null ? ` (exit ${error.exitCode})` : ""}`,
    );
  if (error.details.length)
    out.push("", "```text", ...error.details.map((d) => d.replace(/```/g, "'''")), "```");
  return out;
}

/** Inline code that survives a table cell: pipes escaped, backticks fenced with longer runs. */
function code(text: string): string {
  const flat = escapeCell(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}

function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
