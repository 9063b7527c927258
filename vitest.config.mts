import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Files share each worker's module cache: the Pulumi SDKs load once per worker instead of once
    // per file (25 s instead of 80 s). Safe because every program runs through runProgram, which
    // resets the runtime's mocks, config and stack before each run; nothing else keeps global state.
    isolate: false,
    pool: "forks",
    testTimeout: 30_000,
    // A beforeAll that synthesizes every stack can take more than the default 10 s on a loaded machine.
    hookTimeout: 30_000,
  },
});
