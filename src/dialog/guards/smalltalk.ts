import { stem } from "../../matching/natural.ts";
import type { Guard } from "./guard.ts";

/** When a pleasantry is what the message says: how near it must be, and how much of the message it is. */
export const SMALLTALK = Object.freeze({
  /** TF-IDF cosine to one of the pack's smalltalk phrasings. */
  lexical: 0.5,
  /** Share of the message's content words that smalltalk phrasings use ("ok thanks" → 1). */
  pleasantry: 0.5,
  /** Or: every content word a pleasantry's, with at least `looseLexical`, when no topic fits. */
  allPleasantry: 0.99,
  /** Or: this near in meaning, with at least `looseLexical`, when no topic fits at all. */
  semantic: 0.85,
  looseLexical: 0.3,
  /** A topic must beat the pleasantry's lexical nearness by this to take the message. */
  topicLead: 0.05,
});

/**
 * Greetings, thanks, goodbyes, "what can you do": when that is what the message says, and no topic
 * fits it as well ("how does it work?" is about the treatment, not the assistant).
 */
export const smalltalkGuard: Guard = {
  name: "smalltalk",
  run(turn) {
    const { index, thresholds } = turn.env;
    const evidence = index.evidence;
    const best = turn.converse().find((c) => c.label.startsWith("smalltalk:"));
    if (!best) return undefined;
    const topic = turn.match().candidates[0];
    const topicFits = !!topic && topic.confidence >= thresholds.answer;
    const topicNear = topic?.components.tfidf ?? 0;
    const share = evidence.pleasantryShare(turn.analysis);
    const plain =
      (best.lexical >= SMALLTALK.lexical && share >= SMALLTALK.pleasantry) ||
      (best.lexical >= SMALLTALK.looseLexical && share >= SMALLTALK.allPleasantry && !topicFits);
    const loose =
      best.semantic >= SMALLTALK.semantic &&
      best.lexical >= SMALLTALK.looseLexical &&
      !(topic && topic.confidence >= thresholds.clarify);
    if (!plain && !loose) return undefined;
    if (topicFits && topicNear + SMALLTALK.topicLead >= best.lexical) return undefined;
    // "how does it do that?" points back at the subject: a question about it, not "how are you doing",
    // when all it shares with the pleasantry is a question word.
    const { language } = turn.env;
    const said = new Set(best.phrasing?.toLowerCase().split(/\s+/).map(stem));
    const shared = turn.analysis.content.filter((w) => said.has(stem(w)));
    if (
      turn.analysis.words.some((w) => language.refersBack.has(w)) &&
      shared.length > 0 &&
      shared.every((w) => language.questionWords.has(w))
    )
      return undefined;
    return {
      decision: {
        kind: "smalltalk",
        intent: best.label.slice("smalltalk:".length),
        confidence: best.lexical,
      },
      reason: `pleasantry like "${best.phrasing}" (lexical ${best.lexical.toFixed(2)}, meaning ${best.semantic.toFixed(2)})`,
    };
  },
};
