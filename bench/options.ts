export interface BenchOptions {
  /** Runs of each measurement; medians are taken over them. */
  readonly repetitions: number;
  /** Service counts of the scaling series. */
  readonly services: readonly number[];
}

export const DEFAULT_OPTIONS: BenchOptions = { repetitions: 5, services: [1, 10, 50] };

const USAGE = "usage: npm run bench -- [--repetitions <n>] [--services <n,n,...>]";

function positive(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isInteger(n) || n < 1) {
    throw new Error(`${what} must be a whole number >= 1, got ${JSON.stringify(value)}\n${USAGE}`);
  }
  return n;
}

function counts(value: string | undefined, what: string): number[] {
  const list = (value ?? "").split(",").map((item) => positive(item, what));
  return [...new Set(list)].sort((a, b) => a - b);
}

/**
 * Reads `--repetitions <n>` and `--services <n,n,...>` (also `--flag=value`), falling back on
 * `BENCH_REPETITIONS` and `BENCH_SERVICES`, then on the defaults.
 */
export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions {
  const flags = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(repetitions|services)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    flags.set(match[1]!, match[2] ?? argv[++i]);
  }
  const setting = (flag: string, variable: string) =>
    flags.has(flag)
      ? { value: flags.get(flag) }
      : env[variable] === undefined
        ? undefined
        : { value: env[variable] };
  const repetitions = setting("repetitions", "BENCH_REPETITIONS");
  const services = setting("services", "BENCH_SERVICES");
  return {
    repetitions: repetitions ? positive(repetitions.value, "--repetitions") : DEFAULT_OPTIONS.repetitions,
    services: services ? counts(services.value, "--services") : DEFAULT_OPTIONS.services,
  };
}
