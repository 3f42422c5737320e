import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.ts";

const FIXTURES = "test/fixtures/knowledge";

describe("cli validate as a process", () => {
  it("runs through npm run cli and exits non-zero on a broken folder", async () => {
    const run = await runCli(["validate", "--dir", `${FIXTURES}/broken`]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(
      `${FIXTURES}/broken/topics/results-onset.yaml:16:1: error: YAML syntax error`,
    );
  });

  it("exits 0 on the shipped pack and prints its summary", async () => {
    const run = await runCli(["validate"]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^knowledge: \d+ topics, \d+ sources, .* — 0 errors, \d+ warnings?$/m);
  });
});
