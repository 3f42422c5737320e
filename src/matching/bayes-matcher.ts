import type { Analysis } from "./analyze.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";

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
  const bonus = new Map<string, Array<[number, number]>>();
  for (const [f, byLabel] of counts) {
    bonus.set(
      f,
      [...byLabel].map(([c, n]) => [c, Math.log((n + ALPHA) / ALPHA)]),
    );
  }

  return {
    name: "bayes",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const known = query.features.filter((f) => bonus.has(f));
      if (!known.length) return [];
      const scores = Float64Array.from(logBase, (b) => b * known.length);
      for (const f of known) for (const [c, b] of bonus.get(f)!) scores[c]! += b;
      // Per-feature temperature: without it, posteriors are ~1 for any top label.
      const t = Math.sqrt(known.length) * 1.5;
      let max = -Infinity;
      for (const s of scores) max = Math.max(max, s);
      let sum = 0;
      const probs = Float64Array.from(scores, (s) => {
        const p = Math.exp((s - max) / t);
        sum += p;
        return p;
      });
      const wanted = only ? only.map((l) => labelIndex.get(l)).filter((c) => c !== undefined) : labels.keys();
      const out: LabelScore[] = [];
      for (const c of wanted) out.push({ label: labels[c]!, score: Math.min(1, probs[c]! / sum) });
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
