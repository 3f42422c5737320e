import { porterStem } from "./porter.ts";

/** Words seen recur in every message; a stem takes a dozen string operations. Bounded: cleared when full. */
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Where recordStems notes what a build stems. */
let recording: Map<string, string> | undefined;

/** Porter stem, as natural's PorterStemmer gives it: "treatments" → "treatment", "hurting" → "hurt". */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = porterStem(word);
    stemCache.set(word, stemmed);
  }
  recording?.set(word, stemmed);
  return stemmed;
}

/** Runs `build` (synchronous: no message is read meanwhile), noting every word it stems, for an index cache. */
export function recordStems<T>(build: () => T): { result: T; stems: Map<string, string> } {
  const stems = new Map<string, string>();
  recording = stems;
  try {
    return { result: build(), stems };
  } finally {
    recording = undefined;
  }
}

/** Stems an index cache kept: stemming these words again is a lookup, not Porter's dozen string copies. */
export function rememberStems(stems: Iterable<[string, string]>): void {
  for (const entry of stems) {
    if (stemCache.size >= STEM_CACHE_LIMIT) return;
    stemCache.set(entry[0], entry[1]); // not destructured: an iterator per entry, thousands at a start
  }
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("rsults" ~ "results"): the
 * restricted Damerau-Levenshtein (optimal string alignment) distance natural computes, in three rows of
 * integers where natural makes an object per cell (the spelling index scores thousands of pairs at a start).
 */
export function editDistance(a: string, b: string): number {
  const n = b.length;
  let before = new Int32Array(n + 1); // row i - 2
  let previous = new Int32Array(n + 1); // row i - 1
  let row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let cost = Math.min(row[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        cost = Math.min(cost, before[j - 2]! + 1);
      row[j] = cost;
    }
    const free = before;
    before = previous;
    previous = row;
    row = free;
  }
  return previous[n]!;
}
