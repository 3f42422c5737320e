import { defineConfig } from "vitest/config";

// Two projects: fast unit and HTTP tests, and browser end-to-end tests (real Chromium) with long timeouts.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // Building an engine takes seconds on a loaded 2-core machine: wait, but say what was awaited.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          exclude: ["test/e2e/**", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
