import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { type Analysis, normalizerFrom } from "./analyze.ts";
import { ACCEPT_FEATURES, type Calibration, type ComponentScores, RANK_FEATURES } from "./calibration.ts";
import {
  backgroundOf,
  buildEvidenceIndex,
  type Evidence,
  type EvidenceIndex,
  type EvidenceOptions,
  type IndexSnapshot,
  URGENT,
} from "./evidence.ts";
import { buildLexicon, type Lexicon } from "./lexicon.ts";
import { predict } from "./linear-model.ts";

export interface Candidate {
  /** A topic id, "smalltalk:<id>" or "handoff". */
  label: string;
  /** P(answering with this label is right), from the pack's calibration. */
  confidence: number;
  /** P(this label is the one meant), from the ranker: what orders labels before the decision. */
  rank: number;
  components: ComponentScores;
  /** The phrasing that matched best. */
  phrasing?: string;
}

export interface MatchResult {
  analysis: Analysis;
  /** Topics, best first; empty when nothing in the pack resembles the message. */
  candidates: Candidate[];
  /** The message read as a request for a person or a pleasantry, ranked with the topics (for the guards). */
  conversational: Candidate[];
  /** The message read as the pack's labelled urgent reports, ranked with the topics (for the urgent guard). */
  urgent?: Candidate;
  /** No word of the message belongs to a few topics only ("how long does it take?"): it fits many. */
  generic: boolean;
  evidence: Evidence;
}

export type MatchOptions = EvidenceOptions;

export interface MatchingIndex {
  lexicon: Lexicon;
  calibration: Calibration;
  evidence: EvidenceIndex;
  analyze(text: string): Analysis;
  match(text: string, options?: MatchOptions): MatchResult;
  matchAnalysis(analysis: Analysis, options?: MatchOptions): MatchResult;
}

/** Where each acceptor input comes from: the ranks, the label's unexplained words, its rank features, the message. */
const ACCEPT_SOURCES = ACCEPT_FEATURES.map((f) =>
  f === "rank" || f === "rankMargin" || f === "unexplainedMax" || f === "unexplainedMean"
    ? f
    : (RANK_FEATURES as readonly string[]).includes(f)
      ? "label"
      : "message",
);

/** The acceptor's inputs for label `i` of `evidence`, given every label's rank. */
export function acceptValues(evidence: Evidence, i: number, ranks: readonly number[]): number[] {
  let other = 0;
  // Urgent is triage, not a rival answer: a topic's margin is over the other labels it could be.
  for (let j = 0; j < ranks.length; j++)
    if (j !== i && evidence.labels[j] !== URGENT) other = Math.max(other, ranks[j]!);
  const [unexplainedMax, unexplainedMean] = evidence.unexplained(evidence.labels[i]!);
  const label = evidence.rank[i]! as Record<string, number>;
  const message = evidence.message as unknown as Record<string, number>;
  const values = new Array<number>(ACCEPT_FEATURES.length);
  for (let j = 0; j < ACCEPT_FEATURES.length; j++) {
    const f = ACCEPT_FEATURES[j]!;
    let v: number | undefined;
    switch (ACCEPT_SOURCES[j]) {
      case "rank":
        v = ranks[i];
        break;
      case "rankMargin":
        v = ranks[i]! - other;
        break;
      case "unexplainedMax":
        v = unexplainedMax;
        break;
      case "unexplainedMean":
        v = unexplainedMean;
        break;
      case "label":
        v = label[f];
        break;
      default:
        v = message[f];
    }
    values[j] = v ?? 0;
  }
  return values;
}

/** Every component at 0, in order: a candidate's scores are a copy, one allocation of the final shape. */
const COMPONENTS_SHAPE = Object.fromEntries(ACCEPT_FEATURES.map((f) => [f, 0])) as ComponentScores;

/** Candidates a match returns: enough to ask among and to suggest from. */
export const SCORED_CANDIDATES = 5;

/** Orders the evidence's labels by the ranker, each with the calibrated chance that answering with it is right. */
export function scoreEvidence(evidence: Evidence, calibration: Calibration): Candidate[] {
  const ranks = evidence.rank.map((r) =>
    predict(
      calibration.ranker,
      RANK_FEATURES.map((f) => r[f]),
    ),
  );
  // Only the ranker's leaders are weighed by the acceptor (its word-by-word evidence is the costly part).
  // SCORED_CANDIDATES topics, and every other label the evidence ranked.
  let topicsLeft = SCORED_CANDIDATES;
  const leaders = ranks
    .map((_, i) => i)
    .sort((a, b) => ranks[b]! - ranks[a]!)
    .filter((i) => !evidence.topic[i] || topicsLeft-- > 0);
  const candidates = leaders.map((i): Candidate => {
    const label = evidence.labels[i]!;
    const values = acceptValues(evidence, i, ranks);
    const components = { ...COMPONENTS_SHAPE };
    for (let j = 0; j < ACCEPT_FEATURES.length; j++) components[ACCEPT_FEATURES[j]!] = values[j]!;
    const candidate: Candidate = {
      label,
      confidence: predict(calibration.acceptor, values),
      rank: ranks[i]!,
      components,
    };
    const phrasing = evidence.phrasing(label);
    if (phrasing) candidate.phrasing = phrasing;
    return candidate;
  });
  // The ranker orders; the acceptor says how far to trust each reading (it is fitted on the ranker's best).
  return candidates.sort((a, b) => b.rank - a.rank || b.confidence - a.confidence);
}

/**
 * The candidate's confidence with the message's uncovered subject taken as context: when the dialog has
 * read "can I have X the same day?" as a question about the pack's subject, naming X is
 * said plainly in the reply and is no longer evidence against answering.
 */
export function withSubjectAsContext(candidate: Candidate, calibration: Calibration): Candidate {
  const values = ACCEPT_FEATURES.map((f) => (f === "outOfScope" ? 0 : candidate.components[f]));
  return { ...candidate, confidence: predict(calibration.acceptor, values) };
}

export interface IndexOptions {
  language: Language;
  /** The pack's fitted calibration; without one, `deriveCalibration` gives a default. */
  calibration: Calibration | ((evidence: EvidenceIndex) => Calibration);
  /** Off-topic questions to contrast with: the language's background plus the pack's own examples. */
  background?: readonly string[];
  /** Analyses of the pack's texts by text: read first, filled with what was missing (see index-cache). */
  analyses?: Map<string, Analysis>;
  /** Sentence vectors of a previous build of the same pack: read first, filled when missing (see index-cache). */
  snapshot?: IndexSnapshot;
}

/** Everything that depends only on the knowledge base, computed once: lexicon, scorers, calibration. */
export function buildMatchingIndex(kb: KnowledgeBase, options: IndexOptions): MatchingIndex {
  // The pack's texts a cache analysed are normalised already: the lexicon reads them from there.
  const lexicon = buildLexicon(kb, options.language, normalizerFrom(options.analyses));
  const evidence = buildEvidenceIndex(
    kb,
    lexicon,
    options.background ?? backgroundOf(kb, options.language),
    options.analyses,
    options.snapshot,
  );
  const calibration =
    typeof options.calibration === "function" ? options.calibration(evidence) : options.calibration;
  const matchAnalysis = (analysis: Analysis, matchOptions: MatchOptions = {}): MatchResult => {
    const gathered = evidence.gather(analysis, matchOptions);
    const scored = scoreEvidence(gathered, calibration);
    const topics = new Set(gathered.labels.filter((_, i) => gathered.topic[i]));
    const others = scored.filter((c) => !topics.has(c.label));
    const urgent = others.find((c) => c.label === URGENT);
    return {
      analysis,
      candidates: others.length ? scored.filter((c) => topics.has(c.label)) : scored,
      conversational: urgent ? others.filter((c) => c !== urgent) : others,
      ...(urgent ? { urgent } : {}),
      generic: evidence.isGeneric(analysis),
      evidence: gathered,
    };
  };
  return {
    lexicon,
    calibration,
    evidence,
    analyze: evidence.analyze,
    match: (text, matchOptions) => matchAnalysis(evidence.analyze(text), matchOptions),
    matchAnalysis,
  };
}
