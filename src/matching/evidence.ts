import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { type Analysis, analyze, isContentToken } from "./analyze.ts";
import { type BayesModel, bayesMatcher, fitBayes } from "./bayes-matcher.ts";
import { type Bm25Model, bm25Matcher, fitBm25, type LabelDocument } from "./bm25-matcher.ts";
import type { RankFeature } from "./calibration.ts";
import {
  laterTurnReader,
  pleasantrySentenceStripper,
  specificLimitOf,
  topicsUsingOf,
} from "./later-turns.ts";
import { type Lexicon, meaningWord } from "./lexicon.ts";
import type { LabelScore, TrainingExample } from "./matcher.ts";
import { stem } from "./natural.ts";
import { featureRows } from "./rows.ts";
import { createSemanticIndex, type SemanticIndex, type SemanticSnapshot } from "./semantic-matcher.ts";
import { sifWeight } from "./sentence-vectors.ts";
import { fitTfidf, type TfidfModel, tfidfMatcher } from "./tfidf-matcher.ts";

/** Matching's named defaults, in one place. */
export const EVIDENCE_DEFAULTS = Object.freeze({
  /**
   * Leaders each lexical matcher adds to the shortlist, one more per so many labels up to a most: a few
   * dozen topics need 4 (6 read the same dev set ~15% slower at p99), 150 intents still gain from 6.
   */
  lexicalLeaders: 4,
  labelsPerExtraLeader: 50,
  mostLexicalLeaders: 6,
  /** Leaders the semantic centroid scan adds: candidates for messages that share no word with the pack. */
  semanticLeaders: 4,
  /** Texts of a kind averaged for `kindNearness`: several near ones beat one lucky one. */
  kindNearest: 3,
  /** Answer words count this much of a phrasing's: they describe the topic, people do not ask in them. */
  answerWeight: 0.3,
  /** A word this near (cosine) to one of a label's words is explained by that label. */
  explainedSimilarity: 0.65,
  /** A word used by at most this share of topics' phrasings says which topic is meant. */
  specificShare: 0.15,
});

/** The message-level evidence: how much the message looks like the pack at all. */
export interface MessageEvidence {
  domainWords: number;
  domainMean: number;
  semanticDomain: number;
  semanticVsBackground: number;
  coverage: number;
  backgroundSemantic: number;
  backgroundLexical: number;
  length: number;
  unknownWords: number;
  names: number;
  subject: number;
  outOfScope: number;
  hasVector: number;
}

/** Everything the scorers say about one message: per shortlisted label, and about the message. */
export interface Evidence {
  analysis: Analysis;
  labels: string[];
  /** Per label (same order): a topic, not a conversational label ranked with them. */
  topic: boolean[];
  /** Per label (same order), its RANK_FEATURES values. */
  rank: Array<Record<RankFeature, number>>;
  message: MessageEvidence;
  /** Words of the message the label's texts do not explain: [strongest, mean] (rare words weigh most). */
  unexplained(label: string): [number, number];
  /** Those words, each with its weight and how near it is to the pack as a whole (0–1). */
  gaps(label: string): Array<{ word: string; weight: number; rarity: number }>;
  /** Best word-vector nearness of `word` to anything the pack's topics say (0–1). */
  packNearness(word: string): number;
  /** The label's best-matching phrasing. */
  phrasing(label: string): string | undefined;
  /** The phrasings nearest in meaning across all labels, for `--explain`. */
  neighbours(count: number): Array<{ label: string; phrasing: string; similarity: number }>;
}

export interface EvidenceOptions {
  /** Score only these labels (a clarify's choices). */
  only?: readonly string[];
  /** Ignore this phrasing (fitting: a phrasing held out must not match itself). */
  exclude?: string;
}

/** How near a message is to one conversational label (smalltalk, handoff): lexically and in meaning. */
export interface ConversationalMatch {
  label: string;
  /** TF-IDF cosine to its nearest phrasing. */
  lexical: number;
  /** Word-vector cosine to its nearest phrasing: a scan of the label's phrasings, made when first read. */
  readonly semantic: number;
  phrasing: string | undefined;
}

/** A ConversationalMatch whose meaning is scanned when first read: a class, as object literals with getters are slow to make. */
class ConversationalReading implements ConversationalMatch {
  #semantic: number | undefined;
  constructor(
    readonly label: string,
    readonly lexical: number,
    readonly phrasing: string | undefined,
    private readonly index: SemanticIndex,
    private readonly query: Float32Array | undefined,
  ) {}
  get semantic(): number {
    this.#semantic ??= this.query ? this.index.nearest(this.query, this.label) : 0;
    return this.#semantic;
  }
}

/** Of the matches `keep` admits, the nearest in words and meaning together (ties: the first); reads each one's meaning. */
export function nearestConversational(
  matches: readonly ConversationalMatch[],
  keep: (match: ConversationalMatch) => boolean,
): ConversationalMatch | undefined {
  let best: ConversationalMatch | undefined;
  for (const m of matches)
    if (keep(m) && (!best || m.lexical + m.semantic > best.lexical + best.semantic)) best = m;
  return best;
}

/**
 * Of the matches `keep` admits, the nearest in words; among equals, the nearest in words and meaning
 * together (ties: the first). Meaning is read only for the equals: a scan per label is the cost.
 */
export function closestInWords(
  matches: readonly ConversationalMatch[],
  keep: (match: ConversationalMatch) => boolean,
): ConversationalMatch | undefined {
  let most = Number.NEGATIVE_INFINITY;
  for (const m of matches) if (keep(m) && m.lexical > most) most = m.lexical;
  return nearestConversational(matches, (m) => keep(m) && m.lexical === most);
}

export interface EvidenceIndex {
  lexicon: Lexicon;
  /** The topics' ids. */
  labels: readonly string[];
  /** What the ranker orders: the topics, "handoff" and "smalltalk:<id>" (what the guards decide by rank). */
  ranked: readonly string[];
  /** "smalltalk:<id>" and "handoff": decided by the dialog's guards, not ranked against topics. */
  conversational: readonly string[];
  /** The message against each conversational label, in the pack's order (see closestInWords, nearestConversational). */
  converse(analysis: Analysis): ConversationalMatch[];
  /** Share of the message's content words that its best conversational phrasings use: 1 for "ok thanks". */
  pleasantryShare(analysis: Analysis): number;
  /** Share of the message's content words that the pack's own pleasantry phrasings use: 1 for "good evening". */
  greetingShare(analysis: Analysis): number;
  analyze(text: string): Analysis;
  gather(analysis: Analysis, options?: EvidenceOptions): Evidence;
  /** No word of the message belongs to a few topics only ("how long does it take?"): it fits many. */
  isGeneric(analysis: Analysis): boolean;
  /** Mean similarity of the pack's nearest labelled urgent messages, and the nearest (0 without any). */
  /**
   * Mean similarity of the nearest three texts of a kind the guards decide ("urgent": the labelled urgent
   * messages; "handoff": handoff phrasings and examples), and the nearest; 0 when the pack has none.
   */
  kindNearness(analysis: Analysis, kind: "urgent" | "handoff"): number;
  /** That kind's text nearest in meaning, for `--explain` (asked only once a guard has decided). */
  nearestOfKind(analysis: Analysis, kind: "urgent" | "handoff"): string | undefined;
}

/** The lexical scorers' fitted models: the pack's examples', and the off-topic background's TF-IDF. */
export interface LexicalModels {
  bayes: BayesModel;
  tfidf: TfidfModel;
  bm25: Bm25Model;
  background: TfidfModel;
}

/** What building the index computed that an index cache keeps: read first, filled when missing. */
export interface IndexSnapshot {
  semantic?: SemanticSnapshot;
  state?: EvidenceState;
}

/** How near the message is in meaning to its nearest topic: the best mean of a label's three nearest phrasings. */
export function topicNearness(evidence: Evidence): number {
  let best = 0;
  evidence.rank.forEach((r, i) => {
    if (evidence.topic[i]) best = Math.max(best, r.semanticTop3);
  });
  return best;
}

/** The best two values (floored at 0) and where the best is: every label's margin in one pass. */
function leadOf(values: readonly number[]): { at: number; best: number; second: number } {
  let at = -1;
  let best = 0;
  let second = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (at === -1 || v > values[at]!) {
      second = Math.max(second, at === -1 ? 0 : values[at]!);
      at = j;
    } else second = Math.max(second, v);
  }
  if (at !== -1) best = Math.max(0, values[at]!);
  return { at, best, second };
}

/** values[i] minus the largest other value (or 0): how far label i leads, or trails, the rest. */
function marginOf(values: readonly number[], lead: ReturnType<typeof leadOf>, i: number): number {
  return values[i]! - (i === lead.at ? lead.second : lead.best);
}

/** Adds each word's stem to `into`. Index loops, not for-of or map: this runs for every word of a build. */
function addStems(into: Set<string>, words: readonly string[]): void {
  for (let i = 0; i < words.length; i++) into.add(stem(words[i]!));
}

/** The label of labelled messages describing a possible complication of the writer's own. */
export const URGENT = "urgent";
/** The label of requests for a person, a booking or a quote: conversational, yet ranked with the topics. */
export const HANDOFF = "handoff";

/** A text matching learns from; `example` marks a labelled real message rather than an authored phrasing. */
interface TrainingText {
  label: string;
  text: string;
  example?: boolean;
}

function trainingTexts(kb: KnowledgeBase, lexicon: Lexicon, an: (text: string) => Analysis): TrainingText[] {
  const out: TrainingText[] = [];
  for (const t of kb.topics) for (const text of [t.question, ...t.phrasings]) out.push({ label: t.id, text });
  for (const s of kb.conversation.smalltalk)
    for (const text of s.phrasings) out.push({ label: `smalltalk:${s.id}`, text });
  for (const text of kb.conversation.handoff.phrasings) out.push({ label: "handoff", text });
  // Urgent examples too: ranked with the topics, so the learned scorers weigh "weeping" or "greenish";
  // the urgent guard alone acts on that label, and only for a report of the writer's own.
  const read = kb.examples.some((e) => e.within)
    ? laterTurnReader(kb, lexicon, an, EVIDENCE_DEFAULTS.specificShare)
    : undefined;
  const withoutPleasantries = pleasantrySentenceStripper(kb, lexicon, an);
  for (const e of kb.examples) {
    // A topic's first-message example teaches its question, not the greetings and thanks around it.
    const text = e.within ? read?.(e.text) : kb.topicById.has(e.label) ? withoutPleasantries(e.text) : e.text;
    if (text) out.push({ label: e.label, text, example: true });
  }
  return out;
}

/**
 * Off-topic questions to contrast with: the language's background and the pack's own. Off-topic examples
 * stay out (measured: they cost honest partial answers to a covered question naming an uncovered treatment).
 */
export function backgroundOf(kb: KnowledgeBase, language: Language): string[] {
  return [...language.offTopic, ...kb.offTopic];
}

/** A topic's answer and its claims: what it says, read with a lower weight than how people ask. */
const answerTexts = (t: KnowledgeBase["topics"][number]) => [t.answer, ...t.claims.map((c) => c.statement)];

const analyseAnswers = (kb: KnowledgeBase, an: (text: string) => Analysis) =>
  new Map(kb.topics.map((t) => [t.id, answerTexts(t).map(an)]));

/**
 * Everything the evidence index fits from the analyses of the pack's texts (its examples' included):
 * plain data, so an index cache keeps it and a start reads no example again.
 */
export interface EvidenceState {
  /** Stems of every token of the pack's texts, answers and vocabulary: the lexicon's known words. */
  known: string[];
  /** Tokens of the requests and pleasantries. */
  conversationalWords: string[];
  /** Tokens of the pack's own pleasantry phrasings (not of examples, which bring any word with them). */
  greetingWords: string[];
  lexical: LexicalModels;
  /** Per content stem, how many topic texts (background questions) use it; and their sums. */
  packCounts: Map<string, number>;
  backgroundCounts: Map<string, number>;
  packTotal: number;
  backgroundTotal: number;
  /** Per label, how many of its texts ask in each question shape; and how many texts it has. */
  shapes: Map<string, Map<string, number>>;
  phrasingCount: Map<string, number>;
  /** Each label's word stems, so a message word the label already uses counts as explained. */
  labelStems: Map<string, Set<string>>;
  /** Per token, the topics whose authored texts use it. */
  topicsUsing: Map<string, Set<string>>;
}

function fitEvidenceState(
  kb: KnowledgeBase,
  lexicon: Lexicon,
  texts: readonly TrainingText[],
  an: (text: string) => Analysis,
  background: readonly string[],
  isTopic: (label: string) => boolean,
): {
  state: EvidenceState;
  analysed: Analysis[];
  answerAnalyses: ReadonlyMap<string, readonly Analysis[]>;
  backgroundAnalyses: Analysis[];
} {
  const D = EVIDENCE_DEFAULTS;
  const { questionWords } = lexicon.language;
  const analysed = texts.map(({ text }) => an(text));
  const examples: TrainingExample[] = texts.map(({ label, text }, i) => ({
    label,
    text,
    features: analysed[i]!.features,
    tokens: analysed[i]!.tokens,
  }));
  for (let i = 0; i < examples.length; i++) addStems(lexicon.known, examples[i]!.tokens);
  // In this order, which what each analysis counts as unknown depends on: the pack's texts, then answers.
  const answerAnalyses = analyseAnswers(kb, an);
  for (const list of answerAnalyses.values()) for (const a of list) addStems(lexicon.known, a.tokens);
  for (const term of [...kb.vocabulary.areas, ...kb.vocabulary.concerns, ...kb.vocabulary.outOfScope])
    addStems(lexicon.known, an(term).tokens);
  const allLabels = [...new Set(texts.map((t) => t.label))];
  const conversationalWords = new Set<string>();
  const greetingWords = new Set<string>();
  texts.forEach(({ label, example }, i) => {
    if (!isTopic(label) && label !== URGENT) for (const t of analysed[i]!.tokens) conversationalWords.add(t);
    if (label.startsWith("smalltalk:") && !example) for (const t of analysed[i]!.tokens) greetingWords.add(t);
  });
  // Read after the pack's known words are complete: what is unknown depends on them.
  const backgroundAnalyses = background.map(an);

  // Both number the same features of the same examples: once, not once each.
  const exampleRows = featureRows(examples.map((e) => e.features));
  const docs = new Map<string, LabelDocument>(
    allLabels.map((l) => [l, { label: l, features: [], weights: [] }]),
  );
  const addToDocument = (label: string, features: readonly string[], weight: number) => {
    const doc = docs.get(label)!;
    for (const feature of features) {
      doc.features.push(feature);
      doc.weights.push(weight);
    }
  };
  for (const e of examples) addToDocument(e.label, e.features, 1);
  for (const [id, list] of answerAnalyses)
    for (const a of list) addToDocument(id, a.features, D.answerWeight);
  const lexical: LexicalModels = {
    bayes: fitBayes(examples, exampleRows),
    tfidf: fitTfidf(examples, exampleRows),
    bm25: fitBm25([...docs.values()]),
    background: fitTfidf(
      backgroundAnalyses.map((a, i) => ({
        label: "background",
        text: background[i]!,
        features: a.features,
        tokens: a.tokens,
      })),
    ),
  };

  // The pack's words against the background's: log-likelihood ratio per stem, add-half smoothed.
  const contentStems = (a: Analysis) => {
    const stems = new Set<string>();
    for (let i = 0; i < a.content.length; i++)
      if (!questionWords.has(a.content[i]!)) stems.add(stem(a.content[i]!));
    return stems;
  };
  const packCounts = new Map<string, number>();
  const backgroundCounts = new Map<string, number>();
  let packTotal = 0;
  let backgroundTotal = 0;
  analysed.forEach((a, i) => {
    if (!isTopic(texts[i]!.label)) return;
    for (const s of contentStems(a)) {
      packCounts.set(s, (packCounts.get(s) ?? 0) + 1);
      packTotal++;
    }
  });
  for (const a of backgroundAnalyses)
    for (const s of contentStems(a)) {
      backgroundCounts.set(s, (backgroundCounts.get(s) ?? 0) + 1);
      backgroundTotal++;
    }

  const shapes = new Map<string, Map<string, number>>();
  const phrasingCount = new Map<string, number>();
  analysed.forEach((a, i) => {
    const label = texts[i]!.label;
    phrasingCount.set(label, (phrasingCount.get(label) ?? 0) + 1);
    if (!a.questionType) return;
    const m = shapes.get(label) ?? new Map<string, number>();
    shapes.set(label, m);
    m.set(a.questionType, (m.get(a.questionType) ?? 0) + 1);
  });

  const labelStems = new Map<string, Set<string>>();
  // A topic's authored texts only: a labelled message says which topic answers it, not that the topic covers
  // its words. A handoff request's words are all the handoff's: it covers whatever a person can deal with.
  analysed.forEach((a, i) => {
    if (texts[i]!.example && isTopic(texts[i]!.label)) return;
    const set = labelStems.get(texts[i]!.label) ?? new Set<string>();
    labelStems.set(texts[i]!.label, set);
    addStems(set, a.words);
    addStems(set, a.tokens);
  });
  for (const [id, list] of answerAnalyses) {
    const set = labelStems.get(id);
    if (set)
      for (const a of list) {
        addStems(set, a.words);
        addStems(set, a.tokens);
      }
  }

  const topicsUsing = topicsUsingOf(kb, an);
  return {
    state: {
      known: [...lexicon.known],
      conversationalWords: [...conversationalWords],
      greetingWords: [...greetingWords],
      lexical,
      packCounts,
      backgroundCounts,
      packTotal,
      backgroundTotal,
      shapes,
      phrasingCount,
      labelStems,
      topicsUsing,
    },
    analysed,
    answerAnalyses,
    backgroundAnalyses,
  };
}

/**
 * Builds every scorer over the pack once: lexical (naive Bayes, TF-IDF, BM25) and semantic (word vectors).
 * fuse.js refined the leaders once; an ablation on the dev set and the public benchmarks found it made no
 * difference for several times the cost, so it now reads free-text clarify picks instead.
 */
export function buildEvidenceIndex(
  kb: KnowledgeBase,
  lexicon: Lexicon,
  background: readonly string[],
  analyses?: Map<string, Analysis>,
  snapshot?: IndexSnapshot,
): EvidenceIndex {
  const D = EVIDENCE_DEFAULTS;
  // The pack's own texts are read through `analyses`, which a caller may fill from a cache and keep.
  const an = (text: string) => {
    let analysis = analyses?.get(text);
    if (!analysis) {
      analysis = analyze(text, lexicon);
      analyses?.set(text, analysis);
    }
    return analysis;
  };
  const texts = trainingTexts(kb, lexicon, an);
  const allLabels = [...new Set(texts.map((t) => t.label))];
  const isTopic = (label: string) => kb.topicById.has(label);
  // Once the pack has learned from labelled handoff requests, they and the pleasantries are ranked with the
  // topics: "I want my money back" is told apart from a question about results, and "hi" from a request.
  // A handful of template phrasings alone would only add noise to the ranking (measured on Braun's sets).
  const learnedHandoff = kb.examples.some((e) => e.label === HANDOFF);
  const isRanked = (label: string) => isTopic(label) || label === URGENT || learnedHandoff;
  const labels = allLabels.filter(isTopic);
  const ranked = allLabels.filter(isRanked);
  // Spoken with, not about the subject: requests and pleasantries (urgent reports are neither).
  const conversational = allLabels.filter((l) => !isTopic(l) && l !== URGENT);
  const { stopwords, questionWords } = lexicon.language;
  // Share of the content words (question words aside) in `words`; a message of function words only is all.
  const shareOf = (analysis: Analysis, words: ReadonlySet<string>) => {
    const content = analysis.content.filter((t) => !questionWords.has(t));
    if (!content.length) return analysis.tokens.length ? 1 : 0;
    return content.filter((t) => words.has(t)).length / content.length;
  };
  const vectors = lexicon.language.vectors();
  const semanticOf = (a: Analysis) => {
    const words: string[] = [];
    for (let i = 0; i < a.words.length; i++)
      if (!stopwords.has(a.words[i]!)) words.push(meaningWord(lexicon, a.words[i]!));
    return words;
  };
  const phrasingTexts = new Map<string, string[]>(allLabels.map((l) => [l, []]));
  for (const { label, text } of texts) phrasingTexts.get(label)!.push(text);

  // What a snapshot of this very pack holds is read, not fitted again: its examples need no analysis.
  const kept = snapshot?.state;
  const reusable =
    !!kept &&
    kept.lexical.tfidf.norms.length === texts.length &&
    kept.lexical.background.norms.length === background.length &&
    kept.lexical.bm25.labels.length === allLabels.length &&
    snapshot?.semantic?.labelWords?.length === allLabels.length;
  let phrasingWords: Map<string, string[][]> | undefined;
  let answerAnalyses: ReadonlyMap<string, readonly Analysis[]>;
  let backgroundAnalyses: Analysis[];
  let state: EvidenceState;
  if (kept && reusable) {
    for (const s of kept.known) lexicon.known.add(s);
    answerAnalyses = analyseAnswers(kb, an);
    backgroundAnalyses = background.map(an);
    state = kept;
  } else {
    const fitted = fitEvidenceState(kb, lexicon, texts, an, background, isTopic);
    ({ state, answerAnalyses, backgroundAnalyses } = fitted);
    phrasingWords = new Map<string, string[][]>(allLabels.map((l) => [l, []]));
    for (let i = 0; i < texts.length; i++)
      phrasingWords.get(texts[i]!.label)!.push(semanticOf(fitted.analysed[i]!));
    // An example's analysis is spent once the state is fitted: a cache keeps the state, not it.
    if (analyses) {
      const { areas, concerns, outOfScope } = kb.vocabulary;
      const authored = new Set([
        ...background,
        ...texts.filter((t) => !t.example).map((t) => t.text),
        ...kb.topics.flatMap(answerTexts),
        ...areas,
        ...concerns,
        ...outOfScope,
      ]);
      for (const t of texts) if (t.example && !authored.has(t.text)) analyses.delete(t.text);
    }
  }
  if (snapshot) snapshot.state = state;
  const { lexical, packCounts, backgroundCounts, packTotal, backgroundTotal, shapes, phrasingCount } = state;
  const { labelStems, topicsUsing } = state;
  const conversationalWords = new Set(state.conversationalWords);
  const greetingWords = new Set(state.greetingWords);
  const bayes = bayesMatcher(lexical.bayes);
  const tfidf = tfidfMatcher(
    lexical.tfidf,
    texts.map((t) => t.text),
  );
  const bm25 = bm25Matcher(lexical.bm25);

  const semantic: SemanticIndex = createSemanticIndex(
    allLabels.map((label) => ({
      label,
      ...(phrasingWords ? { phrasings: phrasingWords.get(label) ?? [] } : {}),
      answer: (answerAnalyses.get(label) ?? []).flatMap(semanticOf),
    })),
    // A background question whose own words have no vector reads, in meaning, as its generic rest
    // ("how long does an MOT take" as "how long take"): it is compared in words only.
    backgroundAnalyses.map(semanticOf).filter((words) => words.every((w) => vectors.has(w))),
    lexicon,
    phrasingTexts,
    snapshot,
  );
  const backgroundTfidf = tfidfMatcher(lexical.background, background);

  const vocabularySize = new Set([...packCounts.keys(), ...backgroundCounts.keys()]).size || 1;
  const llr = (s: string) =>
    Math.log(((packCounts.get(s) ?? 0) + 0.5) / (packTotal + 0.5 * vocabularySize)) -
    Math.log(((backgroundCounts.get(s) ?? 0) + 0.5) / (backgroundTotal + 0.5 * vocabularySize));

  // Question shapes each label's phrasings use: "how long" questions belong to duration topics.
  const questionTypes = lexicon.language.questionTypes.length;
  const questionFit = (type: string | undefined, label: string) =>
    type === undefined
      ? 0.5
      : ((shapes.get(label)?.get(type) ?? 0) + 0.5) / ((phrasingCount.get(label) ?? 0) + 0.5 * questionTypes);
  const specificLimit = specificLimitOf(kb.topics.length, D.specificShare);
  const lexicalLeaders = Math.min(
    D.mostLexicalLeaders,
    D.lexicalLeaders + Math.floor(ranked.length / D.labelsPerExtraLeader),
  );

  const byLabel = (scores: LabelScore[]) => new Map(scores.map((s) => [s.label, s]));

  const topicLeaders = (scores: LabelScore[], count: number) =>
    scores
      .filter((s) => isRanked(s.label))
      .slice(0, count)
      .map((s) => s.label);

  function gather(analysis: Analysis, options: EvidenceOptions = {}): Evidence {
    const query = semantic.encode(analysis);
    const shortlist = options.only
      ? [...options.only]
      : [
          ...new Set([
            ...[bayes, tfidf, bm25].flatMap((m) => topicLeaders(m.match(analysis), lexicalLeaders)),
            ...(query
              ? semantic.leaders(query, D.semanticLeaders + allLabels.length - labels.length).filter(isRanked)
              : []
            ).slice(0, D.semanticLeaders),
          ]),
        ];
    const b = byLabel(bayes.match(analysis, shortlist));
    const t = byLabel(tfidf.match(analysis, shortlist));
    const m = byLabel(bm25.match(analysis, shortlist));
    const lexical = (label: string) =>
      (b.get(label)?.score ?? 0) + (t.get(label)?.score ?? 0) + (m.get(label)?.score ?? 0);
    // Nearest and mean of the nearest three read one scan of the label's phrasings: asked together.
    const nearest = new Array<number>(shortlist.length).fill(0);
    const top3 = new Array<number>(shortlist.length).fill(0);
    if (query)
      shortlist.forEach((label, i) => {
        nearest[i] = semantic.nearest(query, label, options.exclude);
        top3[i] = semantic.nearestMean(query, label, 3, options.exclude);
      });
    const lexicalSums = shortlist.map(lexical);
    const lexicalLead = leadOf(lexicalSums);
    const semanticLead = leadOf(nearest);
    const rank = shortlist.map((label, i) => ({
      bayes: b.get(label)?.score ?? 0,
      tfidf: t.get(label)?.score ?? 0,
      bm25: m.get(label)?.score ?? 0,
      semanticNearest: nearest[i]!,
      semanticCentroid: query ? semantic.centroid(query, label) : 0,
      semanticAnswer: query ? semantic.answer(query, label) : 0,
      questionFit: questionFit(analysis.questionType, label),
      lexicalMargin: marginOf(lexicalSums, lexicalLead, i),
      semanticMargin: marginOf(nearest, semanticLead, i),
      semanticTop3: top3[i]!,
    }));

    const judged = analysis.content.filter((w) => !questionWords.has(w));
    const stems = [...new Set(judged.map(stem))];
    const ratios = stems.map(llr);
    const domainSum = ratios.reduce((x, y) => x + y, 0);
    const backgroundSemantic = query ? semantic.background(query) : 0;
    const bestNear = nearest.length ? Math.max(...nearest) : 0;
    const message: MessageEvidence = {
      domainWords: Math.tanh(domainSum / 5),
      domainMean: ratios.length ? domainSum / ratios.length / 5 : 0,
      semanticDomain: query ? semantic.domain(query) : 0,
      semanticVsBackground: bestNear - backgroundSemantic,
      coverage: analysis.coverage,
      backgroundSemantic,
      backgroundLexical: backgroundTfidf.match(analysis, ["background"])[0]?.score ?? 0,
      length: Math.min(1, judged.length / 10),
      unknownWords: judged.length ? (analysis.unknown.length - analysis.names.length) / judged.length : 0,
      names: judged.length ? analysis.names.length / judged.length : 0,
      subject: analysis.subjects.length ? 1 : 0,
      outOfScope: analysis.outOfScope.length ? 1 : 0,
      hasVector: query ? 1 : 0,
    };

    const gapCache = new Map<
      string,
      { words: Array<{ word: string; weight: number; rarity: number }>; counted: number }
    >();
    // The message's judged words, read once per message; each label then only checks its own words.
    let judgedWords:
      | Array<{ word: string; meaning: string; stems: [string, string]; vector: boolean; rarity: number }>
      | undefined;
    const wordsToExplain = () => {
      if (judgedWords) return judgedWords;
      judgedWords = [];
      for (const w of new Set(analysis.words)) {
        if (lexicon.language.stopwords.has(w) || questionWords.has(w) || /^\d+$/.test(w)) continue;
        if (lexicon.subjectTokens.has(w)) continue;
        // Read as the pack's synonyms make it when the vectors lack it ("roaccutane" as "medications").
        const meaning = meaningWord(lexicon, w);
        const vector = vectors.has(meaning);
        const rarity = vector ? sifWeight(vectors.rank(meaning)) : lexicon.language.isWord(w) ? 1 : 0.3;
        judgedWords.push({ word: w, meaning, stems: [stem(w), stem(meaning)], vector, rarity });
      }
      return judgedWords;
    };
    const gapsOf = (label: string) => {
      const cached = gapCache.get(label);
      if (cached) return cached;
      const own = labelStems.get(label) ?? new Set<string>();
      const words: Array<{ word: string; weight: number; rarity: number }> = [];
      const judged = wordsToExplain();
      for (const { word, meaning, stems, vector, rarity } of judged) {
        if (own.has(stems[0]) || own.has(stems[1])) continue;
        const support = semantic.wordSupport(meaning, label);
        if (support >= D.explainedSimilarity) continue;
        const weight = vector ? rarity * (1 - Math.max(0, support)) : rarity;
        words.push({ word, weight, rarity });
      }
      const result = { words, counted: judged.length };
      gapCache.set(label, result);
      return result;
    };
    const unexplained = (label: string): [number, number] => {
      const { words, counted } = gapsOf(label);
      const strongest = words.reduce((m, g) => Math.max(m, g.weight), 0);
      return [strongest, counted ? words.reduce((n, g) => n + g.weight, 0) / counted : 0];
    };
    return {
      analysis,
      labels: shortlist,
      topic: shortlist.map(isTopic),
      rank,
      message,
      unexplained,
      gaps: (label) => gapsOf(label).words,
      packNearness: (word) => semantic.packSupport(word),
      phrasing: (label) => t.get(label)?.phrasing,
      neighbours: (count) => (query ? semantic.nearestPhrasings(query, shortlist, count) : []),
    };
  }

  return {
    lexicon,
    labels,
    ranked,
    conversational,
    converse(analysis) {
      const query = semantic.encode(analysis);
      const lexical = byLabel(tfidf.match(analysis, conversational));
      return conversational.map(
        (label) =>
          new ConversationalReading(
            label,
            lexical.get(label)?.score ?? 0,
            lexical.get(label)?.phrasing,
            semantic,
            query,
          ),
      );
    },
    pleasantryShare: (analysis) => shareOf(analysis, conversationalWords),
    greetingShare: (analysis) => shareOf(analysis, greetingWords),
    analyze: (text) => analyze(text, lexicon),
    gather,
    kindNearness(analysis, kind) {
      const query = phrasingTexts.has(kind) ? semantic.encode(analysis) : undefined;
      return query ? semantic.nearestMean(query, kind, D.kindNearest) : 0;
    },
    nearestOfKind(analysis, kind) {
      const query = phrasingTexts.has(kind) ? semantic.encode(analysis) : undefined;
      return query ? semantic.nearestPhrasings(query, [kind], 1)[0]?.phrasing : undefined;
    },
    isGeneric(analysis) {
      const subject = analysis.content.filter((t) => !questionWords.has(t) && !lexicon.subjectTokens.has(t));
      return subject.length > 0 && subject.every((t) => (topicsUsing.get(t)?.size ?? 0) > specificLimit);
    },
  };
}

export { isContentToken };
