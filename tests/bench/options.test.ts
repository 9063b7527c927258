import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, parseOptions } from "../../bench/options";

describe("parseOptions", () => {
  it("defaults to 5 repetitions and 1, 10 and 50 services", () => {
    expect(parseOptions([], {})).toEqual({ repetitions: 5, services: [1, 10, 50] });
    expect(DEFAULT_OPTIONS.repetitions).toBe(5);
  });

  it("reads both flag forms", () => {
    expect(parseOptions(["--repetitions", "3", "--services=2,20"], {})).toEqual({
      repetitions: 3,
      services: [2, 20],
    });
  });

  it("falls back on BENCH_REPETITIONS and BENCH_SERVICES, flags winning", () => {
    const env = { BENCH_REPETITIONS: "7", BENCH_SERVICES: "4" };
    expect(parseOptions([], env)).toEqual({ repetitions: 7, services: [4] });
    expect(parseOptions(["--repetitions", "2"], env)).toEqual({ repetitions: 2, services: [4] });
  });

  it("sorts service counts and drops repeats", () => {
    expect(parseOptions(["--services", "50,1,10,10"], {}).services).toEqual([1, 10, 50]);
  });

  it.each([
    [["--repetitions", "0"], '--repetitions must be a whole number >= 1, got "0"'],
    [["--repetitions"], "--repetitions must be a whole number >= 1, got undefined"],
    [["--repetitions", "2.5"], "--repetitions must be a whole number >= 1"],
    [["--services", "1,,5"], '--services must be a whole number >= 1, got ""'],
    [["--fast"], 'unknown argument "--fast"'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseOptions(argv, {})).toThrow(message);
  });

  it("rejects a bad environment value too", () => {
    expect(() => parseOptions([], { BENCH_REPETITIONS: "many" })).toThrow(
      "--repetitions must be a whole number",
    );
  });
});
