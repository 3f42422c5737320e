import type { Analysis } from "./analyze.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";
import { type FeatureRows, featureRows, groupByRow } from "./rows.ts";

/** What TF-IDF learns from the examples: plain arrays, so an index cache can keep it. */
export interface TfidfModel {
  labels: string[];
  featureRow: Map<string, number>;
  /** Per example, its label's index. */
  exampleLabel: Int32Array;
  rowIdf: Float64Array;
  /** Per example, the length of its weight vector. */
  norms: Float64Array;
  /** Per feature, where its examples start in postingExamples; features + 1 offsets. */
  rowStart: Int32Array;
  postingExamples: Int32Array;
  /** The idf of a feature no example uses: it still counts in the message's length. */
  unseenIdf: number;
}

/** `rows`: featureRows of the examples' features, when the caller has it (naive Bayes reads the same lists). */
export function fitTfidf(
  examples: readonly TrainingExample[],
  rows: FeatureRows = featureRows(examples.map((e) => e.features)),
): TfidfModel {
  const labels = [...new Set(examples.map((e) => e.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const exampleLabel = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  // Each example's features, a repeated one once, in order; then the examples holding each feature.
  const { row: featureRow, rowOf, listStart } = rows;
  const rowCount = featureRow.size;
  // Per feature, the last example holding it: a repeat within an example is skipped.
  const lastExample = new Int32Array(rowCount).fill(-1);
  const df = new Int32Array(rowCount);
  const distinct = new Int32Array(rowOf.length);
  const distinctExample = new Int32Array(rowOf.length);
  let distinctCount = 0;
  const distinctStart = new Int32Array(examples.length + 1);
  for (let i = 0; i < examples.length; i++) {
    for (let k = listStart[i]!; k < listStart[i + 1]!; k++) {
      const r = rowOf[k]!;
      if (lastExample[r] === i) continue;
      lastExample[r] = i;
      df[r]!++;
      distinct[distinctCount] = r;
      distinctExample[distinctCount++] = i;
    }
    distinctStart[i + 1] = distinctCount;
  }
  const rowIdf = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) rowIdf[r] = Math.log(1 + examples.length / df[r]!);
  const norms = new Float64Array(examples.length);
  for (let i = 0; i < examples.length; i++) {
    let norm = 0;
    for (let k = distinctStart[i]!; k < distinctStart[i + 1]!; k++) {
      const w = rowIdf[distinct[k]!]!;
      norm += w * w;
    }
    norms[i] = Math.sqrt(norm) || 1;
  }
  const { start: rowStart, order } = groupByRow(distinct, distinctCount, rowCount);
  const postingExamples = new Int32Array(distinctCount);
  for (let k = 0; k < distinctCount; k++) postingExamples[k] = distinctExample[order[k]!]!;
  return {
    labels,
    featureRow,
    exampleLabel,
    rowIdf,
    norms,
    rowStart,
    postingExamples,
    unseenIdf: Math.log(1 + examples.length),
  };
}

/** Cosine similarity between the message and its nearest phrasing (TF-IDF weights, inverted index). */
export const createTfidfMatcher = (examples: readonly TrainingExample[], rows?: FeatureRows): Matcher =>
  tfidfMatcher(
    fitTfidf(examples, rows),
    examples.map((e) => e.text),
  );

/** TF-IDF from a fitted (or cached) model; `texts`: the examples' texts, in the model's order. */
export function tfidfMatcher(model: TfidfModel, texts: readonly string[]): Matcher {
  const { labels, featureRow, exampleLabel, rowIdf, norms, rowStart, postingExamples, unseenIdf } = model;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  // Reused across messages (only touched entries are reset): no allocation sized to every phrasing.
  const dots = new Float64Array(norms.length);
  const best = new Float64Array(labels.length);
  const bestExample = new Int32Array(labels.length).fill(-1);
  const touched = new Int32Array(norms.length);
  let touchedCount = 0;
  const touchedLabels = new Int32Array(labels.length);
  let touchedLabelCount = 0;
  // Per feature, the last message that used it: a repeat is skipped without a search of the message.
  const usedBy = new Int32Array(rowIdf.length);
  let message = 0;

  const similarities = lastQueryCache((query: Analysis) => {
    for (let k = 0; k < touchedCount; k++) dots[touched[k]!] = 0;
    for (let k = 0; k < touchedLabelCount; k++) {
      const c = touchedLabels[k]!;
      best[c] = 0;
      bestExample[c] = -1;
    }
    touchedCount = 0;
    touchedLabelCount = 0;
    message = (message + 1) | 0;
    let queryNorm = 0;
    const features = query.features;
    for (let q = 0; q < features.length; q++) {
      const f = features[q]!;
      const r = featureRow.get(f);
      // A repeated word counts once.
      if (r !== undefined ? usedBy[r] === message : features.indexOf(f) < q) continue;
      if (r !== undefined) usedBy[r] = message;
      // A feature the phrasings never use still counts in the query's length: unknown words dilute.
      const w = r !== undefined ? rowIdf[r]! : unseenIdf;
      queryNorm += w * w;
      if (r === undefined) continue;
      // Every phrasing holding f weighs it by its idf, as the message does: one product for the list.
      const product = w * rowIdf[r]!;
      for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
        const i = postingExamples[k]!;
        if (dots[i] === 0) touched[touchedCount++] = i;
        dots[i]! += product;
      }
    }
    queryNorm = Math.sqrt(queryNorm) || 1;
    for (let k = 0; k < touchedCount; k++) {
      const i = touched[k]!;
      const similarity = Math.min(1, dots[i]! / (queryNorm * norms[i]!));
      const c = exampleLabel[i]!;
      if (bestExample[c] === -1) touchedLabels[touchedLabelCount++] = c;
      if (similarity > best[c]!) {
        best[c] = similarity;
        bestExample[c] = i;
      }
    }
    return { best, bestExample, touchedLabels: touchedLabels.subarray(0, touchedLabelCount) };
  });

  // The scores are fresh objects from pickLabels/topLabels: each gets its best phrasing in place.
  const withPhrasings = (query: Analysis, scores: LabelScore[]): LabelScore[] => {
    const { bestExample } = similarities(query);
    for (const s of scores) {
      const c = labelIndex.get(s.label);
      if (c !== undefined && bestExample[c]! >= 0) s.phrasing = texts[bestExample[c]!];
    }
    return scores;
  };

  return {
    name: "tfidf",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const { best, touchedLabels } = similarities(query);
      const scores = only
        ? pickLabels(best, labelIndex, only)
        : topLabels(best, labels, MAX_RETURNED, touchedLabels);
      return withPhrasings(query, scores);
    },
  };
}
