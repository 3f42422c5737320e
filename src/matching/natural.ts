import { createRequire } from "node:module";

// Deep imports on purpose: natural's index loads every module (~0.5 s) and prints dotenv banners to stdout.
// Each is required on first use: a start whose stems come from the index cache needs neither.
const require = createRequire(import.meta.url);
let porter: { stem(word: string): string } | undefined;
let distance:
  | { DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number }
  | undefined;

/** Words seen recur in every message; porter allocates a dozen strings per call. Bounded: cleared when full. */
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Where recordStems notes what a build stems. */
let recording: Map<string, string> | undefined;

/** Porter stem: "treatments" → "treatment", "hurting" → "hurt". */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    porter ??= require("natural/lib/natural/stemmers/porter_stemmer") as NonNullable<typeof porter>;
    stemmed = porter.stem(word);
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

/** Edit distance counting a swap of two neighbouring letters as one edit ("rsults" ~ "results"). */
export function editDistance(a: string, b: string): number {
  distance ??= require("natural/lib/natural/distance/levenshtein_distance") as NonNullable<typeof distance>;
  return distance.DamerauLevenshteinDistance(a, b, { restricted: true });
}
