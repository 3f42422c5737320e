import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.ts";

describe("cli ask --explain as a process", () => {
  it("shows the reading, every component of the candidates, the semantic neighbours and the deciding guard", async () => {
    const run = await runCli(["ask", "--explain", "does microneedling hurt much?"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}corrected: /m);
    expect(run.stdout).toMatch(
      /^ {2}candidates: confidence, rank — bayes \/ tfidf \/ bm25 \/ semanticNearest/m,
    );
    expect(run.stdout).toMatch(/^ {4}pain +\d\.\d{3}, \d\.\d{3} — /m);
    expect(run.stdout).toMatch(/^ {2}nearest in meaning:\n {4}\d\.\d{3} pain: /m);
    expect(run.stdout).toMatch(/^ {2}decided by: rank: confidence \d\.\d{2} ≥ \d\.\d{2}$/m);
  });
  it("shows how the labelled urgent reports ranked the message and that the urgent guard acted on it", async () => {
    const run = await runCli([
      "ask",
      "--explain",
      "greenish stuff leaking from where they needled my cheeks since yesterday",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}decided by: urgent: ranked as urgent above every topic/m);
    expect(run.stdout).toMatch(
      /^ {2}urgent reports \(confidence, rank\): \d\.\d{3}, \d\.\d{3} — acted on only/m,
    );
  });
});
