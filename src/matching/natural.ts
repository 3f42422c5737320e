import { createRequire } from "node:module";

// Deep imports on purpose: natural's index loads every module (~0.5 s) and prints dotenv banners to stdout.
const require = createRequire(import.meta.url);
const porter = require("natural/lib/natural/stemmers/porter_stemmer") as { stem(word: string): string };
const distance = require("natural/lib/natural/distance/levenshtein_distance") as {
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
};

/** Porter stem: "treatments" → "treatment", "hurting" → "hurt". */
export function stem(word: string): string {
  return porter.stem(word);
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("rsults" ~ "results"). */
export function editDistance(a: string, b: string): number {
  return distance.DamerauLevenshteinDistance(a, b, { restricted: true });
}
