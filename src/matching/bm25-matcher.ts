import type { Analysis } from "./analyze.ts";
import { lastQueryCache, MAX_RETURNED, pickLabels, topLabels } from "./label-scores.ts";
import type { LabelScore, Matcher } from "./matcher.ts";

const K1 = 1.2;
const B = 0.75;

/** A label's text as one document: phrasings at full weight, its answer's words at a lower one. */
export interface LabelDocument {
  label: string;
  features: Array<{ feature: string; weight: number }>;
}

/**
 * BM25 over one document per label, scaled to [0, 1] by the score a document holding every query
 * feature would get, so "how well does this topic's vocabulary cover the message" is comparable.
 */
export function createBm25Matcher(documents: readonly LabelDocument[]): Matcher {
  const labels = documents.map((d) => d.label);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const lengths = documents.map((d) => {
    let sum = 0;
    for (const f of d.features) sum += f.weight;
    return sum;
  });
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  const lists = new Map<string, { docs: number[]; saturated: number[] }>();
  documents.forEach((doc, i) => {
    const tf = new Map<string, number>();
    for (const { feature, weight } of doc.features) tf.set(feature, (tf.get(feature) ?? 0) + weight);
    const lengthNorm = K1 * (1 - B + (B * lengths[i]!) / averageLength);
    for (const [feature, f] of tf) {
      const list = lists.get(feature) ?? { docs: [], saturated: [] };
      lists.set(feature, list);
      list.docs.push(i);
      // Precomputed per document: the saturated term frequency, times (k1 + 1).
      list.saturated.push((f * (K1 + 1)) / (f + lengthNorm));
    }
  });
  // Copied by the typed arrays' constructors: `from` with a mapping function costs a start tens of ms.
  const postings = new Map<string, { docs: Int32Array; saturated: Float64Array }>();
  for (const [f, list] of lists)
    postings.set(f, { docs: new Int32Array(list.docs), saturated: new Float64Array(list.saturated) });
  const idf = (feature: string) => {
    const df = postings.get(feature)?.docs.length ?? 0;
    return Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
  };

  // Reused across messages (only touched entries are reset): nothing per message is sized to the labels.
  const scores = new Float64Array(documents.length);
  const touched = new Int32Array(documents.length);
  let touchedCount = 0;
  const scored = lastQueryCache((query: Analysis) => {
    for (let k = 0; k < touchedCount; k++) scores[touched[k]!] = 0;
    touchedCount = 0;
    let ceiling = 0;
    const features = query.features;
    for (let q = 0; q < features.length; q++) {
      const feature = features[q]!;
      if (features.indexOf(feature) < q) continue; // a repeated word counts once
      const weight = idf(feature);
      ceiling += weight * (K1 + 1) * 0.8;
      const p = postings.get(feature);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) {
        const i = p.docs[k]!;
        if (scores[i] === 0) touched[touchedCount++] = i;
        scores[i]! += weight * p.saturated[k]!;
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
