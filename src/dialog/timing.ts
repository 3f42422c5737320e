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

/** Words of what "before" or "until" names that may be the treatment's: "before each session", "my next appt". */
const RELATION_REACH = 3;

/**
 * The words with each "before"/"until" blanked out whose object is words of its own, none the
 * treatment's: "before bed", "until the wedding". A function word next ("the week before? any…", "till it
 * calms") leaves it be: what it is before is not said.
 */
function relatedToTreatment(
  language: Language,
  words: readonly string[],
  treatment: ReadonlySet<string>,
): readonly string[] {
  const { relations, eventSkips } = language.timing;
  let out: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    if (!relations.has(words[i]!)) continue;
    let at = i + 1;
    while (at < words.length && eventSkips.has(words[at]!)) at++;
    const object = words.slice(at, at + RELATION_REACH);
    if (!object.length || language.stopwords.has(object[0]!) || object.some((w) => treatment.has(w)))
      continue;
    out ??= [...words];
    out[i] = "";
  }
  return out ?? words;
}

/** Before or after the treatment, when the words say one and not the other. */
function sideOf(
  language: Language,
  said: readonly string[],
  treatment: ReadonlySet<string>,
): Side | undefined {
  if (language.timing.waiting.test(said)) return "after";
  const words = relatedToTreatment(language, said, treatment);
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
  // The treatment's own words: the language's, and the pack's names for its subjects.
  const treatment = new Set(language.timing.treatment);
  for (const subject of kb.pack.subjects)
    for (const name of [subject.id, ...subject.names])
      for (const w of splitWords(normalize(name))) treatment.add(w);
  const topics = new Map<string, Side>();
  for (const topic of kb.topics) {
    let before = 0;
    let after = 0;
    for (const phrasing of topic.phrasings) {
      const side = sideOf(language, splitWords(normalize(phrasing)), treatment);
      if (side === "before") before++;
      else if (side === "after") after++;
    }
    const n = topic.phrasings.length || 1;
    if (before / n >= TIMING.share && after <= before * TIMING.otherShare) topics.set(topic.id, "before");
    else if (after / n >= TIMING.share && before <= after * TIMING.otherShare) topics.set(topic.id, "after");
  }
  return {
    ofMessage: (words: readonly string[]) => sideOf(language, words, treatment),
    ofTopic: (id: string) => topics.get(id),
  };
}

export type Timing = ReturnType<typeof createTiming>;
