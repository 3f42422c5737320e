import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { stem } from "./natural.ts";
import { normalizeText, splitWords } from "./normalize.ts";
import { createSpellIndex, type SpellIndex } from "./spell.ts";

/** The token every name of a subject becomes: its id without hyphens ("chemical-peel" → "chemicalpeel"). */
export const subjectToken = (id: string) => id.replace(/-/g, "");

/** Everything the knowledge base teaches about words, built once at load. */
export interface Lexicon {
  language: Language;
  /** One typed word → its expansion: text-speak and listed misspellings ("b4" → ["before"]). */
  wordMap: ReadonlyMap<string, readonly string[]>;
  /** A phrase of one or more words → its canonical token ("under my eyes" → ["undereye"]). */
  phraseMap: ReadonlyMap<string, readonly string[]>;
  maxPhraseWords: number;
  /** Neighbouring subjects the pack does not cover, as stems ("chemic peel"), matched before synonyms. */
  outOfScope: ReadonlySet<string>;
  maxOutOfScopeWords: number;
  /** Subject tokens (see subjectToken): a message naming one is about that subject. */
  subjectTokens: ReadonlySet<string>;
  /** Tokens the vocabulary produces (subjects, synonyms' canonical words): the pack's own terms. */
  canonicalTokens: ReadonlySet<string>;
  /** Words the knowledge base itself uses, with counts: the spelling corrector's dictionary. */
  frequencies: ReadonlyMap<string, number>;
  /** Neighbouring word pairs the pack uses ("under eye"): a joined word is split only into one of these. */
  bigrams: ReadonlySet<string>;
  /** Stems of the tokens any phrasing or answer produces: a content word outside this set is unknown. */
  known: Set<string>;
  spell: SpellIndex;
}

/**
 * The word read in meaning: itself, or, when it has no vector, the one word the pack's synonyms make of it
 * ("roaccutane" → "medications"), so a word the vectors lack still means what the pack says it does.
 */
export function meaningWord(lexicon: Lexicon, word: string): string {
  const vectors = lexicon.language.vectors();
  if (vectors.has(word)) return word;
  const to = lexicon.phraseMap.get(word);
  return to?.length === 1 && vectors.has(to[0]!) ? to[0]! : word;
}

/** "lash lifts" and "lash lift" are one out-of-scope term: compare phrases by stems. */
export const stemPhrase = (phrase: string) => splitWords(phrase).map(stem).join(" ");
const canonical = (key: string) => key.replace(/-/g, "");

/** The language's shorthand with the pack's own over it. */
const shorthandOf = (kb: KnowledgeBase, language: Language): Record<string, string> => ({
  ...language.shorthand,
  ...kb.vocabulary.shorthand,
});

function allText(kb: KnowledgeBase, shorthand: Record<string, string>): string[] {
  const texts: string[] = [];
  for (const t of kb.topics)
    texts.push(t.question, ...t.phrasings, t.answer, ...t.claims.map((c) => c.statement));
  const v = kb.vocabulary;
  for (const s of kb.pack.subjects) texts.push(...s.names);
  texts.push(...v.areas, ...v.concerns, ...v.outOfScope);
  for (const [k, vs] of Object.entries(v.synonyms)) texts.push(k.replace(/-/g, " "), ...vs);
  texts.push(...Object.keys(v.misspellings), ...Object.values(shorthand));
  const c = kb.conversation;
  for (const s of c.smalltalk) texts.push(...s.phrasings);
  texts.push(...c.handoff.phrasings, ...c.urgent.redFlags, ...c.urgent.symptoms, ...c.urgent.severity);
  return texts;
}

/** `normalize` is normalizeText, or a lookup that gives its result for texts already normalised. */
export function buildLexicon(
  kb: KnowledgeBase,
  language: Language,
  normalize: (text: string) => string = normalizeText,
): Lexicon {
  const phraseKey = (text: string) => splitWords(normalize(text)).join(" ");
  const v = kb.vocabulary;
  const wordMap = new Map<string, string[]>();
  const shorthand = shorthandOf(kb, language);
  for (const [typed, meant] of Object.entries(shorthand))
    wordMap.set(phraseKey(typed), splitWords(phraseKey(meant)));
  for (const [right, wrongs] of Object.entries(v.misspellings)) {
    for (const wrong of wrongs) {
      const key = phraseKey(wrong);
      // A one-word misspelling maps word to word; a spaced one ("micro neddling") is a phrase below.
      if (!key.includes(" ")) wordMap.set(key, splitWords(phraseKey(right)));
    }
  }

  const phraseMap = new Map<string, string[]>();
  const setPhrase = (phrase: string, to: string[]) => {
    const key = phraseKey(phrase);
    if (key) phraseMap.set(key, to);
  };
  for (const [word, variants] of Object.entries(v.synonyms)) {
    const to = [canonical(word)];
    setPhrase(word.replace(/-/g, " "), to);
    for (const variant of variants) setPhrase(variant, to);
  }
  for (const subject of kb.pack.subjects)
    for (const name of [subject.id.replace(/-/g, " "), ...subject.names])
      setPhrase(name, [subjectToken(subject.id)]);
  for (const [right, wrongs] of Object.entries(v.misspellings)) {
    for (const wrong of wrongs)
      if (phraseKey(wrong).includes(" ")) setPhrase(wrong, splitWords(phraseKey(right)));
  }

  const outOfScope = new Set(v.outOfScope.map((term) => stemPhrase(phraseKey(term))).filter(Boolean));
  const frequencies = new Map<string, number>();
  const bigrams = new Set<string>();
  for (const text of allText(kb, shorthand)) {
    const words = splitWords(normalize(text)).flatMap((word) => wordMap.get(word) ?? [word]);
    words.forEach((w, i) => {
      frequencies.set(w, (frequencies.get(w) ?? 0) + 1);
      if (i > 0) bigrams.add(`${words[i - 1]} ${w}`);
    });
  }
  const longest = (keys: Iterable<string>) => Math.max(1, ...[...keys].map((k) => k.split(" ").length));

  return {
    language,
    wordMap,
    phraseMap,
    maxPhraseWords: longest(phraseMap.keys()),
    outOfScope,
    maxOutOfScopeWords: longest(outOfScope),
    subjectTokens: new Set(kb.pack.subjects.map((s) => subjectToken(s.id))),
    canonicalTokens: new Set([...phraseMap.values()].flat()),
    frequencies,
    bigrams,
    known: new Set(),
    spell: createSpellIndex(frequencies, language.vowels),
  };
}
