import Fuse from "fuse.js";
import type { Analysis } from "./analyze.ts";
import type { LabelScore, Matcher, TrainingExample } from "./matcher.ts";

/** fuse.js scores 0 for a perfect match and 1 for none: the one place that turns it into a similarity. */
export function similarityFromFuseScore(fuseScore: number | undefined): number {
  return fuseScore === undefined ? 0 : Math.max(0, Math.min(1, 1 - fuseScore));
}

/**
 * Character-level fuzzy match against one label's phrasings. Scanning every phrasing costs milliseconds,
 * so this only ever scores a shortlist; each label's index is built once at load.
 */
export function createFuzzyMatcher(examples: readonly TrainingExample[]): Matcher {
  const byLabel = new Map<string, string[]>();
  for (const e of examples) {
    const text = e.tokens.join(" ");
    if (!text) continue;
    const list = byLabel.get(e.label);
    if (list) list.push(text);
    else byLabel.set(e.label, [text]);
  }
  const indexes = new Map<string, Fuse<string>>();
  for (const [label, texts] of byLabel) {
    indexes.set(label, new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.6 }));
  }

  return {
    name: "fuzzy",
    match(query: Analysis, only?: readonly string[]): LabelScore[] {
      const text = query.tokens.join(" ").slice(0, 200);
      if (!text || !only) return [];
      const out: LabelScore[] = [];
      for (const label of only) {
        const hit = indexes.get(label)?.search(text, { limit: 1 })[0];
        out.push({ label, score: similarityFromFuseScore(hit?.score), phrasing: hit?.item });
      }
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
