import { SECRET_MASK, UNKNOWN_MASK } from "../synth/model";
import { SIDES, type PropertyChange, type PropertyChangeKind, type Section, type StackStatus } from "./model";

/**
 * A property value for humans, whole: masks as they are, strings quoted, scalars as JSON, objects
 * and lists as indented JSON over several lines (never cut).
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === SECRET_MASK || value === UNKNOWN_MASK) return value;
  return JSON.stringify(value, null, 2) ?? typeof value;
}

/**
 * A property change as lines: the path and kind, then both sides, each labelled, multi-line values
 * indented under their label.
 */
export function propertyLines(p: PropertyChange, section: Section): string[] {
  const labels = [SIDES[section].old, SIDES[section].new] as const;
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  const side = (label: string, value: unknown) => {
    const [first, ...rest] = formatValue(value).split("\n");
    const head = `    ${`${label}:`.padEnd(width)} `;
    return [`${head}${first}`, ...rest.map((line) => `${" ".repeat(head.length)}${line}`)];
  };
  return [
    `${KIND_SYMBOLS[p.kind]} ${p.path} (${p.kind}${p.replace ? ", forces replacement" : ""})`,
    ...side(labels[0], p.old),
    ...side(labels[1], p.new),
  ];
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m ${Math.round((ms - minutes * 60_000) / 1000)}s`;
}

const OP_SYMBOLS: Readonly<Record<string, string>> = {
  update: "~",
  delete: "-",
  create: "+",
  replace: "+-",
  import: "=",
};

export function opSymbol(op: string): string {
  return OP_SYMBOLS[op] ?? "*";
}

/** What a drift operation means, in words. */
export function driftOpWords(op: string): string {
  if (op === "delete") return "deleted outside Pulumi";
  if (op === "create") return "exists but Pulumi does not know it";
  if (op === "update") return "changed outside Pulumi";
  return op;
}

export const KIND_SYMBOLS: Readonly<Record<PropertyChangeKind, string>> = {
  add: "+",
  delete: "-",
  update: "~",
};

export const STATUS_WORDS: Readonly<Record<StackStatus, string>> = {
  clean: "clean",
  drift: "DRIFT",
  error: "ERROR",
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
