import { createInterface } from "node:readline";
import type { ConversationContext } from "../dialog/types.ts";
import type { Reply } from "../reply.ts";
import { type CliIo, startEngine } from "./bootstrap.ts";
import { renderReply, type Style } from "./render-terminal.ts";
import { wrapForTerminal } from "./wrap-terminal.ts";

/** A number typed after an answer picks that suggestion; after a clarify the engine reads it itself. */
export function resolvePick(text: string, last: Reply | undefined): string {
  const n = Number(text.trim());
  if (!last || last.kind === "clarify" || !Number.isInteger(n) || n < 1) return text;
  return last.suggestions[n - 1] ?? text;
}

/** Exit status after Ctrl-C, as shells report a program ended by SIGINT. */
const INTERRUPTED = 130;

export async function runChat(
  io: CliIo,
  style: Style,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const started = startEngine(io);
  if (!started) return 1;
  const { engine } = started;
  // The width is read per message, so a resized terminal wraps the next reply to its new size.
  const say = (text: string) => io.out(wrapForTerminal(text, io.columns?.()));
  const { copy } = engine.profile;
  say(style.bold(copy.welcome));
  say(style.dim(`${copy.disclosure} Type a question, a number to pick a suggestion, or 'quit'.\n`));
  const rl = createInterface({
    input,
    output,
    terminal: Boolean((input as NodeJS.ReadStream).isTTY),
  });
  let ended: "quit" | "interrupt" | undefined;
  rl.on("SIGINT", () => {
    ended = "interrupt";
    rl.close();
  });
  rl.setPrompt(style.accent("you › "));
  let context: ConversationContext | null = null;
  let last: Reply | undefined;
  rl.prompt();
  // The line iterator, not question(): piped input arrives faster than the prompts and must not be lost.
  for await (const line of rl) {
    if (/^(quit|exit|q)$/i.test(line.trim())) {
      ended = "quit";
      break;
    }
    if (line.trim()) {
      const text = resolvePick(line, last);
      if (text !== line) say(style.dim(`  → ${text}`));
      const result = engine.handleTurn({ text, context });
      context = result.context;
      last = result.reply;
      say(`\n${style.bold("bot ›")} ${renderReply(result.reply, style)}\n`);
    }
    rl.prompt();
  }
  rl.close();
  // Ctrl-D or Ctrl-C leave the cursor after the prompt: the shell's own prompt belongs on a new line.
  if (ended !== "quit") output.write("\n");
  return ended === "interrupt" ? INTERRUPTED : 0;
}
