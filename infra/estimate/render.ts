import type { CostLine } from "../cost/model";
import type { EstimateComparison } from "./compare";
import type { StackEstimate } from "./estimate";

const money = (n: number | "unpriced" | null) => (n === null ? "-" : n === "unpriced" ? n : n.toFixed(2));
const signed = (n: number, digits = 2) => `${n > 0 ? "+" : n < 0 ? "-" : "±"}${Math.abs(n).toFixed(digits)}`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

/** One-line totals for the synth summary. */
export function renderTotals(e: StackEstimate): string {
  const unpriced = e.cost.unpriced.length ? ` plus ${e.cost.unpriced.length} unpriced item(s)` : "";
  return (
    `estimate: ${e.cost.totals.monthly.toFixed(2)} ${e.cost.currency}/month list price in ${e.region}${unpriced} ` +
    `(prices as of ${e.cost.priceDate}); fresh up ~${e.deploy.minutes} min`
  );
}

/** The cost table with totals and the critical path, for a terminal. */
export function renderEstimate(e: StackEstimate): string {
  const { cost, deploy } = e;
  const rows = cost.lines.filter((l) => l.status === "priced" || l.status === "unpriced");
  const nameWidth = Math.max(8, ...rows.map((l) => l.name.length));
  const itemWidth = Math.max(4, ...rows.map((l) => l.item.length));
  const head = `${pad("resource", nameWidth)}  ${pad("item", itemWidth)}  ${lpad("monthly", 9)}  ${lpad("minimum", 9)}  ${lpad("ceiling", 9)}`;
  const row = (l: CostLine) =>
    `${pad(l.name, nameWidth)}  ${pad(l.item, itemWidth)}  ${lpad(l.status === "unpriced" ? "unpriced" : money(l.monthly), 9)}  ${lpad(money(l.minimum), 9)}  ${lpad(money(l.ceiling), 9)}`;
  const out = [
    `stack ${e.stack} (${e.region}): monthly list price in ${cost.currency}, ${cost.hoursPerMonth} h a month, prices as of ${cost.priceDate}`,
    "",
    head,
    ...rows.map(row),
    `${pad("total", nameWidth + itemWidth + 2)}  ${lpad(money(cost.totals.monthly), 9)}  ${lpad(money(cost.totals.minimum), 9)}  ${lpad(money(cost.totals.ceiling), 9)}`,
  ];
  if (cost.unpriced.length)
    out.push(
      "",
      `not in the total: ${cost.unpriced.length} unpriced item(s), no verified price in ${e.region} (never counted as zero)`,
    );
  const usage = cost.lines.filter((l) => l.status === "usage");
  if (usage.length) {
    out.push("", "billed by use (rates, never guessed into the total):");
    const rates = new Map<string, number>();
    for (const l of usage) {
      const rate =
        l.rate?.price === null || l.rate === undefined
          ? "rate not in the price table"
          : `${l.rate.price} ${cost.currency} per ${l.rate.unit}`;
      const k = `${l.item}: ${rate}`;
      rates.set(k, (rates.get(k) ?? 0) + 1);
    }
    for (const [k, n] of rates) out.push(`  ${k}${n > 1 ? ` (× ${n})` : ""}`);
  }
  const free = cost.lines.filter((l) => l.status === "free");
  if (free.length) {
    out.push("", "no charge or within a free tier:");
    for (const l of free) out.push(`  ${l.name}: ${l.item}: ${l.note ?? ""}`);
  }
  if (cost.notModelled.length) out.push("", `not modelled (no price rule): ${cost.notModelled.join(", ")}`);
  out.push(
    "",
    `fresh up: ~${deploy.minutes} min along the critical path (durations as of ${deploy.durationsDate}; basis: measured, reported or assumed)`,
    ...deploy.criticalPath.map(
      (s) =>
        `  ${lpad(s.finishesAt.toFixed(1), 5)}  +${s.minutes.toFixed(1).padEnd(4)}  ${pad(s.basis, 8)}  ${s.name} (${s.type})`,
    ),
    `needed waits alone: ~${deploy.unavoidableMinutes} min (values, providers and the waits an ordering need explains)${
      deploy.falseWaits.length
        ? "; on the critical path, waits no need explains:"
        : "; every wait on the critical path is needed"
    }`,
    ...deploy.falseWaits.map((w) => `  ${w.name} waits for ${w.waitsFor}`),
  );
  return out.join("\n");
}

/** The comparison as Markdown, for a pull request comment. */
export function renderComparisonMarkdown(c: EstimateComparison): string {
  const out = [
    `#### ${c.stack} (${c.region})`,
    "",
    "| | base | head | change |",
    "| --- | ---: | ---: | ---: |",
    `| monthly list price (USD) | ${c.monthly.base.toFixed(2)} | ${c.monthly.head.toFixed(2)} | ${signed(c.monthly.change)} |`,
    `| ceiling (USD) | ${c.ceiling.base.toFixed(2)} | ${c.ceiling.head.toFixed(2)} | ${signed(c.ceiling.change)} |`,
    `| fresh up (min) | ${c.deployMinutes.base} | ${c.deployMinutes.head} | ${signed(c.deployMinutes.change, 1)} |`,
  ];
  if (c.lines.length) {
    out.push("", "| resource | item | base | head |", "| --- | --- | ---: | ---: |");
    for (const l of c.lines) out.push(`| ${l.name} | ${l.item} | ${money(l.base)} | ${money(l.head)} |`);
  }
  if (c.newlyUnpriced.length)
    out.push("", `New items without a verified price (not in the totals): ${c.newlyUnpriced.join("; ")}`);
  if (c.criticalPathChanged) out.push("", "The critical path of a fresh up changed.");
  if (c.newFalseWaits.length)
    out.push(
      "",
      `New waits on the critical path that no ordering need explains (false serialization): ${c.newFalseWaits.join("; ")}`,
    );
  return out.join("\n");
}

/** The comparison for a terminal. */
export function renderComparison(c: EstimateComparison): string {
  const out = [
    `stack ${c.stack} (${c.region}) against the other synth output:`,
    `  monthly list price  ${c.monthly.base.toFixed(2)} -> ${c.monthly.head.toFixed(2)} USD (${signed(c.monthly.change)})`,
    `  ceiling             ${c.ceiling.base.toFixed(2)} -> ${c.ceiling.head.toFixed(2)} USD (${signed(c.ceiling.change)})`,
    `  fresh up            ${c.deployMinutes.base} -> ${c.deployMinutes.head} min (${signed(c.deployMinutes.change, 1)})`,
  ];
  for (const l of c.lines)
    out.push(`  ${l.status.padEnd(7)}  ${l.name}: ${l.item}  ${money(l.base)} -> ${money(l.head)}`);
  for (const u of c.newlyUnpriced) out.push(`  unpriced ${u}`);
  if (c.criticalPathChanged) out.push("  the critical path changed");
  for (const w of c.newFalseWaits) out.push(`  false wait on the critical path: ${w}`);
  return out.join("\n");
}
