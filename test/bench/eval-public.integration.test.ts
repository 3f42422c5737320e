import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SET = "braun-webapps";
const BENCHMARKS = "../shared/benchmarks";

function evalPublic(...args: string[]) {
  const run = spawnSync("npm", ["run", "--silent", "eval:public", "--", ...args], {
    encoding: "utf8",
    timeout: 180_000,
  });
  if (run.error) throw new Error(`eval:public did not finish: ${run.error.message}`);
  return run;
}

describe("npm run eval:public", () => {
  it("imports a public set, answers its test split through the engine and reports it as JSON", () => {
    const run = evalPublic("--only", SET, "--no-fit", "--json");
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const data = JSON.parse(readFileSync(`${BENCHMARKS}/${SET}.json`, "utf8")) as {
      entries: unknown[];
      test: Array<{ expect: string | null }>;
    };
    expect(report.sets).toHaveLength(1);
    const [result] = report.sets;
    expect(result.set).toBe(SET);
    expect(result.fit).toBe("none: --no-fit");
    expect(result.entries).toBe(data.entries.length);
    expect(result.test).toEqual({
      inScope: data.test.filter((q) => q.expect !== null).length,
      outOfScope: data.test.filter((q) => q.expect === null).length,
    });
    expect(result.overall.total).toBe(data.test.length);
    for (const measure of ["inScope", "oosRejection", "overall", "top1"])
      expect(result[measure].rate).toBeGreaterThanOrEqual(0);
    expect(result.latency.medianMs).toBeGreaterThan(0);
    expect(result.peers.map((p: { tool: string }) => p.tool)).toContain("nlp.js 4.27");
  }, 200_000);

  it("says so when no data set has the name asked for", () => {
    const run = evalPublic("--only", "no-such-set");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no data set");
  }, 200_000);
});
