import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { normalizeText, splitWords } from "../matching/normalize.ts";

/** Timing's named defaults. */
export const TIMING = Object.freeze({
  /** A topic is about one side of the treatment when this share of its phrasings say so… */
  share: 0.25,
  /** …and at most this share of that say the other side. */
  otherShare: 1 / 3,
});

export type Side = "before" | "after";

/** Before or after the treatment, when the words say one and not the other. */
function sideOf(language: Language, words: readonly string[]): Side | undefined {
  if (language.timing.waiting.test(words)) return "after";
  const before = language.timing.before.test(words);
  const after = language.timing.after.test(words);
  return before === after ? undefined : before ? "before" : "after";
}

/**
 * Which side of the treatment a message is on ("my appointment is on Thursday", "since my session"), and
 * each topic's side, read from its phrasings: so "I use an acid toner and my appointment is Thursday"
 * is not answered with aftercare, nor "and after?" with preparation. `normalize` is normalizeText, or a
 * lookup that gives its result for texts already normalised.
 */
export function createTiming(
  kb: KnowledgeBase,
  language: Language,
  normalize: (text: string) => string = normalizeText,
) {
  const topics = new Map<string, Side>();
  for (const topic of kb.topics) {
    let before = 0;
    let after = 0;
    for (const phrasing of topic.phrasings) {
      const side = sideOf(language, splitWords(normalize(phrasing)));
      if (side === "before") before++;
      else if (side === "after") after++;
    }
    const n = topic.phrasings.length || 1;
    if (before / n >= TIMING.share && after <= before * TIMING.otherShare) topics.set(topic.id, "before");
    else if (after / n >= TIMING.share && before <= after * TIMING.otherShare) topics.set(topic.id, "after");
  }
  return {
    ofMessage: (words: readonly string[]) => sideOf(language, words),
    ofTopic: (id: string) => topics.get(id),
  };
}

export type Timing = ReturnType<typeof createTiming>;
