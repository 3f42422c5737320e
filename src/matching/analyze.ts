import type { Lexicon } from "./lexicon.ts";
import { stem } from "./natural.ts";
import { normalizeText, splitWords } from "./normalize.ts";
import { QUESTION_WORDS, STOPWORDS } from "./stopwords.ts";

/** A message as the matcher sees it, with every step kept so `--explain` can show it. */
export interface Analysis {
  normalized: string;
  /** After text-speak expansion and spelling correction, before synonyms. */
  corrected: string;
  /** Canonical tokens (synonyms applied). */
  tokens: string[];
  /** Tokens that say something about the topic. */
  content: string[];
  /** Stems and stem bigrams: what the classifiers score. */
  features: string[];
  corrections: Array<{ from: string; to: string }>;
  /** Subject tokens the message names (see subjectToken), in order. */
  subjects: string[];
  outOfScope: string[];
  /** Content words the knowledge base has never seen ("weather", "france"). */
  unknown: string[];
  /** Share of content words the knowledge base knows, in [0, 1]; 1 when there are none. */
  coverage: number;
}

function expandWords(words: string[], lexicon: Lexicon, corrections: Analysis["corrections"]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const mapped = lexicon.wordMap.get(word);
    if (mapped) {
      out.push(...mapped);
      continue;
    }
    if (lexicon.frequencies.has(word) || /\d/.test(word) || word.length < 3) {
      out.push(word);
      continue;
    }
    const halves = lexicon.spell.split(word);
    if (halves) {
      corrections.push({ from: word, to: halves.join(" ") });
      out.push(...halves);
      continue;
    }
    const suggestion = lexicon.english.has(word) ? undefined : lexicon.spell.suggest(word);
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

export function isContentToken(token: string): boolean {
  return !STOPWORDS.has(token) || QUESTION_WORDS.has(token);
}

/** Stems plus neighbouring-stem bigrams: "how long last" → how, long, last, how_long, long_last. */
export function featuresOf(content: string[], keep?: ReadonlySet<string>): string[] {
  const stems = content.map((t) => (keep?.has(t) ? t : stem(t)));
  const features = [...stems];
  for (let i = 1; i < stems.length; i++) features.push(`${stems[i - 1]}_${stems[i]}`);
  return features;
}

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

  const content = tokens.filter(isContentToken);
  // Known by stem: "bleed" is known when the knowledge base says "bleeding".
  const unknown = content.filter((t) => !lexicon.known.has(stem(t)) && !QUESTION_WORDS.has(t));
  const judged = content.filter((t) => !QUESTION_WORDS.has(t));
  return {
    normalized,
    corrected: words.join(" "),
    tokens,
    content,
    features: featuresOf(content, lexicon.subjectTokens),
    corrections,
    subjects: [...new Set(tokens.filter((t) => lexicon.subjectTokens.has(t)))],
    outOfScope,
    unknown,
    coverage: judged.length ? 1 - unknown.length / judged.length : 1,
  };
}
