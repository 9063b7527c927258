import { SECRET_MASK, UNKNOWN_MASK } from "../synth/model";
import type { PropertyChangeKind, StackStatus } from "./model";

/** Longest value shown in a report before it is cut (the JSON report keeps it whole). */
const MAX_VALUE_LENGTH = 160;

/** A property value for humans: masks as they are, strings quoted, the rest as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === SECRET_MASK || value === UNKNOWN_MASK) return value;
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
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
