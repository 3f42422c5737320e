import { createInterface } from "node:readline";
import type { ConversationContext } from "../dialog/types.ts";
import type { Reply } from "../reply.ts";
import { type CliIo, startEngine } from "./bootstrap.ts";
import { renderReply, type Style } from "./render-terminal.ts";

/** A number typed after an answer picks that suggestion; after a clarify the engine reads it itself. */
export function resolvePick(text: string, last: Reply | undefined): string {
  const n = Number(text.trim());
  if (!last || last.kind === "clarify" || !Number.isInteger(n) || n < 1) return text;
  return last.suggestions[n - 1] ?? text;
}

export async function runChat(
  io: CliIo,
  style: Style,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const started = startEngine(io);
  if (!started) return 1;
  const { engine } = started;
  const { copy } = engine.profile;
  io.out(style.bold(copy.welcome));
  io.out(style.dim(`${copy.disclosure} Type a question, a number to pick a suggestion, or 'quit'.\n`));
  const rl = createInterface({
    input,
    output: process.stdout,
    terminal: Boolean((input as NodeJS.ReadStream).isTTY),
  });
  rl.setPrompt(style.accent("you › "));
  let context: ConversationContext | null = null;
  let last: Reply | undefined;
  rl.prompt();
  // The line iterator, not question(): piped input arrives faster than the prompts and must not be lost.
  for await (const line of rl) {
    if (/^(quit|exit|q)$/i.test(line.trim())) break;
    if (line.trim()) {
      const text = resolvePick(line, last);
      if (text !== line) io.out(style.dim(`  → ${text}`));
      const result = engine.handleTurn({ text, context });
      context = result.context;
      last = result.reply;
      io.out(`\n${style.bold("bot ›")} ${renderReply(result.reply, style)}\n`);
    }
    rl.prompt();
  }
  rl.close();
  return 0;
}
