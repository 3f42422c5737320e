import type { LabelScore } from "./matcher.ts";

/** Most labels a matcher returns unasked: enough for any shortlist, few enough to stay cheap at 5,000. */
export const MAX_RETURNED = 20;

/** The `limit` best labels by `scores` (skipping NaN), best first, without sorting every label. */
export function topLabels(
  scores: Float64Array,
  labels: readonly string[],
  limit: number,
  touched?: Int32Array,
): LabelScore[] {
  // Indexes and scores side by side, not {i, s} objects: at 5,000 labels thousands get considered.
  const bestIndex: number[] = [];
  const bestScore: number[] = [];
  const count = touched ? touched.length : scores.length;
  for (let k = 0; k < count; k++) {
    const i = touched ? touched[k]! : k;
    const s = scores[i]!;
    if (!(s > 0)) continue;
    if (bestScore.length === limit && s <= bestScore[limit - 1]!) continue;
    let at = bestScore.length;
    while (at > 0 && bestScore[at - 1]! < s) at--;
    insertAt(bestIndex, at, i, limit);
    insertAt(bestScore, at, s, limit);
  }
  return bestIndex.map((i, k) => ({ label: labels[i]!, score: bestScore[k]! }));
}

/** Scores for the named labels only, best first; labels a matcher does not know score 0. */
export function pickLabels(
  scores: Float64Array,
  index: ReadonlyMap<string, number>,
  only: readonly string[],
): LabelScore[] {
  return only
    .map((label) => {
      const i = index.get(label);
      return { label, score: i === undefined ? 0 : Math.max(0, scores[i]!) };
    })
    .sort((a, b) => b.score - a.score);
}

/** Remembers the last message's per-label scores: the shortlist pass asks again for the same message. */
export function lastQueryCache<Q extends object, V>(compute: (query: Q) => V): (query: Q) => V {
  let lastQuery: Q | undefined;
  let lastValue: V | undefined;
  return (query) => {
    if (query !== lastQuery) {
      lastValue = compute(query);
      lastQuery = query;
    }
    return lastValue!;
  };
}

/** Inserts `item` at `at`, shifting the rest right and dropping what falls past `limit` (splice allocates). */
export function insertAt<T>(list: T[], at: number, item: T, limit: number): void {
  let end = Math.min(list.length, limit - 1);
  for (; end > at; end--) list[end] = list[end - 1]!;
  list[at] = item;
}
