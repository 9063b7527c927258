import { z } from "zod";
import type { SynthResource } from "../synth/model";
import table from "./durations.json";

const estimate = z.object({
  minutes: z.number().nonnegative(),
  basis: z.enum(["measured", "reported", "assumed"]),
  source: z.string().optional(),
  note: z.string().optional(),
});
const typeEntry = estimate.extend({
  /** Overrides by a top-level input's value, e.g. `{ multiAz: { true: {...} } }`. */
  byInput: z.record(z.string(), z.record(z.string(), estimate)).optional(),
});

export const DurationTableSchema = z
  .object({
    consulted: z.iso.date(),
    about: z.string(),
    sources: z.record(z.string(), z.object({ title: z.string(), url: z.url(), asOf: z.iso.date() })),
    default: estimate,
    types: z.record(z.string(), typeEntry),
  })
  .superRefine((t, ctx) => {
    const all: z.infer<typeof estimate>[] = [t.default];
    for (const entry of Object.values(t.types)) {
      all.push(entry);
      for (const byValue of Object.values(entry.byInput ?? {})) all.push(...Object.values(byValue));
    }
    for (const e of all) {
      if (e.source && !(e.source in t.sources))
        ctx.addIssue({ code: "custom", message: `unknown source "${e.source}"` });
      if (e.basis !== "assumed" && !e.source)
        ctx.addIssue({ code: "custom", message: `a ${e.basis} duration needs a source` });
    }
  });

export type DurationTable = z.infer<typeof DurationTableSchema>;
export type DurationEstimate = z.infer<typeof estimate>;

/** Typical create durations (`infra/deploy-time/durations.json`), dated and sourced. */
export const DURATIONS: DurationTable = DurationTableSchema.parse(table);

/** Minutes a fresh create of `resource` typically takes. Components take none: they only group. */
export function createDuration(resource: SynthResource, table: DurationTable): DurationEstimate {
  if (!resource.custom) return { minutes: 0, basis: "measured", note: "component: no cloud call" };
  const entry = table.types[resource.type];
  if (!entry) return table.default;
  for (const [input, byValue] of Object.entries(entry.byInput ?? {})) {
    const override = byValue[String(resource.inputs[input])];
    if (override) return override;
  }
  const { byInput: _ignored, ...base } = entry;
  return base;
}
