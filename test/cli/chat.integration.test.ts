import { afterEach, describe, expect, it } from "vitest";
import { shippedEngine } from "../support/shipped.ts";
import { startTmux, type TmuxPane } from "../support/tmux.ts";

const WIDTH = 60;
const CHAT = "npm run --silent cli -- chat";
const PROMPT = "you ›";
// Starting the CLI transpiles and builds the engine: slow on a loaded machine.
const TEST_TIMEOUT_MS = 150_000;

const prompts = (lines: string[]) => lines.filter((line) => line.startsWith(PROMPT)).length;
const tokens = (lines: string[]) => new Set(lines.flatMap((line) => line.split(/\s+/)).filter(Boolean));

describe("cli chat in a pseudo-terminal (tmux)", () => {
  let pane: TmuxPane | undefined;
  afterEach(() => {
    pane?.kill();
    pane = undefined;
  });

  it(
    "wraps a reply to the terminal's width between words, continuation lines indented",
    async () => {
      pane = startTmux(CHAT, { width: WIDTH, height: 50 });
      await pane.waitFor("first prompt", (lines) => prompts(lines) === 1);
      const question = "does it hurt?";
      pane.send(question, "Enter");
      const lines = await pane.waitFor("prompt after the reply", (all) => prompts(all) === 2);

      const { reply } = shippedEngine().handleTurn({ text: question });
      const words = [reply.text, ...reply.citations.map((c) => c.title)].flatMap((t) => t.split(/\s+/));
      const shown = tokens(lines);
      const split = words.filter((word) => !shown.has(word));
      expect(split, `words split across lines:\n${lines.join("\n")}`).toEqual([]);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(WIDTH);
      // The answer took several lines, each continuation under the text after "bot › ".
      const first = lines.findIndex((line) => line.startsWith("bot › "));
      expect(first).toBeGreaterThan(0);
      expect(lines[first + 1]).toMatch(/^ {6}\S/);
      expect(lines[first + 2]).toMatch(/^ {6}\S/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "ends on Ctrl-D with the shell's next output on a fresh line",
    async () => {
      pane = startTmux(CHAT, { width: WIDTH, height: 30 });
      await pane.waitFor("first prompt", (lines) => prompts(lines) === 1);
      pane.send("C-d");
      const lines = await pane.waitFor("exit", (all) => all.some((line) => line.includes("AFTER-EXIT")));
      const exit = lines.findIndex((line) => line.includes("AFTER-EXIT"));
      expect(lines[exit]).toBe("AFTER-EXIT 0");
      expect(lines[exit - 1]?.trimEnd()).toBe(PROMPT);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "ends on Ctrl-C the same way, with the status of an interrupted program",
    async () => {
      pane = startTmux(CHAT, { width: WIDTH, height: 30 });
      await pane.waitFor("first prompt", (lines) => prompts(lines) === 1);
      pane.send("half a question", "C-c");
      const lines = await pane.waitFor("exit", (all) => all.some((line) => line.includes("AFTER-EXIT")));
      expect(lines.find((line) => line.includes("AFTER-EXIT"))).toBe("AFTER-EXIT 130");
    },
    TEST_TIMEOUT_MS,
  );
});
