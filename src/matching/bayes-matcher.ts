import type { Analysis } from "./analyze.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";
import { type FeatureRows, featureRows, groupByRow, rowsOfFeatures } from "./rows.ts";

const ALPHA = 0.5;

/** What naive Bayes learns from the examples: plain arrays, so an index cache can keep it. */
export interface BayesModel {
  labels: string[];
  featureRow: Map<string, number>;
  /** Per label, the log-probability of a feature it never used. */
  logBase: Float64Array;
  /** Per feature, where its (label, weight) entries start; features + 1 offsets. */
  rowStart: Int32Array;
  bonusLabels: Int32Array;
  bonusWeights: Float64Array;
}

/**
 * Multinomial naive Bayes over sparse features. natural's BayesClassifier builds a dense vector over the
 * whole vocabulary per class and message (O(classes × vocabulary)); this keeps the same model in an
 * inverted index so a message costs O(classes + postings), which matters at 5,000 entries.
 * `rows`: featureRows of the examples' features, when the caller has it (TF-IDF reads the same lists).
 */
export function fitBayes(
  examples: readonly TrainingExample[],
  rows: FeatureRows = featureRows(examples.map((e) => e.features)),
): BayesModel {
  const labels = [...new Set(examples.map((e) => e.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const { row: featureRow, rowOf, listStart } = rows;
  const totals = new Float64Array(labels.length);
  const occurrenceLabel = new Int32Array(rowOf.length);
  for (let i = 0; i < examples.length; i++) {
    const c = labelIndex.get(examples[i]!.label)!;
    for (let k = listStart[i]!; k < listStart[i + 1]!; k++) {
      occurrenceLabel[k] = c;
      totals[c]! += 1;
    }
  }
  const vocabularySize = featureRow.size;
  const logBase = Float64Array.from(totals, (n) => Math.log(ALPHA / (n + ALPHA * vocabularySize)));
  // Per feature, each label using it once with its count: a label's posterior sums one entry per feature.
  const byRow = groupByRow(rowOf, rowOf.length, vocabularySize);
  const rowStart = new Int32Array(vocabularySize + 1);
  const labelsOf = new Int32Array(rowOf.length);
  const weightsOf = new Float64Array(rowOf.length);
  const counted = new Int32Array(labels.length);
  const seen: number[] = [];
  let k = 0;
  for (let r = 0; r < vocabularySize; r++) {
    for (let e = byRow.start[r]!; e < byRow.start[r + 1]!; e++) {
      const c = occurrenceLabel[byRow.order[e]!]!;
      if (counted[c] === 0) seen.push(c);
      counted[c]!++;
    }
    for (let j = 0; j < seen.length; j++) {
      const c = seen[j]!;
      labelsOf[k] = c;
      weightsOf[k++] = Math.log((counted[c]! + ALPHA) / ALPHA);
      counted[c] = 0;
    }
    seen.length = 0;
    rowStart[r + 1] = k;
  }
  return {
    labels,
    featureRow,
    logBase,
    rowStart,
    bonusLabels: labelsOf.slice(0, k),
    bonusWeights: weightsOf.slice(0, k),
  };
}

export const createBayesMatcher = (examples: readonly TrainingExample[], rows?: FeatureRows): Matcher =>
  bayesMatcher(fitBayes(examples, rows));

/** Naive Bayes posteriors from a fitted (or cached) model. */
export function bayesMatcher(model: BayesModel): Matcher {
  const { labels, featureRow, logBase, rowStart, bonusLabels, bonusWeights } = model;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  // Reused across messages: at 5,000 entries a fresh array per message is 40 KB of garbage.
  const probs = new Float64Array(labels.length);
  const posteriors = lastQueryCache((query: Analysis): Float64Array => {
    const features = query.features;
    const rows = rowsOfFeatures(featureRow, features);
    let known = 0;
    for (let q = 0; q < features.length; q++) if (rows[q]! >= 0) known++;
    if (!known) return probs.fill(0);
    for (let c = 0; c < probs.length; c++) probs[c] = logBase[c]! * known;
    for (let q = 0; q < features.length; q++) {
      const r = rows[q]!;
      if (r < 0) continue;
      for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++)
        probs[bonusLabels[k]!]! += bonusWeights[k]!;
    }
    // Per-feature temperature: without it, posteriors are ~1 for any top label.
    const t = Math.sqrt(known) * 1.5;
    let max = -Infinity;
    for (let c = 0; c < probs.length; c++) max = Math.max(max, probs[c]!);
    let sum = 0;
    for (let c = 0; c < probs.length; c++) {
      probs[c] = Math.exp((probs[c]! - max) / t);
      sum += probs[c]!;
    }
    for (let c = 0; c < probs.length; c++) probs[c] = Math.min(1, probs[c]! / sum);
    return probs;
  });

  return {
    name: "bayes",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const probs = posteriors(query);
      return only ? pickLabels(probs, labelIndex, only) : topLabels(probs, labels, MAX_RETURNED);
    },
  };
}
