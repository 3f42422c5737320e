/**
 * Weights that turn component scores into one confidence in [0, 1]: a logistic model fitted on the dev set
 * by `cli eval --fit` (it prints these numbers), so that confidence reads as "chance the top label is right".
 */
export interface Calibration {
  bias: number;
  bayes: number;
  tfidf: number;
  fuzzy: number;
  bm25: number;
  coverage: number;
  margin: number;
}

export const DEFAULT_CALIBRATION: Calibration = {
  bias: -1.255,
  bayes: 0.102,
  tfidf: 0.114,
  fuzzy: -0.731,
  bm25: 4.089,
  coverage: -0.032,
  margin: 1.386,
};

export interface ComponentScores {
  bayes: number;
  tfidf: number;
  fuzzy: number;
  bm25: number;
  /** Share of the message's words the knowledge base knows. */
  coverage: number;
  /** This label's raw score minus the best other label's: ambiguity lowers confidence. */
  margin: number;
}

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
