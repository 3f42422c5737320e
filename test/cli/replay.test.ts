import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPLY_KINDS } from "../../src/reply.ts";
import { CONTRACT_KEYS, contractKeysOf } from "../support/shipped.ts";

function replay(input: string) {
  return spawnSync("npx", ["tsx", "src/cli/main.ts", "replay"], {
    input,
    encoding: "utf8",
    timeout: 240_000,
  });
}

describe("cli replay", () => {
  it("answers conversations of the dev set, one JSON line each, in order", () => {
    // Every 8th conversation: single messages and multi-turn ones, without replaying the whole set.
    const lines = readFileSync("knowledge/microneedling/dev.jsonl", "utf8")
      .trim()
      .split("\n")
      .filter((_, i) => i % 8 === 0);
    const run = replay(`${lines.join("\n")}\n`);
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    for (const [i, line] of lines.entries()) {
      const input = JSON.parse(line) as { id: string; turns: string[] };
      expect(out[i].id).toBe(input.id);
      expect(out[i].replies).toHaveLength(input.turns.length);
      for (const reply of out[i].replies) {
        expect(contractKeysOf(reply)).toEqual(CONTRACT_KEYS);
        if (reply.kind === "clarify") expect(typeof reply.noneOfThese).toBe("string");
        expect(REPLY_KINDS).toContain(reply.kind);
      }
    }
  }, 300_000);

  it("starts each conversation fresh", () => {
    const run = replay(
      `${JSON.stringify({ id: "a", turns: ["how long does it take?"] })}\n${JSON.stringify({ id: "b", turns: ["2"] })}\n`,
    );
    const [a, b] = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(a.replies[0].kind).toBe("clarify");
    expect(b.replies[0].kind).not.toBe("answer");
  }, 60_000);

  it("reports a malformed line with its number and still answers the others", () => {
    const run = replay(`not json\n${JSON.stringify({ id: "ok", turns: ["hi"] })}\n{"id":"x"}\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("stdin:1: not JSON");
    expect(run.stderr).toContain("stdin:3: expected");
    expect(JSON.parse(run.stdout.trim()).id).toBe("ok");
  }, 60_000);
});
