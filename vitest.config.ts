import { defineConfig } from "vitest/config";

// Three projects, told apart by file name (test/README.md says which a new test belongs to):
// unit         *.test.ts              pure and fast: no server, no child process, no browser (enforced)
// integration  *.integration.test.ts  servers (in-process or spawned), Redis, the CLI as a process
// browser      *.browser.test.ts      real Chromium against a spawned server
// Timeouts only stop a hung test: on a loaded 2-core machine everything may take many times longer.
const INTEGRATION = "test/**/*.integration.test.ts";
const BROWSER = "test/**/*.browser.test.ts";

export default defineConfig({
  test: {
    // The global teardown waits up to 10 s for stray processes before failing the run.
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [INTEGRATION, BROWSER, "**/node_modules/**"],
          globalSetup: ["test/support/leftover-processes.ts"],
          setupFiles: ["test/support/unit-guard.ts"],
          // One process per worker for all its files: the shipped engine (test/support/shipped.ts) is built
          // once per worker instead of once per file.
          isolate: false,
          // Pure but heavy tests (100,000 conversations in memory.test.ts) slow down under load too.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [INTEGRATION],
          globalSetup: ["test/support/leftover-processes.ts", "test/support/build.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          expect: { poll: { timeout: 30_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: [BROWSER],
          globalSetup: ["test/support/leftover-processes.ts", "test/support/build.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          expect: { poll: { timeout: 30_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
