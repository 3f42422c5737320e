/**
 * Weights that turn component scores into one confidence in [0, 1]: a logistic model fitted on the dev set
 * by `cli eval --fit` (it prints these numbers), so that confidence reads as "chance the top label is right".
 */
/** The signals combined into one confidence, each in its own range (margin may be negative). */
export type Component = "bayes" | "tfidf" | "fuzzy" | "bm25" | "coverage" | "margin";

/**
 * One label's signals: the four matchers' scores in [0, 1]; coverage, the share of the message's words
 * the knowledge base knows; margin, this label's raw score minus the best other label's.
 */
export type ComponentScores = Record<Component, number>;

/** A weight per component plus a bias: a logistic model over ComponentScores. */
export type Calibration = Record<Component | "bias", number>;

export const DEFAULT_CALIBRATION: Calibration = {
  bias: -1.255,
  bayes: 0.102,
  tfidf: 0.114,
  fuzzy: -0.731,
  bm25: 4.089,
  coverage: -0.032,
  margin: 1.386,
};

/** Unweighted sum of the matchers' scores: ranks labels, and differences between labels are the margins. */
export function rawScore(s: Pick<ComponentScores, "bayes" | "tfidf" | "fuzzy" | "bm25">): number {
  return s.bayes + s.tfidf + s.fuzzy + s.bm25;
}

export function calibratedConfidence(s: ComponentScores, c: Calibration): number {
  const z =
    c.bias +
    c.bayes * s.bayes +
    c.tfidf * s.tfidf +
    c.fuzzy * s.fuzzy +
    c.bm25 * s.bm25 +
    c.coverage * s.coverage +
    c.margin * s.margin;
  return 1 / (1 + Math.exp(-z));
}
