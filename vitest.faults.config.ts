import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: the fault-tolerance suites of issue 7 (1,000 articles through a server
 * that misbehaves, kill -9 and resume). They are timing-heavy and run one file at a time so they
 * do not compete for the CPU with each other.
 */
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: false,
  },
});
