import type { CostLine } from "../cost/model";
import type { StackEstimate } from "./estimate";

export interface Delta {
  readonly base: number;
  readonly head: number;
  readonly change: number;
}

export interface LineChange {
  readonly name: string;
  readonly item: string;
  /** Monthly list price before and after; `null` when absent or not priced on that side. */
  readonly base: number | null;
  readonly head: number | null;
  readonly status: "added" | "removed" | "changed";
}

export interface EstimateComparison {
  readonly stack: string;
  readonly region: string;
  readonly monthly: Delta;
  readonly ceiling: Delta;
  readonly deployMinutes: Delta;
  /** Priced lines that appear, disappear or change price (sorted by name, then item). */
  readonly lines: LineChange[];
  /** Items without a price on the head side that the base did not have (a total can hide them). */
  readonly newlyUnpriced: string[];
  /** The head's critical path, when it differs from the base's. */
  readonly criticalPathChanged: boolean;
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
  const priced = (lines: readonly CostLine[]) =>
    new Map(lines.filter((l) => l.status === "priced").map((l) => [key(l), l]));
  const before = priced(base.cost.lines);
  const after = priced(head.cost.lines);
  const lines: LineChange[] = [];
  for (const [k, l] of after) {
    const old = before.get(k);
    if (!old) lines.push({ name: l.name, item: l.item, base: null, head: l.monthly, status: "added" });
    else if (old.monthly !== l.monthly || old.item !== l.item)
      lines.push({ name: l.name, item: l.item, base: old.monthly, head: l.monthly, status: "changed" });
  }
  for (const [k, l] of before)
    if (!after.has(k))
      lines.push({ name: l.name, item: l.item, base: l.monthly, head: null, status: "removed" });
  lines.sort((a, b) => a.name.localeCompare(b.name) || a.item.localeCompare(b.item));
  const baseUnpriced = new Set(base.cost.unpriced);
  const pathOf = (e: StackEstimate) => e.deploy.criticalPath.map((s) => s.urn).join("\n");
  return {
    stack: head.stack,
    region: head.region,
    monthly: delta(base.cost.totals.monthly, head.cost.totals.monthly),
    ceiling: delta(base.cost.totals.ceiling, head.cost.totals.ceiling),
    deployMinutes: delta(base.deploy.minutes, head.deploy.minutes, 1),
    lines,
    newlyUnpriced: head.cost.unpriced.filter((u) => !baseUnpriced.has(u)),
    criticalPathChanged: pathOf(base) !== pathOf(head),
  };
}
