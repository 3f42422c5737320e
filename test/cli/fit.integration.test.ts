import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FOLLOW_UP_EASINGS, NEXT_TOPIC_WEIGHTS } from "../../src/dialog/follow-up-fit.ts";
import { runCli } from "../support/cli-process.ts";

const work = mkdtempSync(join(tmpdir(), "faq-fit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the shipped pack whose dev set is `lines`. */
function packWith(name: string, lines: object[]): string {
  const dir = join(work, name);
  cpSync("knowledge/microneedling", dir, { recursive: true });
  writeFileSync(join(dir, "dev.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  return dir;
}

const conversation = (id: string, first: string) => ({
  id,
  turns: [first, "is that safe tho"],
  expect: ["at-home", "at-home"],
});

describe("cli fit --follow-ups-only as a process", () => {
  it("refits only the follow-up easing and table from the dev set's conversations, keeping the calibration", async () => {
    const dir = packWith("pack", [
      conversation("c1", "can i do microneedling at home with a derma roller"),
      conversation("c2", "is a home dermaroller as good as going to a clinic"),
      conversation("c3", "thinking of buying a microneedling pen to use myself"),
    ]);
    const before = parse(readFileSync(join(dir, "calibration.yaml"), "utf8"));
    const run = await runCli(["fit", dir, "--follow-ups-only"], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /follow-ups read alone as another topic: \d+ .* \(3 stayed with the last topic, 0 moved\)/,
    );
    expect(run.stdout).toMatch(/follow-up easing: [\d.]+ \(later turns right, out of fold, of 3: /);
    expect(run.stdout).toMatch(/next-topic weight: [\d.]+ \(later turns right, out of fold, of 3: /);
    const after = parse(readFileSync(join(dir, "calibration.yaml"), "utf8"));
    const { followUpEasing, nextTopicWeight, ...kept } = after.thresholds;
    const { followUpEasing: _, nextTopicWeight: __, ...keptBefore } = before.thresholds;
    expect(kept).toEqual(keptBefore);
    expect(FOLLOW_UP_EASINGS).toContain(followUpEasing);
    expect(NEXT_TOPIC_WEIGHTS).toContain(nextTopicWeight);
    expect(after.ranker).toEqual(before.ranker);
    const entry = after.followUps.find((c: { after: string; asked: string }) => c.after === "at-home");
    expect(entry.asked).toBe("safety");
    expect(entry.stays.reduce((a: number, b: number) => a + b, 0)).toBe(3);
  }, 150_000);

  it("refuses a pack without a fitted calibration, naming the file", async () => {
    const dir = packWith("bare", [conversation("c1", "can i do microneedling at home with a derma roller")]);
    rmSync(join(dir, "calibration.yaml"));
    const run = await runCli(["fit", dir, "--follow-ups-only"], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`--follow-ups-only needs a fitted ${join(dir, "calibration.yaml")}`);
  }, 90_000);
});
