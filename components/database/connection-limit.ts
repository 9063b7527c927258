/**
 * The `max_connections` RDS for PostgreSQL gives an instance when the parameter group does not set
 * it: `LEAST({DBInstanceClassMemory/9531392}, 5000)` (the default in every `postgres*` family).
 *
 * `DBInstanceClassMemory` is the class's memory minus what RDS keeps for the operating system and
 * its own processes; RDS does not publish that amount. We approximate it as the larger of 10 % of
 * the memory and 300 MiB. Against limits measured on real instances (about 80 on a 1 GiB class,
 * 190-200 on 2 GiB, 810-830 on 8 GiB) this errs low, so the connections alarm fires a little early
 * rather than too late. When `max_connections` is set explicitly, that number is used instead.
 */
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

export const BYTES_PER_DEFAULT_CONNECTION = 9_531_392;
export const DEFAULT_MAX_CONNECTIONS_CAP = 5000;
const RESERVED_FRACTION = 0.1;
const RESERVED_MINIMUM_BYTES = 300 * MIB;

/** Approximate `DBInstanceClassMemory` for a class with `memoryGib` GiB of memory, in bytes. */
export function estimatedDbInstanceClassMemoryBytes(memoryGib: number): number {
  const total = memoryGib * GIB;
  return Math.max(0, total - Math.max(total * RESERVED_FRACTION, RESERVED_MINIMUM_BYTES));
}

/** RDS's default `max_connections` for a class with `memoryGib` GiB, by the approximation above. */
export function defaultMaxConnections(memoryGib: number): number {
  const byMemory = Math.floor(estimatedDbInstanceClassMemoryBytes(memoryGib) / BYTES_PER_DEFAULT_CONNECTION);
  return Math.min(byMemory, DEFAULT_MAX_CONNECTIONS_CAP);
}

/** The connection limit the instance will have: an explicit `max_connections` wins over the default. */
export function effectiveMaxConnections(memoryGib: number, explicitMaxConnections?: number): number {
  return explicitMaxConnections ?? defaultMaxConnections(memoryGib);
}
