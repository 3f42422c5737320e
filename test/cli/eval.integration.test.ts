import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { followUpsBySet, setOf } from "../../src/cli/eval.ts";
import type { TurnOutcome } from "../../src/dialog/labelled-set.ts";
import { runCli } from "../support/cli-process.ts";

const dir = mkdtempSync(join(tmpdir(), "faq-eval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli eval", () => {
  it("reports follow-ups per set, so a newer writer's set is not hidden by older ones", async () => {
    const file = join(dir, "two-sets.jsonl");
    const lines = [
      {
        id: "qa1-1",
        turns: ["what does microneedling cost at your clinic roughly", "and how many goes would i need"],
        expect: ["cost", "number-of-sessions"],
      },
      {
        id: "qa2-1",
        turns: ["is microneedling safe for darker skin", "what about sessions, how many?"],
        expect: ["skin-types", "number-of-sessions"],
      },
      {
        id: "qb1-1",
        turns: ["how long till i see results from microneedling", "and does it hurt"],
        expect: ["results-onset", "pain"],
      },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const run = await runCli(["eval", file], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const block = run.stdout.split("follow-ups by set (id prefix):\n")[1]?.split("\n\n")[0] ?? "";
    expect(block.split("\n").map((l) => l.trim().split(/\s+/)[0])).toEqual(["qa", "qb"]);
    expect(block).toMatch(/qa\s+\S+ \(\d\/2\)/);
    expect(block).toMatch(/qb\s+\S+ \(\d\/1\)/);
  }, 150_000);
});

describe("setOf", () => {
  it.each([
    ["br1-12", "br"],
    ["dev-003", "dev"],
    ["K2-7", "K"],
    ["plain", "plain"],
  ])("reads the set of %s as %s", (id, set) => expect(setOf(id)).toBe(set));

  it("leaves out sets without follow-ups", () => {
    const turn = (id: string, t: number): TurnOutcome =>
      ({
        id,
        turn: t,
        ok: true,
        expected: ["cost"],
        category: undefined,
        reply: { kind: "answer" },
      }) as unknown as TurnOutcome;
    expect(followUpsBySet([turn("a1-1", 0), turn("b1-1", 0), turn("b1-1", 1)])).toEqual([["b", [1, 1]]]);
  });
});
