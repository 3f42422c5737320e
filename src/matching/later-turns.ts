import type { KnowledgeBase } from "../knowledge/types.ts";
import { type Analysis, namingWords } from "./analyze.ts";
import type { Lexicon } from "./lexicon.ts";

/** Where a turn breaks into sentences: a pleasantry said before the question is its own sentence. */
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;

/** The topics whose authored wording uses each token: a token few topics use says which one is meant. */
export function topicsUsingOf(kb: KnowledgeBase, an: (text: string) => Analysis): Map<string, Set<string>> {
  const using = new Map<string, Set<string>>();
  for (const topic of kb.topics)
    for (const text of [topic.question, ...topic.phrasings])
      for (const t of an(text).tokens) {
        const set = using.get(t) ?? new Set<string>();
        using.set(t, set);
        set.add(topic.id);
      }
  return using;
}

/** The most topics a token may be used by and still say which topic is meant. */
export const specificLimitOf = (topics: number, share: number) => Math.max(2, Math.round(topics * share));

/** Words of the pack's pleasantries ("helpful", "lol"). */
function smalltalkWordsOf(kb: KnowledgeBase, an: (text: string) => Analysis): ReadonlySet<string> {
  return new Set(kb.conversation.smalltalk.flatMap((s) => s.phrasings.flatMap((p) => an(p).content)));
}

/** Words said before a question rather than asking it: lead-ins, and the words of pleasantries that frame a message. */
function leadingWordsOf(kb: KnowledgeBase, lexicon: Lexicon, an: (text: string) => Analysis) {
  const { questionWords } = lexicon.language;
  const framing = new Set(
    kb.conversation.smalltalk
      .filter((s) => s.frames)
      .flatMap((s) => s.phrasings.flatMap((p) => an(p).content)),
  );
  return (w: string) => framing.has(w) && !questionWords.has(w);
}

const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * A first message learned as a topic's wording, without its sentences of pleasantry: "Good day. Is it
 * possible to do it only once? Thank you dear." teaches the question, not that "good day" or "dear" mean
 * that topic. A sentence goes when it asks nothing and at least half the words it says are the pleasantries';
 * a greeting or lead-in opening a sentence goes too ("hey so how long…"), or "hey" would mean that topic.
 */
export function pleasantrySentenceStripper(
  kb: KnowledgeBase,
  lexicon: Lexicon,
  an: (text: string) => Analysis,
): (text: string) => string {
  const { language } = lexicon;
  const smalltalk = smalltalkWordsOf(kb, an);
  const leading = leadingWordsOf(kb, lexicon, an);
  const pleasantry = (sentence: string) => {
    const analysis = an(sentence);
    if (analysis.questionType || analysis.questionMark) return false;
    const said = namingWords(analysis, language);
    return said.filter((w) => smalltalk.has(w)).length >= said.length / 2;
  };
  const withoutLeading = (sentence: string) => {
    // Most open with no such word: that is read from the first word alone (a start reads every example).
    const first = /^\s*(\S+)/.exec(sentence)?.[1];
    if (!first || !leading(bare(first))) return sentence.trim();
    const words = sentence.trim().split(/\s+/);
    let from = 0;
    while (from < words.length - 1 && leading(bare(words[from]!))) from++;
    // Nothing opens it: read as it is, with no analysis (a start reads every example through here).
    if (!from) return sentence.trim();
    const rest = words.slice(from);
    // Nothing but pleasantry after them ("thank you so much"): the sentence as it is. Read by its words,
    // not analysed: a start reads every example through here.
    const says = rest.some((w) => {
      const b = bare(w);
      return !!b && !smalltalk.has(b) && !language.stopwords.has(b);
    });
    return says ? rest.join(" ") : sentence.trim();
  };
  return (text) => {
    const sentences = text.split(SENTENCE_END);
    const kept = sentences.length < 2 ? sentences : sentences.filter((s) => !pleasantry(s));
    return kept.length ? kept.map(withoutLeading).join(" ") : text;
  };
}

/**
 * Reads a later turn of a labelled conversation for what of it stands alone, to learn as its topic's
 * wording; undefined when its topic came from the conversation rather than from its words.
 * - Lead-ins and pleasantries before a question go, and sentences that neither ask nor name a word few
 *   topics use ("Most helpful.", "lol nvm."): "lol ok and when do I see results" → "when do I see results".
 * - A sentence that asks yet names nothing ("how long will I be there for?"), a pointer back ("is it
 *   sore"), an opener onto the last answer ("what about…"), only places named ("and the neck?") or only
 *   words many topics use ("how long would the back take") leave the turn unlearned.
 */
export function laterTurnReader(
  kb: KnowledgeBase,
  lexicon: Lexicon,
  an: (text: string) => Analysis,
  specificShare: number,
): (text: string) => string | undefined {
  const { language } = lexicon;
  const { questionWords, followUp, refersBack } = language;
  const using = topicsUsingOf(kb, an);
  const limit = specificLimitOf(kb.topics.length, specificShare);
  const smalltalk = smalltalkWordsOf(kb, an);
  // Pleasantries' words no topic's wording uses name nothing.
  const pleasantries = new Set([...smalltalk].filter((w) => !using.has(w)));
  const specific = (w: string) => (using.get(w)?.size ?? 0) > 0 && using.get(w)!.size <= limit;
  const places = new Set(kb.vocabulary.areas.flatMap((a) => an(a).content));
  const naming = (a: Analysis) => namingWords(a, language).filter((w) => !pleasantries.has(w));
  // Said before a question: a lead-in, or a pleasantry's word that asks nothing ("lol ok and when…").
  const leading = (w: string) =>
    lexicon.language.questionLeadIns.has(w) || (smalltalk.has(w) && !questionWords.has(w));
  return (text) => {
    const kept: string[] = [];
    for (const sentence of text.split(SENTENCE_END)) {
      const words = sentence.trim().split(/\s+/);
      while (words.length && leading(bare(words[0]!))) words.shift();
      if (!words.join("")) continue;
      const analysis = an(words.join(" "));
      const said = namingWords(analysis, language);
      const named = said.filter((w) => !pleasantries.has(w));
      const asks = !!analysis.questionType || analysis.questionMark;
      if (!named.length && asks) return undefined;
      const pleasantry = said.filter((w) => smalltalk.has(w)).length >= said.length / 2;
      if (asks || (!pleasantry && named.some(specific))) kept.push(words.join(" "));
    }
    if (!kept.length) return undefined;
    const alone = kept.join(" ");
    const analysis = an(alone);
    const named = naming(analysis);
    if (analysis.words.some((w) => followUp.pointers.has(w) || refersBack.has(w))) return undefined;
    if (followUp.opens.test(analysis.words) || followUp.ellipsis.test(analysis.words)) return undefined;
    if (!named.some((w) => !places.has(w) && (!using.has(w) || specific(w)))) return undefined;
    return alone;
  };
}
