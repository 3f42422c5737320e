import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Reply } from "../../reply.ts";

// A conversation logs every turn: its hash is remembered (bounded; cleared when full).
const HASH_CACHE_LIMIT = 10_000;
const hashes = new Map<string, string>();

// "web:3f9a…" => "a41c09e2b7d3" — enough to follow one conversation in the logs, useless to reverse.
export function hashConversationId(conversationId: string): string {
  let hash = hashes.get(conversationId);
  if (hash === undefined) {
    if (hashes.size >= HASH_CACHE_LIMIT) hashes.clear();
    hash = createHash("sha256").update(conversationId).digest("hex").slice(0, 12);
    hashes.set(conversationId, hash);
  }
  return hash;
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
