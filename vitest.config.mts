import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Each file gets its own module graph, so every file's Pulumi mocks and config stay its own.
    isolate: true,
    pool: "forks",
    testTimeout: 30_000,
  },
});
