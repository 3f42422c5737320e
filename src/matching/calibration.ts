import type { FollowUpCounts } from "../knowledge/types.ts";
import type { LinearModel } from "./linear-model.ts";

/** What each label's score is made of: the matchers' evidence for this message and this label. */
export const RANK_FEATURES = [
  "bayes",
  "tfidf",
  "bm25",
  "semanticNearest",
  "semanticCentroid",
  "semanticAnswer",
  "questionFit",
  "lexicalMargin",
  "semanticMargin",
  "semanticTop3",
] as const;

/** What the decision to answer weighs: the best label's evidence and the message as a whole. */
export const ACCEPT_FEATURES = [
  "rank",
  "rankMargin",
  "unexplainedMax",
  "unexplainedMean",
  ...RANK_FEATURES,
  "domainWords",
  "domainMean",
  "semanticDomain",
  "semanticVsBackground",
  "coverage",
  "backgroundSemantic",
  "backgroundLexical",
  "length",
  "unknownWords",
  "names",
  "subject",
  "outOfScope",
  "hasVector",
] as const;

export type RankFeature = (typeof RANK_FEATURES)[number];
export type AcceptFeature = (typeof ACCEPT_FEATURES)[number];
/** One label's evidence for one message, by feature name. */
export type ComponentScores = Record<AcceptFeature, number>;

/**
 * How a pack turns evidence into a confidence: a ranker orders the labels (P(label is meant)), an
 * acceptor turns the best label's evidence into P(answering with it is right), and thresholds decide.
 * Fitted per pack by `cli fit` (calibration.yaml); a pack without one gets a default derived at load.
 */
/** When a kind the guards decide is read by meaning alone: this near its texts, and this far ahead of any topic. */
export interface ByMeaning {
  nearness: number;
  lead: number;
}

export interface Calibration {
  ranker: LinearModel;
  acceptor: LinearModel;
  /** followUpEasing: how much less confidence a follow-up needs; nextTopicWeight: how much where conversations go next counts (the dialog's; fitted on conversations). */
  thresholds: { answer: number; clarify: number; followUpEasing?: number; nextTopicWeight?: number };
  /**
   * A report of one's own this near the pack's labelled urgent messages (mean of the nearest three), and
   * nearer them than any topic's phrasings by `lead`, is urgent; fitted so it alone raises almost no false alarm.
   */
  urgent?: ByMeaning;
  /** The same for a request for a person, read against the handoff phrasings and examples. */
  handoff?: ByMeaning;
  /** How it was obtained, for `--explain`: "fitted on dev.jsonl (812 messages)", "derived at load". */
  source: string;
  /** What the dev set's conversations did after a topic when a follow-up read alone as another (the dialog's). */
  followUps?: FollowUpCounts[];
}
