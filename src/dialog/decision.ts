import type { Candidate } from "../matching/index.ts";
import type { Alternative } from "../reply.ts";

/** Why the bot declined: each has its own reply. */
export type FallbackReason = "empty" | "unsure" | "out-of-scope" | "none-of-these" | "other-language";

/** What a turn decided, before it is rendered as a reply. */
export type Decision =
  | {
      kind: "answer";
      topic: string;
      confidence: number;
      /** Key words of the message the topic says nothing about: the reply says so first. */
      missing?: string[];
      /** The writer reports a symptom of their own: the answer ends with the safety line. */
      caution?: boolean;
    }
  | { kind: "clarify"; alternatives: Alternative[]; confidence: number }
  | {
      kind: "smalltalk";
      intent: string;
      confidence: number;
      /** Said on taking the urgent advice just given ("ok, going to A&E now, thanks"): no more questions. */
      afterUrgent?: boolean;
    }
  | { kind: "handoff"; confidence: number }
  | { kind: "urgent" }
  | {
      kind: "fallback";
      reason: FallbackReason;
      confidence: number;
      candidates: Candidate[];
      /** The language written in, for reason "other-language". */
      language?: string;
      /** The writer reports a symptom of their own: the reply carries the safety line. */
      caution?: boolean;
    };

export const fallback = (
  reason: FallbackReason,
  candidates: Candidate[] = [],
  extra: { language?: string; caution?: boolean } = {},
): Decision => ({
  kind: "fallback",
  reason,
  confidence: candidates[0]?.confidence ?? 0,
  candidates,
  ...extra,
});
