import type { Analysis } from "./analyze.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";

const NEAREST = 3;

/** Cosine similarity between the message and its nearest phrasing (TF-IDF weights, inverted index). */
export function createTfidfMatcher(examples: readonly TrainingExample[]): Matcher {
  const df = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const idf = (f: string) => Math.log(1 + examples.length / (df.get(f) ?? examples.length));

  const postings = new Map<string, Array<[number, number]>>();
  const norms = new Float64Array(examples.length);
  examples.forEach((e, i) => {
    let norm = 0;
    for (const f of new Set(e.features)) {
      const w = idf(f);
      norm += w * w;
      const list = postings.get(f) ?? [];
      postings.set(f, list);
      list.push([i, w]);
    }
    norms[i] = Math.sqrt(norm) || 1;
  });

  return {
    name: "tfidf",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const dots = new Map<number, number>();
      let queryNorm = 0;
      for (const f of new Set(query.features)) {
        // A feature the phrasings never use still counts in the query's length: unknown words dilute.
        const w = df.has(f) ? idf(f) : Math.log(1 + examples.length);
        queryNorm += w * w;
        for (const [i, pw] of postings.get(f) ?? []) dots.set(i, (dots.get(i) ?? 0) + w * pw);
      }
      queryNorm = Math.sqrt(queryNorm) || 1;
      const byLabel = new Map<string, Array<{ score: number; text: string }>>();
      const allowed = only ? new Set(only) : undefined;
      for (const [i, dot] of dots) {
        const e = examples[i]!;
        if (allowed && !allowed.has(e.label)) continue;
        const list = byLabel.get(e.label) ?? [];
        byLabel.set(e.label, list);
        list.push({ score: Math.min(1, dot / (queryNorm * norms[i]!)), text: e.text });
      }
      const out: LabelScore[] = [];
      for (const [label, list] of byLabel) {
        list.sort((a, b) => b.score - a.score);
        const nearest = list.slice(0, NEAREST).map((p) => p.text);
        out.push({ label, score: list[0]!.score, phrasing: list[0]!.text, nearest });
      }
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
