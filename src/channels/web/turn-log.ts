import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Reply } from "../../reply.ts";

// "web:3f9a…" => "a41c09e2b7d3" — enough to follow one conversation in the logs, useless to reverse.
export function hashConversationId(conversationId: string): string {
  return createHash("sha256").update(conversationId).digest("hex").slice(0, 12);
}

/** One JSON line per turn: what was answered and how fast, never what was said. */
export function logTurn(
  logger: Logger,
  turn: { channel: string; conversationId: string; reply: Reply; latencyMs: number },
): void {
  logger.info(
    {
      channel: turn.channel,
      conversation: hashConversationId(turn.conversationId),
      topic: turn.reply.topic,
      kind: turn.reply.kind,
      confidence: Math.round(turn.reply.confidence * 1000) / 1000,
      latencyMs: Math.round(turn.latencyMs * 10) / 10,
    },
    "turn",
  );
}
