import type { SynthResource } from "../synth/model";
import { createDuration, type DurationEstimate, type DurationTable } from "./durations";
import { neededWaits } from "./needs";

/** A step of a fresh `up`: what it waits for (ids of other steps) and how long it takes itself. */
export interface Step {
  readonly id: string;
  readonly minutes: number;
  readonly waitsFor: readonly string[];
}

export interface LongestPath {
  /** Minutes until the last step finishes when everything starts as soon as it may. */
  readonly minutes: number;
  /** The steps of the longest chain, first to last. */
  readonly path: string[];
  /** Earliest finish of every step, in minutes from the start. */
  readonly finish: ReadonlyMap<string, number>;
}

/**
 * The longest weighted path through a dependency graph: the engine starts a step as soon as every
 * step it waits for is done, so the chain with the largest sum of durations is the wall-clock time.
 * Ties go to the smaller id, so the answer is deterministic. Waits on unknown ids are ignored.
 */
export function longestPath(steps: readonly Step[]): LongestPath {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const done = finish.get(id);
    if (done !== undefined) return done;
    if (visiting.has(id)) throw new Error(`dependency cycle through ${id}`);
    visiting.add(id);
    const step = byId.get(id)!;
    let start = 0;
    let before: string | null = null;
    for (const dep of [...new Set(step.waitsFor)].filter((d) => byId.has(d) && d !== id).sort()) {
      const end = visit(dep);
      if (end > start) {
        start = end;
        before = dep;
      }
    }
    visiting.delete(id);
    finish.set(id, start + step.minutes);
    via.set(id, before);
    return start + step.minutes;
  };
  let last: string | null = null;
  let total = 0;
  for (const id of [...byId.keys()].sort()) {
    const end = visit(id);
    if (last === null || end > total) {
      total = end;
      last = id;
    }
  }
  const path: string[] = [];
  for (let at = last; at !== null; at = via.get(at) ?? null) path.unshift(at);
  return { minutes: total, path, finish };
}

export interface PathStep {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  readonly minutes: number;
  readonly basis: DurationEstimate["basis"];
  /** Minutes from the start of the `up` when this step finishes. */
  readonly finishesAt: number;
}

/** A wait on the critical path that no ordering need explains (`infra/deploy-time/needs.ts`). */
export interface FalseWait {
  /** The step that waits. */
  readonly name: string;
  /** What it waits for without needing it. */
  readonly waitsFor: string;
}

export interface DeployEstimate {
  /** Estimated minutes of a fresh `up` (the critical path). */
  readonly minutes: number;
  /**
   * Minutes of the longest chain of needed waits alone: values the inputs carry, providers, and the
   * explicit waits an ordering need explains. More than this in `minutes` is false serialization.
   */
  readonly unavoidableMinutes: number;
  /** Steps of the critical path that wait for the step before them without needing it. */
  readonly falseWaits: FalseWait[];
  readonly durationsDate: string;
  readonly criticalPath: PathStep[];
  /** Resource types priced at the table's default duration (not in the table). */
  readonly defaulted: string[];
}

/**
 * What the engine waits for before creating `resource`: every dependency edge it recorded, its
 * explicit provider (a provider is configured only once its own inputs are known) and a custom
 * parent.
 */
export function waitsFor(resource: SynthResource, custom: ReadonlySet<string>): string[] {
  const edges = [...resource.dependencies];
  if (resource.provider) edges.push(resource.provider);
  if (resource.parent && custom.has(resource.parent)) edges.push(resource.parent);
  return edges.filter((urn) => custom.has(urn));
}

/** The fresh-`up` estimate of a synthesized stack: its critical path through the real dependency edges. */
export function estimateDeploy(resources: readonly SynthResource[], table: DurationTable): DeployEstimate {
  const customResources = resources.filter((r) => r.custom);
  const custom = new Set(customResources.map((r) => r.urn));
  const durations = new Map(customResources.map((r) => [r.urn, createDuration(r, table)]));
  const result = longestPath(
    customResources.map((r) => ({
      id: r.urn,
      minutes: durations.get(r.urn)!.minutes,
      waitsFor: waitsFor(r, custom),
    })),
  );
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const needed = new Map(customResources.map((r) => [r.urn, neededWaits(r, byUrn)]));
  const unavoidable = longestPath(
    customResources.map((r) => ({
      id: r.urn,
      minutes: durations.get(r.urn)!.minutes,
      waitsFor: needed.get(r.urn)!,
    })),
  );
  const falseWaits = result.path.flatMap((urn, i) => {
    const before = result.path[i - 1];
    if (before === undefined) return [];
    // A provider's explicit waits are needed or not by what uses it: the next step.
    const next = result.path[i + 1];
    const judge = byUrn.get(urn)!.type.startsWith("pulumi:providers:") && next !== undefined ? next : urn;
    return needed.get(judge)!.includes(before)
      ? []
      : [{ name: byUrn.get(urn)!.name, waitsFor: byUrn.get(before)!.name }];
  });
  return {
    minutes: Math.round(result.minutes * 10) / 10,
    unavoidableMinutes: Math.round(unavoidable.minutes * 10) / 10,
    falseWaits,
    durationsDate: table.consulted,
    criticalPath: result.path.map((urn) => {
      const r = byUrn.get(urn)!;
      const d = durations.get(urn)!;
      return {
        urn,
        name: r.name,
        type: r.type,
        minutes: d.minutes,
        basis: d.basis,
        finishesAt: Math.round(result.finish.get(urn)! * 10) / 10,
      };
    }),
    defaulted: [
      ...new Set(customResources.filter((r) => !(r.type in table.types)).map((r) => r.type)),
    ].sort(),
  };
}
