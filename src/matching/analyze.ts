import type { Lexicon } from "./lexicon.ts";
import { stem } from "./natural.ts";
import { normalizeText, splitWords } from "./normalize.ts";

/** The feature every word that is neither the pack's nor the language's carries: a name, a place, a format. */
export const NAME_FEATURE = "⟨name⟩";

/** A message as the matcher sees it, with every step kept so `--explain` can show it. */
export interface Analysis {
  normalized: string;
  /** After text-speak expansion and spelling correction, before synonyms. */
  corrected: string;
  /** The corrected words, in order. */
  words: string[];
  /** Canonical tokens (synonyms and subjects applied). */
  tokens: string[];
  /** Tokens that say something about the topic. */
  content: string[];
  /** Stems and stem bigrams: what the classifiers score. */
  features: string[];
  corrections: Array<{ from: string; to: string }>;
  /** Subject tokens the message names (see subjectToken), in order. */
  subjects: string[];
  /** Neighbouring subjects the pack does not cover that the message names ("botox"). */
  outOfScope: string[];
  /** Content words the knowledge base has never seen ("weather", "france"). */
  unknown: string[];
  /** Of those, words that are not words of the language either: names, places, formats, typos. */
  names: string[];
  /** Share of content words the knowledge base knows, in [0, 1]; 1 when there are none. */
  coverage: number;
  /** What kind of answer it wants ("duration", "count", …), when recognised. */
  questionType: string | undefined;
}

function expandWords(words: string[], lexicon: Lexicon, corrections: Analysis["corrections"]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const mapped = lexicon.wordMap.get(word);
    if (mapped) {
      out.push(...mapped);
      continue;
    }
    // A word the pack uses, a number, a short word or a real word the pack lacks ("estate") stays as it is.
    if (
      lexicon.frequencies.has(word) ||
      /\d/.test(word) ||
      word.length < 3 ||
      lexicon.language.isWord(word)
    ) {
      out.push(word);
      continue;
    }
    // Stretched for effect ("hiii" → "hii" after normalising, "soooo"): the word with each run of a
    // letter said once, when that is a word, before any guess at a misspelling ("hii" is not "him").
    const single = word.replace(/(.)\1+/g, "$1");
    if (single !== word && (lexicon.frequencies.has(single) || lexicon.language.isWord(single))) {
      corrections.push({ from: word, to: single });
      out.push(...(lexicon.wordMap.get(single) ?? [single]));
      continue;
    }
    const halves = lexicon.spell.split(word);
    // "undereye" → "under eye" only because the pack says "under eye"; "bitcoin" is never "bit coin".
    if (halves && lexicon.bigrams.has(halves.join(" "))) {
      corrections.push({ from: word, to: halves.join(" ") });
      out.push(...halves);
      continue;
    }
    const suggestion = lexicon.spell.suggest(word);
    if (suggestion) corrections.push({ from: word, to: suggestion });
    out.push(suggestion ?? word);
  }
  return out;
}

/** The phrases a scan looks for: keys of `maxWords` words at most, each starting with one of `starts`. */
interface PhraseSet {
  has(phrase: string): boolean;
  starts: ReadonlySet<string>;
  maxWords: number;
}

/**
 * Longest-first phrase lookup over `keys` (the words, or their stems): calls `hit` with the words of
 * each phrase found and its key, `miss` for each word not in one.
 */
function scanPhrases(
  words: string[],
  keys: string[],
  phrases: PhraseSet,
  hit: (words: string, key: string) => void,
  miss: (word: string) => void,
): void {
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    if (phrases.starts.has(keys[i]!)) {
      for (let n = Math.min(phrases.maxWords, words.length - i); n >= 1 && !matched; n--) {
        const key = n === 1 ? keys[i]! : keys.slice(i, i + n).join(" ");
        if (phrases.has(key)) {
          hit(n === 1 ? words[i]! : words.slice(i, i + n).join(" "), key);
          matched = n;
        }
      }
    }
    if (!matched) miss(words[i]!);
    i += matched || 1;
  }
}

const ignore = () => {};

/** A token that says something about the topic: not a function word, unless it shapes the question. */
/** A phone or order number: it names something, it means nothing two messages could share. */
const IDENTIFIER = /^\d{5,}$/;

export function isContentToken(token: string, lexicon: Lexicon): boolean {
  const { stopwords, questionWords } = lexicon.language;
  return (!stopwords.has(token) || questionWords.has(token)) && !IDENTIFIER.test(token);
}

/** Stems plus neighbouring-stem bigrams: "how long last" → how, long, last, how_long, long_last. */
export function featuresOf(content: string[], keep?: ReadonlySet<string>): string[] {
  const stems = content.map((t) => (keep?.has(t) ? t : stem(t)));
  const features = [...stems];
  for (let i = 1; i < stems.length; i++) features.push(`${stems[i - 1]}_${stems[i]}`);
  return features;
}

/** A token the pack did not teach and the language does not know: a name, a place, a format, a typo. */
export function isNameLike(token: string, lexicon: Lexicon): boolean {
  return (
    !lexicon.canonicalTokens.has(token) &&
    !/^\d+$/.test(token) &&
    token.length > 2 &&
    !lexicon.language.isWord(token) &&
    !lexicon.wordMap.has(token)
  );
}

/** normalizeText, looked up in `analyses` for a text they hold: an analysis keeps its result as `normalized`. */
export const normalizerFrom =
  (analyses: ReadonlyMap<string, Analysis> | undefined) =>
  (text: string): string =>
    analyses?.get(text)?.normalized ?? normalizeText(text);

export function analyze(text: string, lexicon: Lexicon): Analysis {
  const normalized = normalizeText(text);
  const corrections: Analysis["corrections"] = [];
  const words = expandWords(splitWords(normalized), lexicon, corrections);

  const outOfScope: string[] = [];
  const stems = words.map(stem);
  const outOfScopePhrases = {
    has: (p: string) => lexicon.outOfScope.has(p),
    starts: lexicon.outOfScopeStarts,
    maxWords: lexicon.maxOutOfScopeWords,
  };
  scanPhrases(words, stems, outOfScopePhrases, (p) => outOfScope.push(p), ignore);

  const tokens: string[] = [];
  const synonymPhrases = {
    has: (p: string) => lexicon.phraseMap.has(p),
    starts: lexicon.phraseStarts,
    maxWords: lexicon.maxPhraseWords,
  };
  scanPhrases(
    words,
    words,
    synonymPhrases,
    (_, key) => tokens.push(...lexicon.phraseMap.get(key)!),
    (w) => tokens.push(w),
  );

  const { questionWords } = lexicon.language;
  const content = tokens.filter((t) => isContentToken(t, lexicon));
  // Known by stem: "bleed" is known when the knowledge base says "bleeding".
  const unknown = content.filter((t) => !lexicon.known.has(stem(t)) && !questionWords.has(t));
  const names = unknown.filter((t) => isNameLike(t, lexicon));
  const judged = content.filter((t) => !questionWords.has(t));
  const features = featuresOf(content, lexicon.subjectTokens);
  if (content.some((t) => isNameLike(t, lexicon))) features.push(NAME_FEATURE);
  return {
    normalized,
    corrected: words.join(" "),
    words,
    tokens,
    content,
    features,
    corrections,
    subjects: [...new Set(tokens.filter((t) => lexicon.subjectTokens.has(t)))],
    outOfScope,
    unknown,
    names,
    coverage: judged.length ? 1 - unknown.length / judged.length : 1,
    questionType: lexicon.language.questionType(words),
  };
}
