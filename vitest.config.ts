import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The 1,000-article fault suite and the kill -9 crash test run on their own, one file at a
    // time (vitest.faults.config.ts); npm test runs them after this suite.
    exclude: ["test/faults/**", "**/node_modules/**"],
    // Suites that start simulators or child processes need room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
