import { z } from "zod";
import table from "./prices.json";

const price = z.object({ price: z.number().positive(), unit: z.string(), source: z.string() });
const instancePrice = z.object({
  hourly: z.number().positive(),
  /** vCPUs of the type, where a source states them (needed for a Karpenter NodePool's ceiling). */
  vcpus: z.number().int().positive().optional(),
  source: z.string(),
});

export const PriceTableSchema = z
  .object({
    /** The day the sources were consulted: every estimate names it. */
    consulted: z.iso.date(),
    currency: z.literal("USD"),
    hoursPerMonth: z.number().positive(),
    about: z.string(),
    sources: z.record(z.string(), z.object({ title: z.string(), url: z.url(), asOf: z.iso.date() })),
    global: z.record(z.string(), price),
    regions: z.record(
      z.string(),
      z.object({
        ec2: z.record(z.string(), instancePrice),
        rds: z.record(z.string(), instancePrice),
        items: z.record(z.string(), price),
      }),
    ),
    unverified: z.array(z.string()),
  })
  .superRefine((t, ctx) => {
    // Every price names a source the table describes.
    const check = (path: (string | number)[], source: string) => {
      if (!(source in t.sources))
        ctx.addIssue({ code: "custom", path, message: `unknown source "${source}"` });
    };
    for (const [key, p] of Object.entries(t.global)) check(["global", key, "source"], p.source);
    for (const [region, r] of Object.entries(t.regions)) {
      for (const group of ["ec2", "rds", "items"] as const)
        for (const [key, p] of Object.entries<{ source: string }>(r[group]))
          check(["regions", region, group, key, "source"], p.source);
    }
  });

export type PriceTable = z.infer<typeof PriceTableSchema>;
export type InstancePrice = z.infer<typeof instancePrice>;

/** The dated price table shipped with the repository (`infra/cost/prices.json`). */
export const PRICES: PriceTable = PriceTableSchema.parse(table);

/** A looked-up rate, or `null` when the table has no verified price (the item is then unpriced). */
export interface Rate {
  readonly price: number;
  readonly unit: string;
  readonly source: string;
}

/** The price of `key` in `region` (regional entry first, then the region-independent one). */
export function rate(prices: PriceTable, region: string, key: string): Rate | null {
  return prices.regions[region]?.items[key] ?? prices.global[key] ?? null;
}

export function instanceRate(
  prices: PriceTable,
  region: string,
  kind: "ec2" | "rds",
  type: string,
): InstancePrice | null {
  return prices.regions[region]?.[kind][type] ?? null;
}
