import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Tests and the example import the package by name (`@platform/infra`, `@platform/infra/testing`):
// each entry of package.json's `exports` map resolves to the source file it is built from, and
// nothing else does (tests/package/exports.test.ts keeps tsconfig.json's `paths` the same).
const manifest = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as {
  name: string;
  exports: Record<string, string | { default: string }>;
};
const packageSources = Object.entries(manifest.exports).flatMap(([subpath, target]) => {
  const built = typeof target === "string" ? target : target.default;
  const match = /^\.\/dist\/(.+)\.js$/.exec(built);
  return match ? [{ specifier: manifest.name + subpath.slice(1), source: `./${match[1]}.ts` }] : [];
});

export default defineConfig({
  resolve: {
    alias: packageSources.map(({ specifier, source }) => ({
      find: new RegExp(`^${specifier.replace(/[/.]/g, "\\$&")}$`),
      replacement: new URL(source, import.meta.url).pathname,
    })),
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Files share each worker's module cache: the Pulumi SDKs load once per worker instead of once
    // per file (25 s instead of 80 s). Safe because every program runs through runProgram, which
    // resets the runtime's mocks, config and stack before each run; nothing else keeps global state.
    isolate: false,
    pool: "forks",
    // One worker per core (Vitest's default leaves one core idle): the suite is CPU-bound, and the
    // tests that wait on a child process (the CLI, promtool) leave room. 85 s -> 77 s on 2 cores.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    // A beforeAll that synthesizes every stack can take more than the default 10 s on a loaded machine.
    hookTimeout: 30_000,
  },
});
