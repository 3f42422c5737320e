import type { Analysis } from "./analyze.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher } from "./matcher.ts";
import { featureRows, groupByRow, rowsOfFeatures } from "./rows.ts";

const K1 = 1.2;
const B = 0.75;

/** A label's text as one document: phrasings at full weight, its answer's words at a lower one. */
export interface LabelDocument {
  label: string;
  features: string[];
  /** Each feature's weight, by position (side by side: no object per feature). */
  weights: number[];
}

/** What BM25 computes from the documents: plain arrays, so an index cache can keep it. */
export interface Bm25Model {
  labels: string[];
  featureRow: Map<string, number>;
  /** Per feature, where its documents start in postingDocs; features + 1 offsets. */
  rowStart: Int32Array;
  postingDocs: Int32Array;
  /** Per posting, the saturated term frequency times (k1 + 1). */
  saturated: Float64Array;
}

export function fitBm25(documents: readonly LabelDocument[]): Bm25Model {
  const labels = documents.map((d) => d.label);
  const lengths = documents.map((d) => {
    let sum = 0;
    for (const w of d.weights) sum += w;
    return sum;
  });
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  const { row: featureRow, rowOf, listStart } = featureRows(documents.map((d) => d.features));
  const rowCount = featureRow.size;
  // Per feature, the last document holding it and where its term frequency is summed.
  const lastDoc = new Int32Array(rowCount).fill(-1);
  const slotOf = new Int32Array(rowCount);
  const entryRow = new Int32Array(rowOf.length);
  const entryDoc = new Int32Array(rowOf.length);
  const entryTf = new Float64Array(rowOf.length);
  let entries = 0;
  documents.forEach((doc, i) => {
    const from = entries;
    for (let k = listStart[i]!, q = 0; k < listStart[i + 1]!; k++, q++) {
      const r = rowOf[k]!;
      if (lastDoc[r] !== i) {
        lastDoc[r] = i;
        slotOf[r] = entries;
        entryRow[entries] = r;
        entryDoc[entries] = i;
        entryTf[entries++] = 0;
      }
      entryTf[slotOf[r]!]! += doc.weights[q]!;
    }
    const lengthNorm = K1 * (1 - B + (B * lengths[i]!) / averageLength);
    // Precomputed per document: the saturated term frequency, times (k1 + 1).
    for (let e = from; e < entries; e++) {
      const f = entryTf[e]!;
      entryTf[e] = (f * (K1 + 1)) / (f + lengthNorm);
    }
  });
  const { start: rowStart, order } = groupByRow(entryRow, entries, rowCount);
  const postingDocs = new Int32Array(entries);
  const saturated = new Float64Array(entries);
  for (let k = 0; k < entries; k++) {
    postingDocs[k] = entryDoc[order[k]!]!;
    saturated[k] = entryTf[order[k]!]!;
  }
  return { labels, featureRow, rowStart, postingDocs, saturated };
}

export const createBm25Matcher = (documents: readonly LabelDocument[]): Matcher =>
  bm25Matcher(fitBm25(documents));

/**
 * BM25 over one document per label, scaled to [0, 1] by the score a document holding every query
 * feature would get, so "how well does this topic's vocabulary cover the message" is comparable.
 */
export function bm25Matcher(model: Bm25Model): Matcher {
  const { labels, featureRow, rowStart, postingDocs, saturated } = model;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  /** Of a feature's row (-1: no document holds it). */
  const idf = (r: number) => {
    const df = r < 0 ? 0 : rowStart[r + 1]! - rowStart[r]!;
    return Math.log(1 + (labels.length - df + 0.5) / (df + 0.5));
  };

  // Reused across messages (only touched entries are reset): nothing per message is sized to the labels.
  const scores = new Float64Array(labels.length);
  const touched = new Int32Array(labels.length);
  let touchedCount = 0;
  // Per feature, the last message that used it: a repeat is skipped without a search of the message.
  const usedBy = new Int32Array(rowStart.length);
  let message = 0;
  const scored = lastQueryCache((query: Analysis) => {
    for (let k = 0; k < touchedCount; k++) scores[touched[k]!] = 0;
    touchedCount = 0;
    message = (message + 1) | 0;
    let ceiling = 0;
    const features = query.features;
    const rows = rowsOfFeatures(featureRow, features);
    for (let q = 0; q < features.length; q++) {
      const r = rows[q]!;
      // A repeated word counts once.
      if (r >= 0 ? usedBy[r] === message : features.indexOf(features[q]!) < q) continue;
      if (r >= 0) usedBy[r] = message;
      const weight = idf(r);
      ceiling += weight * (K1 + 1) * 0.8;
      if (r < 0) continue;
      for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
        const i = postingDocs[k]!;
        if (scores[i] === 0) touched[touchedCount++] = i;
        scores[i]! += weight * saturated[k]!;
      }
    }
    const touchedDocs = touched.subarray(0, touchedCount);
    if (ceiling) for (const i of touchedDocs) scores[i] = Math.min(1, scores[i]! / ceiling);
    return { scores, touched: touchedDocs };
  });

  return {
    name: "bm25",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const { scores, touched } = scored(query);
      return only ? pickLabels(scores, labelIndex, only) : topLabels(scores, labels, MAX_RETURNED, touched);
    },
  };
}
