import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/matching/analyze.ts";
import type { TrainingExample } from "../../src/matching/matcher.ts";
import { createTfidfMatcher, fitTfidf } from "../../src/matching/tfidf-matcher.ts";

/** A repeatable stream of integers below `limit`: the same every run. */
function numbers(seed: number) {
  let state = seed;
  return (limit: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state % limit;
  };
}

/** Phrasings of made-up features ("f0".."f59", a few common), spread over `labels` labels. */
function examples(count: number, labels: number, next: (limit: number) => number): TrainingExample[] {
  return Array.from({ length: count }, (_, i) => {
    const features = Array.from({ length: 1 + next(8) }, () => `f${next(4) === 0 ? next(3) : next(60)}`);
    return { label: `label${i % labels}`, text: `phrasing ${i}`, features, tokens: features };
  });
}

const message = (features: string[]) => ({ features }) as unknown as Analysis;

/** Each label's best cosine, computed the long way: every phrasing against the message. */
function bruteForce(training: TrainingExample[], features: string[]) {
  const model = fitTfidf(training);
  const idf = (f: string) => {
    const r = model.featureRow.get(f);
    return r === undefined ? model.unseenIdf : model.rowIdf[r]!;
  };
  const query = new Set(features);
  const queryNorm = Math.sqrt([...query].reduce((s, f) => s + idf(f) ** 2, 0)) || 1;
  const best = new Map<string, number>();
  training.forEach((e, i) => {
    const dot = [...new Set(e.features)].filter((f) => query.has(f)).reduce((s, f) => s + idf(f) ** 2, 0);
    if (dot > 0)
      best.set(e.label, Math.max(best.get(e.label) ?? 0, Math.min(1, dot / (queryNorm * model.norms[i]!))));
  });
  return best;
}

describe("tfidf matcher", () => {
  it("scores each label by its nearest phrasing's cosine, message after message, as the long way does", () => {
    const next = numbers(7);
    const training = examples(400, 12, next);
    const matcher = createTfidfMatcher(training);
    // Short and long messages, repeats and unknown features among them; the longest outgrows the
    // kernel's first room for a message's features.
    for (const length of [1, 3, 9, 40, 300, 2, 700, 5]) {
      const features = Array.from({ length }, () => (next(10) === 0 ? `unknown${next(5)}` : `f${next(70)}`));
      const expected = bruteForce(training, features);
      const scores = matcher.match(message(features), [...expected.keys(), "label-nobody-has"]);
      for (const s of scores) expect(s.score).toBeCloseTo(expected.get(s.label) ?? 0, 12);
      // Unasked, the best labels, best first (the sums' order may differ in the last bit).
      const top = matcher.match(message([...features]));
      const ranked = [...expected.values()].sort((a, b) => b - a);
      expect(top.length).toBe(Math.min(ranked.length, 20));
      top.forEach((s, i) => {
        expect(s.score).toBeCloseTo(expected.get(s.label)!, 12);
        expect(s.score).toBeCloseTo(ranked[i]!, 12);
      });
    }
  });

  it("names, for each label, a phrasing that has its best cosine", () => {
    const training = [
      { label: "a", text: "a far", features: ["x", "y", "z", "w"], tokens: [] },
      { label: "a", text: "a near", features: ["x", "y"], tokens: [] },
      { label: "b", text: "b only", features: ["x", "q"], tokens: [] },
    ];
    const scores = createTfidfMatcher(training).match(message(["x", "y"]));
    expect(scores.map((s) => [s.label, s.phrasing])).toEqual([
      ["a", "a near"],
      ["b", "b only"],
    ]);
  });
});
