import type { Reply, ReplyKind } from "../../reply.ts";
import { scrubMessage } from "./scrub.ts";

/** One line of the unanswered log (UNANSWERED_LOG): what was asked, scrubbed, and how the bot fared. */
export interface UnansweredEntry {
  /** ISO 8601. */
  time: string;
  channel: string;
  kind: ReplyKind;
  topic: string | null;
  confidence: number;
  /** The message with phone numbers, emails, URLs and names replaced by [phone], [email], [url], [name]. */
  text: string;
  /** Why a confident answer is logged at all: its message is unlike every phrasing of the topic. */
  reason?: typeof UNLIKE_PHRASINGS;
}

/** The `reason` of a confident answer to a message unlike any phrasing of its topic. */
export const UNLIKE_PHRASINGS = "unlike-phrasings";

/** Fallbacks, clarifies and answers below `lowConfidence` are what a knowledge-base author should look at. */
export function isUnanswered(reply: Reply, lowConfidence: number): boolean {
  if (reply.kind === "fallback" || reply.kind === "clarify") return true;
  return reply.kind === "answer" && reply.confidence < lowConfidence;
}

export function unansweredEntry(turn: {
  channel: string;
  text: string;
  reply: Reply;
  now: Date;
}): UnansweredEntry {
  return {
    time: turn.now.toISOString(),
    channel: turn.channel,
    kind: turn.reply.kind,
    topic: turn.reply.topic,
    confidence: Math.round(turn.reply.confidence * 1000) / 1000,
    text: scrubMessage(turn.text),
  };
}
