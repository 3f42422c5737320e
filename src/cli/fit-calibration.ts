import type { Calibration, ComponentScores } from "../matching/index.ts";

export interface FitSample {
  components: ComponentScores;
  right: boolean;
}

const KEYS = ["bayes", "tfidf", "fuzzy", "bm25", "coverage", "margin"] as const;

/** Logistic regression by gradient descent with a little L2: few features, a few hundred samples. */
export function fitCalibration(samples: FitSample[], iterations = 4000, rate = 0.5, l2 = 0.001): Calibration {
  const w = [0, 0, 0, 0, 0, 0];
  let bias = 0;
  for (let it = 0; it < iterations; it++) {
    const grad = [0, 0, 0, 0, 0, 0];
    let gradBias = 0;
    for (const s of samples) {
      const x = KEYS.map((k) => s.components[k]);
      const z = bias + x.reduce((sum, xi, i) => sum + xi * w[i]!, 0);
      const error = 1 / (1 + Math.exp(-z)) - (s.right ? 1 : 0);
      for (const [i, xi] of x.entries()) grad[i]! += error * xi;
      gradBias += error;
    }
    for (const [i, wi] of w.entries()) w[i] = wi - rate * (grad[i]! / samples.length + l2 * wi);
    bias -= (rate * gradBias) / samples.length;
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    bias: round(bias),
    bayes: round(w[0]!),
    tfidf: round(w[1]!),
    fuzzy: round(w[2]!),
    bm25: round(w[3]!),
    coverage: round(w[4]!),
    margin: round(w[5]!),
  };
}
