import type { Analysis } from "./analyze.ts";
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
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = documents.map((d) => d.features.reduce((sum, f) => sum + f.weight, 0));
  const averageLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
  documents.forEach((doc, i) => {
    const tf = new Map<string, number>();
    for (const { feature, weight } of doc.features) tf.set(feature, (tf.get(feature) ?? 0) + weight);
    for (const [feature, f] of tf) {
      const list = postings.get(feature) ?? [];
      postings.set(feature, list);
      list.push([i, f]);
    }
  });
  const idf = (feature: string) => {
    const df = postings.get(feature)?.length ?? 0;
    return Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
  };

  return {
    name: "bm25",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const scores = new Map<number, number>();
      let ceiling = 0;
      for (const feature of new Set(query.features)) {
        const weight = idf(feature);
        ceiling += weight * (K1 + 1) * 0.8;
        for (const [i, f] of postings.get(feature) ?? []) {
          const norm = f + K1 * (1 - B + (B * lengths[i]!) / averageLength);
          scores.set(i, (scores.get(i) ?? 0) + (weight * f * (K1 + 1)) / norm);
        }
      }
      const allowed = only ? new Set(only) : undefined;
      const out: LabelScore[] = [];
      for (const [i, s] of scores) {
        const label = documents[i]!.label;
        if (!allowed || allowed.has(label))
          out.push({ label, score: ceiling ? Math.min(1, s / ceiling) : 0 });
      }
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
