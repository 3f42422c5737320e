import type { Analysis } from "./analyze.ts";
import { ensureBytes, instantiateKernel } from "./kernel.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";
import { type FeatureRows, featureRows, groupByRow, rowsOfFeatures } from "./rows.ts";
import { TFIDF_KERNEL } from "./tfidf-kernel.ts";

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

interface Kernel {
  layout(
    postings: number,
    rowStart: number,
    norms: number,
    labelOf: number,
    dots: number,
    touched: number,
    best: number,
    bestExample: number,
    touchedLabels: number,
  ): void;
  similarities(query: number, count: number, queryNorm: number): number;
}

/** Features a message's list holds room for at first (16 bytes each); it grows for a longer message. */
const QUERY_FEATURES = 256;

/**
 * The model in a TF-IDF kernel's memory, 8-byte aligned, then the reused per-message arrays and the
 * message's (feature row, product) list last, so that it alone grows.
 */
function kernelFor(model: TfidfModel) {
  const { labels, norms, rowStart, postingExamples, exampleLabel } = model;
  const kernel = instantiateKernel<Kernel>(TFIDF_KERNEL);
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const postingsAt = take(4 * postingExamples.length);
  const rowStartAt = take(4 * rowStart.length);
  const normsAt = take(8 * norms.length);
  const labelOfAt = take(4 * norms.length);
  const dotsAt = take(8 * norms.length);
  const touchedAt = take(4 * norms.length);
  const bestAt = take(8 * labels.length);
  const bestExampleAt = take(4 * labels.length);
  const touchedLabelsAt = take(4 * labels.length);
  const queryAt = end;
  ensureBytes(kernel.memory, queryAt + 16 * QUERY_FEATURES);
  const buffer = kernel.memory.buffer;
  new Int32Array(buffer, postingsAt, postingExamples.length).set(postingExamples);
  new Int32Array(buffer, rowStartAt, rowStart.length).set(rowStart);
  new Float64Array(buffer, normsAt, norms.length).set(norms);
  new Int32Array(buffer, labelOfAt, norms.length).set(exampleLabel);
  new Int32Array(buffer, bestExampleAt, labels.length).fill(-1);
  kernel.layout(
    postingsAt,
    rowStartAt,
    normsAt,
    labelOfAt,
    dotsAt,
    touchedAt,
    bestAt,
    bestExampleAt,
    touchedLabelsAt,
  );
  /** Views of the kernel's memory: renewed when it grows. */
  const views = () => {
    const b = kernel.memory.buffer;
    return {
      best: new Float64Array(b, bestAt, labels.length),
      bestExample: new Int32Array(b, bestExampleAt, labels.length),
      touchedLabels: new Int32Array(b, touchedLabelsAt, labels.length),
      // A query entry is the row (int32) then 4 bytes unused then the product (float64): 16 bytes.
      queryRow: new Int32Array(b, queryAt),
      queryProduct: new Float64Array(b, queryAt),
    };
  };
  let view = views();
  return {
    /** The views, with room for `features` query entries. */
    room(features: number) {
      if (ensureBytes(kernel.memory, queryAt + 16 * features)) view = views();
      return view;
    },
    similarities: (count: number, queryNorm: number) => kernel.similarities(queryAt, count, queryNorm),
  };
}

/** TF-IDF from a fitted (or cached) model; `texts`: the examples' texts, in the model's order. */
export function tfidfMatcher(model: TfidfModel, texts: readonly string[]): Matcher {
  const { labels, featureRow, rowIdf, unseenIdf } = model;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  // The posting lists and each label's best are walked in a WebAssembly kernel: about half the time.
  const kernel = kernelFor(model);
  // Per feature, the last message that used it: a repeat is skipped without a search of the message.
  const usedBy = new Int32Array(rowIdf.length);
  let message = 0;

  const similarities = lastQueryCache((query: Analysis) => {
    message = (message + 1) | 0;
    const features = query.features;
    const { best, bestExample, touchedLabels, queryRow, queryProduct } = kernel.room(features.length);
    const rows = rowsOfFeatures(featureRow, features);
    let queryNorm = 0;
    let count = 0;
    for (let q = 0; q < features.length; q++) {
      const r = rows[q]!;
      // A repeated word counts once.
      if (r >= 0 ? usedBy[r] === message : features.indexOf(features[q]!) < q) continue;
      if (r >= 0) usedBy[r] = message;
      // A feature the phrasings never use still counts in the query's length: unknown words dilute.
      const w = r >= 0 ? rowIdf[r]! : unseenIdf;
      queryNorm += w * w;
      if (r < 0) continue;
      // Every phrasing holding f weighs it by its idf, as the message does: one product for the list.
      queryRow[4 * count] = r;
      queryProduct[2 * count + 1] = w * rowIdf[r]!;
      count++;
    }
    const touched = kernel.similarities(count, Math.sqrt(queryNorm) || 1);
    return { best, bestExample, touchedLabels: touchedLabels.subarray(0, touched) };
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
