import type { Analysis } from "./analyze.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";
import { rowsOf } from "./rows.ts";

const ALPHA = 0.5;

/**
 * Multinomial naive Bayes over sparse features. natural's BayesClassifier builds a dense vector over the
 * whole vocabulary per class and message (O(classes × vocabulary)); this keeps the same model in an
 * inverted index so a message costs O(classes + postings), which matters at 5,000 entries.
 */
export function createBayesMatcher(examples: readonly TrainingExample[]): Matcher {
  const labels = [...new Set(examples.map((e) => e.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, Map<number, number>>();
  const totals = new Float64Array(labels.length);
  for (const e of examples) {
    const c = labelIndex.get(e.label)!;
    for (const f of e.features) {
      const byLabel = counts.get(f) ?? new Map<number, number>();
      counts.set(f, byLabel);
      byLabel.set(c, (byLabel.get(c) ?? 0) + 1);
      totals[c]! += 1;
    }
  }
  const vocabularySize = counts.size;
  const logBase = Float64Array.from(totals, (n) => Math.log(ALPHA / (n + ALPHA * vocabularySize)));
  const { row: featureRow, start: rowStart } = rowsOf(counts, (byLabel) => byLabel.size);
  const bonusLabels = new Int32Array(rowStart.at(-1)!);
  const bonusWeights = new Float64Array(bonusLabels.length);
  let k = 0;
  for (const byLabel of counts.values())
    byLabel.forEach((n, c) => {
      bonusLabels[k] = c;
      bonusWeights[k++] = Math.log((n + ALPHA) / ALPHA);
    });

  // Reused across messages: at 5,000 entries a fresh array per message is 40 KB of garbage.
  const probs = new Float64Array(labels.length);
  const posteriors = lastQueryCache((query: Analysis): Float64Array => {
    let known = 0;
    for (const f of query.features) if (featureRow.has(f)) known++;
    if (!known) return probs.fill(0);
    for (let c = 0; c < probs.length; c++) probs[c] = logBase[c]! * known;
    for (const f of query.features) {
      const r = featureRow.get(f);
      if (r === undefined) continue;
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
