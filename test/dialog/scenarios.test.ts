import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ConversationContext } from "../../src/dialog/types.ts";
import { shippedEngine } from "../support/shipped.ts";

interface Turn {
  user: string;
  bot: { kind: string; topic?: string; says?: string };
}

const DIR = "test/scenarios";
const engine = shippedEngine();

// Transcript tests: each file is one conversation replayed through the engine, turn by turn.
describe.each(readdirSync(DIR).filter((f) => f.endsWith(".yaml")))("scenario %s", (file) => {
  const turns = parse(readFileSync(join(DIR, file), "utf8")) as Turn[];
  it("replies as the transcript says", () => {
    let context: ConversationContext | null = null;
    let now = 1_000;
    for (const [i, turn] of turns.entries()) {
      const { reply, context: next } = engine.handleTurn({ text: turn.user, context, now });
      const where = `${file} turn ${i + 1} "${turn.user}"`;
      expect(reply.kind, where).toBe(turn.bot.kind);
      if (turn.bot.topic) expect(reply.topic, where).toBe(turn.bot.topic);
      if (turn.bot.says) expect(reply.text, where).toContain(turn.bot.says);
      context = next;
      now += 1_000;
    }
  });
});
