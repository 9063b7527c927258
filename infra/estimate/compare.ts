import type { CostLine } from "../cost/model";
import type { StackEstimate } from "./estimate";

export interface Delta {
  readonly base: number;
  readonly head: number;
  readonly change: number;
}

/** A line's monthly list price on one side: an amount, `"unpriced"`, or `null` when absent. */
export type Amount = number | "unpriced" | null;

export interface LineChange {
  readonly name: string;
  readonly item: string;
  readonly base: Amount;
  readonly head: Amount;
  readonly status: "added" | "removed" | "changed";
}

export interface EstimateComparison {
  readonly stack: string;
  readonly region: string;
  readonly monthly: Delta;
  readonly ceiling: Delta;
  readonly deployMinutes: Delta;
  /** Priced and unpriced lines that appear, disappear or change (sorted by name, then item). */
  readonly lines: LineChange[];
  /** Items without a price on the head side that the base did not have (a total can hide them). */
  readonly newlyUnpriced: string[];
  /** The head's critical path, when it differs from the base's. */
  readonly criticalPathChanged: boolean;
  /** Waits on the head's critical path that no ordering need explains and the base did not have. */
  readonly newFalseWaits: string[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const delta = (base: number, head: number, digits = 2): Delta => ({
  base,
  head,
  change: round(head - base, digits),
});
/** A line's identity across two synth runs: the resource's URN and what it prices, numbers aside. */
const key = (l: CostLine) => `${l.urn}\u0000${l.item.replace(/\d+(\.\d+)?/g, "#")}`;

/** What a change adds or saves, in money and minutes, between two estimates of the same stack. */
export function compareEstimates(base: StackEstimate, head: StackEstimate): EstimateComparison {
  // Unpriced lines count too: a removed NAT gateway without a price must still show.
  const billed = (lines: readonly CostLine[]) =>
    new Map(lines.filter((l) => l.status === "priced" || l.status === "unpriced").map((l) => [key(l), l]));
  const amount = (l: CostLine): Amount => (l.status === "unpriced" ? "unpriced" : l.monthly);
  const before = billed(base.cost.lines);
  const after = billed(head.cost.lines);
  const lines: LineChange[] = [];
  for (const [k, l] of after) {
    const old = before.get(k);
    if (!old) lines.push({ name: l.name, item: l.item, base: null, head: amount(l), status: "added" });
    else if (amount(old) !== amount(l) || old.item !== l.item)
      lines.push({ name: l.name, item: l.item, base: amount(old), head: amount(l), status: "changed" });
  }
  for (const [k, l] of before)
    if (!after.has(k))
      lines.push({ name: l.name, item: l.item, base: amount(l), head: null, status: "removed" });
  lines.sort((a, b) => a.name.localeCompare(b.name) || a.item.localeCompare(b.item));
  const baseUnpriced = new Set(base.cost.unpriced);
  const pathOf = (e: StackEstimate) => e.deploy.criticalPath.map((s) => s.urn).join("\n");
  const falseWaits = (e: StackEstimate) =>
    e.deploy.falseWaits.map((w) => `${w.name} waits for ${w.waitsFor}`);
  const baseFalseWaits = new Set(falseWaits(base));
  return {
    stack: head.stack,
    region: head.region,
    monthly: delta(base.cost.totals.monthly, head.cost.totals.monthly),
    ceiling: delta(base.cost.totals.ceiling, head.cost.totals.ceiling),
    deployMinutes: delta(base.deploy.minutes, head.deploy.minutes, 1),
    lines,
    newlyUnpriced: head.cost.unpriced.filter((u) => !baseUnpriced.has(u)),
    criticalPathChanged: pathOf(base) !== pathOf(head),
    newFalseWaits: falseWaits(head).filter((w) => !baseFalseWaits.has(w)),
  };
}
