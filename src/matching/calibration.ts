/**
 * Weights that turn component scores into one confidence in [0, 1]: a logistic model fitted on the dev set
 * by `cli eval --fit` (it prints these numbers), so that confidence reads as "chance the top label is right".
 */
export interface Calibration {
  bias: number;
  bayes: number;
  tfidf: number;
  fuzzy: number;
  coverage: number;
}

export const DEFAULT_CALIBRATION: Calibration = {
  bias: -6,
  bayes: 3,
  tfidf: 5,
  fuzzy: 2,
  coverage: 2,
};

export interface ComponentScores {
  bayes: number;
  tfidf: number;
  fuzzy: number;
  coverage: number;
}

export function calibratedConfidence(s: ComponentScores, c: Calibration): number {
  const z = c.bias + c.bayes * s.bayes + c.tfidf * s.tfidf + c.fuzzy * s.fuzzy + c.coverage * s.coverage;
  return 1 / (1 + Math.exp(-z));
}
