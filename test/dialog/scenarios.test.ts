import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createEngine } from "../../src/dialog/engine.ts";
import type { ConversationContext } from "../../src/dialog/types.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { TEST_CLINIC } from "../support/shipped.ts";

interface Turn {
  user: string;
  bot: { kind: string; topic?: string; says?: string };
}

// Transcript tests: test/scenarios/<pack>/*.yaml, each one conversation replayed through the engine
// of the pack of that name (knowledge/<pack> or knowledge/examples/<pack>), turn by turn. A file named
// known-gap-*.yaml is a transcript the engine does not meet yet: it must still fail (vitest's
// `it.fails`), so the day it passes the test says so and the prefix comes off.
const KNOWN_GAP = /^known-gap-/;
const DIR = "test/scenarios";
const PACK_ROOTS = ["knowledge", "knowledge/examples"];
const packs = readdirSync(DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function packEngine(name: string) {
  const dir = PACK_ROOTS.map((root) => join(root, name)).find((d) => existsSync(join(d, "pack.yaml")));
  if (!dir)
    throw new Error(`${DIR}/${name} names no pack: expected ${PACK_ROOTS.join(" or ")}/${name}/pack.yaml`);
  const loaded = loadKnowledge(dir, {});
  if (!loaded.ok) throw new Error(`${dir} does not load: ${loaded.issues.map((i) => i.message).join("; ")}`);
  return createEngine(loaded.kb, { clinic: TEST_CLINIC });
}

it("runs the scenarios on at least two packs", () => {
  expect(packs.length).toBeGreaterThanOrEqual(2);
});

describe.each(packs)("pack %s", (pack) => {
  const engine = packEngine(pack);
  const files = readdirSync(join(DIR, pack)).filter((f) => f.endsWith(".yaml"));
  it("has scenarios", () => expect(files.length).toBeGreaterThan(0));

  describe.each(files)("scenario %s", (file) => {
    const turns = parse(readFileSync(join(DIR, pack, file), "utf8")) as Turn[];
    const test = KNOWN_GAP.test(file) ? it.fails : it;
    test(
      KNOWN_GAP.test(file)
        ? "does not yet reply as the transcript says (known engine gap)"
        : "replies as the transcript says",
      () => {
        let context: ConversationContext | null = null;
        let now = 1_000;
        for (const [i, turn] of turns.entries()) {
          const { reply, context: next } = engine.handleTurn({ text: turn.user, context, now });
          const where = `${pack}/${file} turn ${i + 1} "${turn.user}"`;
          expect(reply.kind, where).toBe(turn.bot.kind);
          if (turn.bot.topic) expect(reply.topic, where).toBe(turn.bot.topic);
          if (turn.bot.says) expect(reply.text, where).toContain(turn.bot.says);
          context = next;
          now += 1_000;
        }
      },
    );
  });
});
