import { createInterface } from "node:readline";
import type { ConversationContext } from "../dialog/types.ts";
import { type CliIo, startEngine } from "./bootstrap.ts";

/** Reads {"id","turns":[...]} lines, writes {"id","replies":[...]} lines; each conversation starts fresh. */
export async function runReplay(input: NodeJS.ReadableStream, io: CliIo): Promise<number> {
  const started = startEngine(io);
  if (!started) return 1;
  const { engine } = started;
  let lineNumber = 0;
  let failures = 0;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      io.err(`stdin:${lineNumber}: not JSON (${(error as Error).message}); skipped`);
      failures++;
      continue;
    }
    const item = parsed as { id?: unknown; turns?: unknown };
    if (!item || typeof item !== "object" || !Array.isArray(item.turns)) {
      io.err(`stdin:${lineNumber}: expected {"id": "...", "turns": ["..."]}; skipped`);
      failures++;
      continue;
    }
    let context: ConversationContext | null = null;
    let now = Date.now();
    const replies = item.turns.map((turn) => {
      const result = engine.handleTurn({
        text: typeof turn === "string" ? turn : String(turn ?? ""),
        context,
        now,
      });
      context = result.context;
      now += 1000;
      return result.reply;
    });
    io.out(JSON.stringify({ id: item.id ?? null, replies }));
  }
  return failures ? 1 : 0;
}
