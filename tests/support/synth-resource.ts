import { DurationTableSchema, type DurationTable } from "../../infra/deploy-time/durations";
import type { SynthResource } from "../../infra/synth/model";

/** A resource as `resources.json` records it, for hand-built graphs: `urn:<name>` unless `extra` says otherwise. */
export function synthResource(name: string, type: string, extra: Partial<SynthResource> = {}): SynthResource {
  return {
    urn: `urn:${name}`,
    type,
    name,
    parent: null,
    custom: true,
    provider: null,
    inputs: {},
    options: {},
    dependencies: [],
    ...extra,
  };
}

/** A duration table for hand-built graphs: one source `s`, a default of half a minute, these types. */
export function testDurationTable(types: Record<string, unknown>): DurationTable {
  return DurationTableSchema.parse({
    consulted: "2026-11-30",
    about: "test",
    sources: { s: { title: "t", url: "https://example.com/t", asOf: "2026-11-30" } },
    default: { minutes: 0.5, basis: "reported", source: "s" },
    types,
  });
}
