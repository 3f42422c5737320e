import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.ts";

const LOG = "test/fixtures/learning/unanswered.jsonl";
const FEEDBACK = "test/fixtures/learning/feedback.jsonl";
/** The real CLI in a child process: exit code, stdout and stderr. */
const cli = (...args: string[]) => runCli(["unanswered", ...args]);

const dir = mkdtempSync(join(tmpdir(), "faqbot-cli-unanswered-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli unanswered", () => {
  it("groups similar questions by frequency with an example, the nearest topic and the unhelpful answers", async () => {
    const { code, stdout, stderr } = await cli("--log", LOG, "--feedback", FEEDBACK);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Unanswered questions in ${LOG}: 8 in 4 groups`);
    const lines = stdout.split("\n");
    // The three wordings about pregnancy are one group of 4, listed first, with a topic near it.
    const first = lines.findIndex((l) => /^\s+\d+× /.test(l));
    expect(lines[first]).toMatch(/^\s+4× "can I get microneedling while pregnant\?"$/);
    expect(lines[first + 1]).toMatch(/nearest topic: [a-z-]+ \([01]\.\d\d\) · fallback 3 · clarify 1/);
    expect(lines[first + 2]).toContain(
      'also: "is microneedling ok when pregnant", "microneedling pregnant safe?"',
    );
    expect(lines[first + 3]).toMatch(/^\s+2× "do you do gift vouchers"$/);
    expect(stdout).toMatch(/low-confidence 1/);
    // Thumbs down beside them: most down first, with up votes and the share.
    expect(stdout).toMatch(/results-duration\s+2\s+1\s+67%/);
    expect(stdout).toMatch(/cost\s+1\s+0\s+100%/);
    expect(stdout).not.toMatch(/^\s+pain\s/m);
    // Malformed lines are reported with their line numbers and skipped.
    expect(stderr).toContain(`${LOG}:5: skipped: not valid JSON`);
    expect(stderr).toContain(`${LOG}:9: skipped: no valid "time"`);
    expect(stderr).toContain(`${FEEDBACK}:6: skipped`);
  });

  it("prints the same report as JSON with --json", async () => {
    const { code, stdout } = await cli("--log", LOG, "--feedback", FEEDBACK, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.total).toBe(8);
    expect(report.clusters.map((c: { count: number }) => c.count)).toEqual([4, 2, 1, 1]);
    expect(report.clusters[0]).toMatchObject({
      example: "can I get microneedling while pregnant?",
      messages: [{ text: "can I get microneedling while pregnant?", count: 2 }, {}, {}],
      kinds: { fallback: 3, clarify: 1 },
      channels: { web: 2, sms: 1, teams: 1 },
      nearest: { topic: expect.any(String), confidence: expect.any(Number) },
    });
    expect(report.unhelpful).toEqual([
      { topic: "results-duration", down: 2, up: 1, share: 2 / 3 },
      { topic: "cost", down: 1, up: 0, share: 1 },
    ]);
    expect(report.skipped).toEqual([
      { file: LOG, line: 5, reason: "not valid JSON" },
      { file: LOG, line: 9, reason: 'no valid "time"' },
      { file: FEEDBACK, line: 6, reason: 'no "helpful" true or false' },
    ]);
  });

  it("keeps only recent entries with --since (days, hours, minutes)", async () => {
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const entry = (time: string, text: string) =>
      JSON.stringify({ time, channel: "web", kind: "fallback", topic: null, confidence: 0.1, text });
    const file = join(dir, "recent.jsonl");
    writeFileSync(
      file,
      [
        entry(ago(10 * 60_000), "ten minutes ago"),
        entry(ago(2 * 3_600_000), "two hours ago"),
        entry(ago(3 * 86_400_000), "three days ago"),
        entry(ago(30 * 86_400_000), "a month ago"),
      ].join("\n"),
    );
    const total = async (since: string) =>
      JSON.parse(
        (await cli("--log", file, "--feedback", join(dir, "none.jsonl"), "--since", since, "--json")).stdout,
      ).total;
    expect(await total("7d")).toBe(3);
    expect(await total("24h")).toBe(2);
    expect(await total("30m")).toBe(1);
  });

  it("says so kindly when the log is missing or empty", async () => {
    const missing = await cli("--log", join(dir, "nope.jsonl"), "--feedback", join(dir, "nope-either.jsonl"));
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain("No unanswered questions yet");
    expect(missing.stdout).toContain("No feedback yet");
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const result = await cli("--log", empty, "--feedback", empty, "--since", "7d");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`No unanswered questions in ${empty} in the last 7d`);
    expect(result.stdout).toContain(`No answers marked unhelpful in ${empty}`);
  });

  it("refuses a --since it cannot read, with usage", async () => {
    const result = await cli("--since", "a week");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--since takes a number and a unit");
  });
});
