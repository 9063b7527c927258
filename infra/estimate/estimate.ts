import { estimateCost, type CostEstimate } from "../cost/model";
import { PRICES, type PriceTable } from "../cost/prices";
import { estimateDeploy, type DeployEstimate } from "../deploy-time/critical-path";
import { DURATIONS, type DurationTable } from "../deploy-time/durations";
import type { SynthResource } from "../synth/model";

/** What a stack costs a month and how long its first `up` takes: `estimate.json`. */
export interface StackEstimate {
  readonly stack: string;
  readonly region: string;
  readonly cost: CostEstimate;
  readonly deploy: DeployEstimate;
}

export interface EstimateTables {
  readonly prices: PriceTable;
  readonly durations: DurationTable;
}

export const DEFAULT_TABLES: EstimateTables = { prices: PRICES, durations: DURATIONS };

/** Both estimates of a synthesized stack. Pure: the same resources and tables give the same answer. */
export function estimateStack(
  stack: string,
  region: string,
  resources: readonly SynthResource[],
  tables: EstimateTables = DEFAULT_TABLES,
): StackEstimate {
  return {
    stack,
    region,
    cost: estimateCost(resources, { region, prices: tables.prices }),
    deploy: estimateDeploy(resources, tables.durations),
  };
}
