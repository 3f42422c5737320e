import type { KnowledgeBase } from "../knowledge/types.ts";
import { type Analysis, analyze } from "./analyze.ts";
import { createBayesMatcher } from "./bayes-matcher.ts";
import { createBm25Matcher, type LabelDocument } from "./bm25-matcher.ts";
import {
  type Calibration,
  type ComponentScores,
  calibratedConfidence,
  DEFAULT_CALIBRATION,
  rawScore,
} from "./calibration.ts";
import { createFuzzyMatcher } from "./fuzzy-matcher.ts";
import { buildLexicon, type Lexicon } from "./lexicon.ts";
import type { LabelScore, TrainingExample } from "./matcher.ts";
import { stem } from "./natural.ts";
import { QUESTION_WORDS } from "./stopwords.ts";
import { createTfidfMatcher } from "./tfidf-matcher.ts";

export interface Candidate {
  /** A topic id, "smalltalk:<id>" or "handoff". */
  label: string;
  confidence: number;
  components: ComponentScores;
  /** The phrasing that matched best. */
  phrasing?: string;
}

export interface MatchResult {
  analysis: Analysis;
  /** Best first; empty when nothing shares a word with the message. */
  candidates: Candidate[];
  /** No word of the message belongs to a few topics only ("how long does it take?"): it fits many. */
  generic: boolean;
}

export interface MatchOptions {
  /** Score only these labels (a clarify's choices). */
  only?: readonly string[];
}

export interface MatchingIndex {
  lexicon: Lexicon;
  analyze(text: string): Analysis;
  match(text: string, options?: MatchOptions): MatchResult;
  matchAnalysis(analysis: Analysis, options?: MatchOptions): MatchResult;
}

const SHORTLIST = 6;
const FUZZY_LEADERS = 2;
/** A word used by at most this share of topics' phrasings says which topic is meant ("heal", "makeup"). */
const SPECIFIC_SHARE = 0.15;

function trainingTexts(kb: KnowledgeBase): Array<{ label: string; text: string }> {
  const out: Array<{ label: string; text: string }> = [];
  for (const t of kb.topics) for (const text of [t.question, ...t.phrasings]) out.push({ label: t.id, text });
  for (const s of kb.conversation.smalltalk)
    for (const text of s.phrasings) out.push({ label: `smalltalk:${s.id}`, text });
  for (const text of kb.conversation.handoff.phrasings) out.push({ label: "handoff", text });
  return out;
}

/** Everything that depends only on the knowledge base, computed once: lexicon, classifiers, indexes. */
export function buildMatchingIndex(
  kb: KnowledgeBase,
  calibration: Calibration = DEFAULT_CALIBRATION,
): MatchingIndex {
  const lexicon = buildLexicon(kb);
  const examples: TrainingExample[] = trainingTexts(kb).map(({ label, text }) => {
    const a = analyze(text, lexicon);
    return { label, text, features: a.features, tokens: a.tokens };
  });
  for (const e of examples) for (const t of e.tokens) lexicon.known.add(stem(t));
  for (const t of kb.topics) {
    for (const text of [t.answer, ...t.claims.map((c) => c.statement)]) {
      for (const token of analyze(text, lexicon).tokens) lexicon.known.add(stem(token));
    }
  }
  for (const term of [...kb.vocabulary.areas, ...kb.vocabulary.concerns, ...kb.vocabulary.outOfScope]) {
    for (const token of analyze(term, lexicon).tokens) lexicon.known.add(stem(token));
  }

  const topicsUsing = new Map<string, Set<string>>();
  for (const e of examples) {
    if (!kb.topicById.has(e.label)) continue;
    for (const t of e.tokens) {
      const set = topicsUsing.get(t) ?? new Set<string>();
      topicsUsing.set(t, set);
      set.add(e.label);
    }
  }
  const specificLimit = Math.max(2, Math.round(kb.topics.length * SPECIFIC_SHARE));
  const isGeneric = (analysis: Analysis) => {
    // "what is <subject>" asks about the subject itself; "how long does it take" could be anything.
    const subject = analysis.content.filter((t) => !QUESTION_WORDS.has(t) && !lexicon.subjectTokens.has(t));
    return subject.length > 0 && subject.every((t) => (topicsUsing.get(t)?.size ?? 0) > specificLimit);
  };

  const bayes = createBayesMatcher(examples);
  const tfidf = createTfidfMatcher(examples);
  const fuzzy = createFuzzyMatcher(examples);
  const bm25 = createBm25Matcher(labelDocuments(kb, examples, lexicon));
  const byLabel = (scores: LabelScore[]) => new Map(scores.map((s) => [s.label, s]));

  const matchAnalysis = (analysis: Analysis, options: MatchOptions = {}): MatchResult => {
    // The shortlist is the union of the matchers' leaders; a second pass scores it with every matcher,
    // reusing each matcher's per-message work.
    const shortlist = options.only
      ? [...options.only]
      : [
          ...new Set(
            [bayes, tfidf, bm25].flatMap((mt) =>
              mt
                .match(analysis)
                .slice(0, SHORTLIST)
                .map((x) => x.label),
            ),
          ),
        ];
    if (!shortlist.length) return { analysis, candidates: [], generic: false };
    const b = byLabel(bayes.match(analysis, shortlist));
    const t = byLabel(tfidf.match(analysis, shortlist));
    const m = byLabel(bm25.match(analysis, shortlist));
    // fuse.js is the costly matcher: it only refines the few labels the others already rank highest.
    const leaders = [...shortlist].sort((x, y) => cheapScore(y) - cheapScore(x)).slice(0, FUZZY_LEADERS);
    const f = new Map(
      leaders.map((label) => [label, fuzzy.similarity(analysis, t.get(label)?.nearest ?? [])]),
    );
    function cheapScore(label: string): number {
      return (b.get(label)?.score ?? 0) + (t.get(label)?.score ?? 0) + (m.get(label)?.score ?? 0);
    }
    const scored = shortlist.map((label) => {
      const parts = {
        bayes: b.get(label)?.score ?? 0,
        tfidf: t.get(label)?.score ?? 0,
        fuzzy: f.get(label)?.score ?? 0,
        bm25: m.get(label)?.score ?? 0,
      };
      return { label, parts, raw: rawScore(parts) };
    });
    // Each candidate's rival is the best other score: the top one's is the runner-up, everyone else's the top.
    let top = 0;
    let second = 0;
    for (const { raw } of scored) {
      if (raw > top) {
        second = top;
        top = raw;
      } else if (raw > second) second = raw;
    }
    let topTaken = false;
    const candidates = scored.map(({ label, parts, raw }): Candidate => {
      const isTop = !topTaken && raw === top;
      if (isTop) topTaken = true;
      const rival = isTop ? second : top;
      const components: ComponentScores = { ...parts, coverage: analysis.coverage, margin: raw - rival };
      return {
        label,
        confidence: calibratedConfidence(components, calibration),
        components,
        phrasing: t.get(label)?.phrasing ?? f.get(label)?.phrasing,
      };
    });
    candidates.sort((x, y) => y.confidence - x.confidence);
    return { analysis, candidates, generic: isGeneric(analysis) };
  };

  return {
    lexicon,
    analyze: (text) => analyze(text, lexicon),
    match: (text, options) => matchAnalysis(analyze(text, lexicon), options),
    matchAnalysis,
  };
}

/** Answer words count a third as much as phrasings: they describe the topic, people do not ask in them. */
const ANSWER_WEIGHT = 0.3;

function labelDocuments(kb: KnowledgeBase, examples: TrainingExample[], lexicon: Lexicon): LabelDocument[] {
  const docs = new Map<string, LabelDocument>();
  const doc = (label: string) => {
    const d = docs.get(label) ?? { label, features: [] };
    docs.set(label, d);
    return d;
  };
  for (const e of examples)
    doc(e.label).features.push(...e.features.map((feature) => ({ feature, weight: 1 })));
  for (const t of kb.topics) {
    for (const text of [t.answer, ...t.claims.map((c) => c.statement)]) {
      const features = analyze(text, lexicon).features;
      doc(t.id).features.push(...features.map((feature) => ({ feature, weight: ANSWER_WEIGHT })));
    }
  }
  return [...docs.values()];
}
