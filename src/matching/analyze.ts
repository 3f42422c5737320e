import type { Language } from "../lang/language.ts";
import type { Lexicon } from "./lexicon.ts";
import { stem } from "./natural.ts";
import { normalizeText, splitWords } from "./normalize.ts";
import { sifWeight } from "./sentence-vectors.ts";

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
  /** The writer put a question mark: it asks, whatever its shape ("so no then?"). */
  questionMark: boolean;
}

/** What one typed word becomes, and the correction said for it: the same for a lexicon whatever the text. */
interface Expansion {
  words: readonly string[];
  correction?: { from: string; to: string };
}

/** Words expanded per lexicon: a build reads the same words across thousands of texts, spelling them once. */
export const EXPANSION_CACHE = Object.freeze({ limit: 50_000 });
const expansionCaches = new WeakMap<Lexicon, Map<string, Expansion>>();

/** Runs of a letter at most this many to try saying once each, in every combination. */
const STRETCHED_RUNS = 4;

/**
 * The word with some of its doubled letters said once that `isWord` takes, fewest first: "helloo" is
 * "hello" (its "ll" kept), "soo" is "so"; undefined when none is.
 */
function unstretched(word: string, isWord: (w: string) => boolean): string | undefined {
  const runs = [...word.matchAll(/(.)\1+/g)];
  if (!runs.length || runs.length > STRETCHED_RUNS) return undefined;
  const combinations = Array.from({ length: (1 << runs.length) - 1 }, (_, i) => i + 1).sort(
    (a, b) => bitCount(a) - bitCount(b) || a - b,
  );
  for (const mask of combinations) {
    let out = "";
    let from = 0;
    runs.forEach((run, r) => {
      out += word.slice(from, run.index);
      out += mask & (1 << r) ? run[1] : run[0];
      from = run.index + run[0].length;
    });
    out += word.slice(from);
    if (isWord(out)) return out;
  }
  return undefined;
}

const bitCount = (n: number) => {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
};

function expandWord(word: string, lexicon: Lexicon): Expansion {
  const mapped = lexicon.wordMap.get(word);
  if (mapped) return { words: mapped };
  // Stretched for effect ("soooo" → "soo" after normalising, "helloo", "pleasee") and no word of the
  // dictionary: the word with runs of a letter said once that is one, or that the pack uses more, before
  // anything else ("soo" is a word only because some message wrote it; "hii" is not "him").
  const used = lexicon.frequencies.get(word);
  if (/(.)\1/.test(word) && !/\d/.test(word) && !lexicon.language.inDictionary(word)) {
    const plain = unstretched(
      word,
      (w) => lexicon.language.inDictionary(w) || (lexicon.frequencies.get(w) ?? 0) > (used ?? 0),
    );
    if (plain) return { words: lexicon.wordMap.get(plain) ?? [plain], correction: { from: word, to: plain } };
  }
  // A word the pack uses, a number or a real word the pack lacks ("estate") stays as it is.
  if (used !== undefined || /\d/.test(word) || lexicon.language.isWord(word)) return { words: [word] };
  // Written without its vowels ("thrt", "brth", "prprly"): the pack's most used word with those consonants.
  const restored = lexicon.spell.unvowelled(word);
  if (restored)
    return { words: lexicon.wordMap.get(restored) ?? [restored], correction: { from: word, to: restored } };
  // A short word stays as it is.
  if (word.length < 3) return { words: [word] };
  const halves = lexicon.spell.split(word);
  // "undereye" → "under eye" only because the pack says "under eye"; "bitcoin" is never "bit coin".
  if (halves && lexicon.bigrams.has(halves.join(" ")))
    return { words: halves, correction: { from: word, to: halves.join(" ") } };
  const suggestion = lexicon.spell.suggest(word);
  return suggestion ? { words: [suggestion], correction: { from: word, to: suggestion } } : { words: [word] };
}

/** Capitals two to five letters long: an acronym, when the message is not written in capitals. */
const ACRONYM = /\b[A-Z]{2,5}\b/g;

/**
 * The words written as acronyms ("does HRT help", "SPF"), lower-cased: names, never spelling mistakes
 * ("HRT" is not "hurt"). None in a message written mostly in capitals, where any word may be shouted.
 */
function acronymsOf(text: string): ReadonlySet<string> | undefined {
  const found = text.match(ACRONYM);
  if (!found) return undefined;
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) letters++;
  }
  return 2 * upper > upper + letters ? undefined : new Set(found.map((w) => w.toLowerCase()));
}

function expandWords(
  words: string[],
  lexicon: Lexicon,
  corrections: Analysis["corrections"],
  acronyms?: ReadonlySet<string>,
): string[] {
  let cache = expansionCaches.get(lexicon);
  if (!cache) {
    cache = new Map();
    expansionCaches.set(lexicon, cache);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // An acronym the pack does not use or map stays as written: a name, not a misspelling.
    if (acronyms?.has(word) && !lexicon.wordMap.has(word) && !lexicon.frequencies.has(word)) {
      out.push(word);
      continue;
    }
    let expansion = cache.get(word);
    if (!expansion) {
      // Bounded whatever the traffic: cleared when full.
      if (cache.size >= EXPANSION_CACHE.limit) cache.clear();
      expansion = expandWord(word, lexicon);
      cache.set(word, expansion);
    }
    if (expansion.correction) corrections.push({ ...expansion.correction });
    for (let k = 0; k < expansion.words.length; k++) out.push(expansion.words[k]!);
  }
  return out;
}

/** A phrase table as a tree of words: a phrase is found by walking its words, no key string joined per try. */
interface PhraseNode {
  next: Map<string, PhraseNode> | undefined;
  /** Whether a phrase ends here, and what it maps to (a synonym's canonical tokens). */
  end: boolean;
  to: readonly string[] | undefined;
}

const phraseNode = (): PhraseNode => ({ next: undefined, end: false, to: undefined });

function phraseTree(keys: Iterable<string>, to?: ReadonlyMap<string, readonly string[]>): PhraseNode {
  const root = phraseNode();
  for (const key of keys) {
    let node = root;
    for (const word of key.split(" ")) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) {
        child = phraseNode();
        node.next.set(word, child);
      }
      node = child;
    }
    node.end = true;
    node.to = to?.get(key);
  }
  return root;
}

/** A lexicon's synonym and out-of-scope phrases as trees, made on its first analysis. */
const phraseTrees = new WeakMap<Lexicon, { synonyms: PhraseNode; outOfScope: PhraseNode }>();

function treesOf(lexicon: Lexicon) {
  let trees = phraseTrees.get(lexicon);
  if (!trees) {
    trees = {
      synonyms: phraseTree(lexicon.phraseMap.keys(), lexicon.phraseMap),
      outOfScope: phraseTree(lexicon.outOfScope),
    };
    phraseTrees.set(lexicon, trees);
  }
  return trees;
}

/**
 * Longest-first phrase lookup over `keys` (the words, or their stems) for the phrases of `tree`, keys
 * of `maxWords` words at most: calls `hit` with the words of each phrase found and its node, `miss`
 * for each word not in one.
 */
function scanPhrases(
  words: string[],
  keys: string[],
  tree: PhraseNode,
  maxWords: number,
  hit: (words: string, node: PhraseNode) => void,
  miss: (word: string) => void,
): void {
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    let found: PhraseNode | undefined;
    let node: PhraseNode | undefined = tree;
    for (let n = 1, last = Math.min(maxWords, words.length - i); n <= last; n++) {
      node = node.next?.get(keys[i + n - 1]!);
      if (!node) break;
      if (node.end) {
        matched = n;
        found = node;
      }
    }
    if (found) hit(matched === 1 ? words[i]! : words.slice(i, i + matched).join(" "), found);
    else miss(words[i]!);
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

/** A word this common (SIF weight) names nothing of its own: "not" in "why not?", "take" in "how long will it take". */
export const NAMING_RARITY = 0.35;

/** The words of a message that name something: not question words, fillers or pointers, and rare enough. */
export function namingWords(analysis: Analysis, language: Language): string[] {
  const { questionWords, followUp } = language;
  const vectors = language.vectors();
  return analysis.content.filter(
    (t) =>
      !questionWords.has(t) &&
      !followUp.fillers.has(t) &&
      !followUp.pointers.has(t) &&
      sifWeight(vectors.rank(t)) >= NAMING_RARITY,
  );
}

/** Stems plus neighbouring-stem bigrams: "how long last" → how, long, last, how_long, long_last. */
export function featuresOf(content: string[], keep?: ReadonlySet<string>): string[] {
  const features: string[] = [];
  for (let i = 0; i < content.length; i++)
    features.push(keep?.has(content[i]!) ? content[i]! : stem(content[i]!));
  for (let i = 1; i < content.length; i++) features.push(`${features[i - 1]}_${features[i]}`);
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

/** isNameLike per lexicon and token: a build asks it for each content word of thousands of texts. */
const nameLikeCaches = new WeakMap<Lexicon, Map<string, boolean>>();

function nameLikeCached(token: string, lexicon: Lexicon): boolean {
  let cache = nameLikeCaches.get(lexicon);
  if (!cache) {
    cache = new Map();
    nameLikeCaches.set(lexicon, cache);
  }
  let named = cache.get(token);
  if (named === undefined) {
    // Bounded whatever the traffic, as the expansions are: cleared when full.
    if (cache.size >= EXPANSION_CACHE.limit) cache.clear();
    named = isNameLike(token, lexicon);
    cache.set(token, named);
  }
  return named;
}

/** normalizeText, looked up in `analyses` for a text they hold: an analysis keeps its result as `normalized`. */
export const normalizerFrom =
  (analyses: ReadonlyMap<string, Analysis> | undefined) =>
  (text: string): string =>
    analyses?.get(text)?.normalized ?? normalizeText(text);

// Index loops rather than filter and map with callbacks: analyze runs for each of a pack's thousands of
// texts at a start, mostly before the JIT has optimised it.
/** Whether the writer put a question mark (any script's). */
export const hasQuestionMark = (text: string): boolean => /[?？¿؟]/.test(text);

export function analyze(said: string, lexicon: Lexicon): Analysis {
  const text = lexicon.language.written(lexicon.language.body(said));
  const normalized = normalizeText(text);
  const corrections: Analysis["corrections"] = [];
  const words = expandWords(splitWords(normalized), lexicon, corrections, acronymsOf(text));

  const outOfScope: string[] = [];
  const stems: string[] = [];
  for (let i = 0; i < words.length; i++) stems.push(stem(words[i]!));
  const outOfScopeHit = (p: string) => outOfScope.push(p);
  const trees = treesOf(lexicon);
  scanPhrases(words, stems, trees.outOfScope, lexicon.maxOutOfScopeWords, outOfScopeHit, ignore);

  const tokens: string[] = [];
  const synonymHit = (_: string, node: PhraseNode) => {
    const canonical = node.to!;
    for (let i = 0; i < canonical.length; i++) tokens.push(canonical[i]!);
  };
  const synonymMiss = (w: string) => tokens.push(w);
  scanPhrases(words, words, trees.synonyms, lexicon.maxPhraseWords, synonymHit, synonymMiss);

  const { stopwords, questionWords } = lexicon.language;
  const content: string[] = [];
  const subjects: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // isContentToken, inline.
    if ((!stopwords.has(t) || questionWords.has(t)) && !IDENTIFIER.test(t)) content.push(t);
    if (lexicon.subjectTokens.has(t) && !subjects.includes(t)) subjects.push(t);
  }
  // Known by stem: "bleed" is known when the knowledge base says "bleeding".
  const unknown: string[] = [];
  const names: string[] = [];
  let judged = 0;
  let nameLike = false;
  for (let i = 0; i < content.length; i++) {
    const t = content[i]!;
    const question = questionWords.has(t);
    if (!question) judged++;
    const unseen = !lexicon.known.has(stem(t)) && !question;
    // Asked once per word: it looks the word up in the language's dictionary.
    const named: boolean = unseen || !nameLike ? nameLikeCached(t, lexicon) : false;
    if (unseen) {
      unknown.push(t);
      if (named) names.push(t);
    }
    nameLike ||= named;
  }
  const features = featuresOf(content, lexicon.subjectTokens);
  if (nameLike) features.push(NAME_FEATURE);
  return {
    normalized,
    corrected: words.join(" "),
    words,
    tokens,
    content,
    features,
    corrections,
    subjects,
    outOfScope,
    unknown,
    names,
    coverage: judged ? 1 - unknown.length / judged : 1,
    questionType: lexicon.language.questionType(words),
    questionMark: hasQuestionMark(text),
  };
}
