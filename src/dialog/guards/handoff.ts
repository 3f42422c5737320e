import type { Guard } from "./guard.ts";

/** The pack's handoff phrasings decide when the message is this near one of them (TF-IDF cosine). */
export const HANDOFF_LEXICAL = 0.7;

/**
 * Asking for a person, a booking, a call or a quote — decided here only: the language's phrasings of
 * such requests, or the pack's own handoff phrasings. "Are you a real person?" asks what the bot is.
 */
export const handoffGuard: Guard = {
  name: "handoff",
  run(turn) {
    const { language } = turn.env;
    const words = turn.analysis.words;
    if (language.identity.test(words)) return undefined;
    const pattern = language.handoff.match(words);
    if (pattern)
      return {
        decision: { kind: "handoff", confidence: 1 },
        reason: `asks for a person ("${pattern.source}")`,
      };
    const best = turn.converse().find((c) => c.label === "handoff");
    if (best && best.lexical >= HANDOFF_LEXICAL) {
      return {
        decision: { kind: "handoff", confidence: best.lexical },
        reason: `like the pack's handoff phrasing "${best.phrasing}" (${best.lexical.toFixed(2)})`,
      };
    }
    return undefined;
  },
};
