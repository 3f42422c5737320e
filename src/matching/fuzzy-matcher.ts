import Fuse from "fuse.js";
import { type Analysis, isContentToken } from "./analyze.ts";
import type { TrainingExample } from "./matcher.ts";

/** fuse.js scores 0 for a perfect match and 1 for none: the one place that turns it into a similarity. */
export function similarityFromFuseScore(fuseScore: number | undefined): number {
  return fuseScore === undefined ? 0 : Math.max(0, Math.min(1, 1 - fuseScore));
}

// Bitap cost grows with pattern length (and splits past 32 characters): the content words carry the match.
const MAX_PATTERN = 32;
const FUSE_OPTIONS = { includeScore: true, ignoreLocation: true, threshold: 0.5 };

/** Character-level fuzzy similarity of a message to given phrasings, each phrasing's index built at load. */
export interface FuzzyMatcher {
  readonly name: "fuzzy";
  /** Best similarity in [0, 1] of the message to any of `phrasings` (original texts of training examples). */
  similarity(query: Analysis, phrasings: readonly string[]): { score: number; phrasing?: string };
}

/**
 * Scanning every phrasing with fuse.js costs milliseconds, so it only ever refines a handful: the nearest
 * phrasings TF-IDF found for the leading labels.
 */
export function createFuzzyMatcher(examples: readonly TrainingExample[]): FuzzyMatcher {
  const contentOf = new Map(examples.map((e) => [e.text, e.tokens.filter(isContentToken).join(" ")]));
  // Built on first use: at 5,000 entries most phrasings are never a leader's nearest.
  const indexes = new Map<string, Fuse<string>>();
  const indexOf = (phrasing: string) => {
    let index = indexes.get(phrasing);
    const text = contentOf.get(phrasing);
    if (!index && text) {
      index = new Fuse([text], FUSE_OPTIONS);
      indexes.set(phrasing, index);
    }
    return index;
  };
  return {
    name: "fuzzy",
    similarity(query, phrasings) {
      const pattern = query.content.join(" ").slice(0, MAX_PATTERN);
      let best: { score: number; phrasing?: string } = { score: 0 };
      if (!pattern) return best;
      for (const phrasing of phrasings) {
        const hit = indexOf(phrasing)?.search(pattern, { limit: 1 })[0];
        const score = similarityFromFuseScore(hit?.score);
        if (score > best.score) best = { score, phrasing };
      }
      return best;
    },
  };
}
