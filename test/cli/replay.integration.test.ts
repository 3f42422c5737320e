import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPLY_KINDS } from "../../src/reply.ts";
import { runCli } from "../support/cli-process.ts";
import { CONTRACT_KEYS, contractKeysOf } from "../support/shipped.ts";

async function replay(input: string) {
  const run = await runCli(["replay"], { input, timeoutMs: 240_000 });
  return { status: run.code, stdout: run.stdout, stderr: run.stderr };
}

describe("cli replay", () => {
  it("answers conversations of the dev set, one JSON line each, in order", async () => {
    // Every 8th conversation: single messages and multi-turn ones, without replaying the whole set.
    const lines = readFileSync("knowledge/microneedling/dev.jsonl", "utf8")
      .trim()
      .split("\n")
      .filter((_, i) => i % 8 === 0);
    const run = await replay(`${lines.join("\n")}\n`);
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

  it("starts each conversation fresh", async () => {
    const run = await replay(
      `${JSON.stringify({ id: "a", turns: ["how long does it take?"] })}\n${JSON.stringify({ id: "b", turns: ["2"] })}\n`,
    );
    const [a, b] = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(a.replies[0].kind).toBe("clarify");
    expect(b.replies[0].kind).not.toBe("answer");
  });

  it("reports a malformed line with its number and still answers the others", async () => {
    const run = await replay(`not json\n${JSON.stringify({ id: "ok", turns: ["hi"] })}\n{"id":"x"}\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("stdin:1: not JSON");
    expect(run.stderr).toContain("stdin:3: expected");
    expect(JSON.parse(run.stdout.trim()).id).toBe("ok");
  });
});
