import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { porterStem } from "../../src/matching/porter.ts";

const require = createRequire(import.meta.url);
const natural = require("natural/lib/natural/stemmers/porter_stemmer") as { stem(word: string): string };

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The first words whose stem differs from natural's, at most five. */
function differences(words: Iterable<string>): string[] {
  const found: string[] = [];
  for (const word of words) {
    if (porterStem(word) !== natural.stem(word))
      found.push(`${word}: ${porterStem(word)} ≠ ${natural.stem(word)}`);
    if (found.length === 5) break;
  }
  return found;
}

describe("porterStem", () => {
  it.each([
    ["treatments", "treatment"],
    ["hurting", "hurt"],
    ["relational", "relat"],
    ["sky", "sky"],
    ["by", "by"],
  ])("%s → %s", (word, stemmed) => {
    expect(porterStem(word)).toBe(stemmed);
  });

  it("stems every word of the English dictionary as natural does", () => {
    const path = require.resolve("an-array-of-english-words");
    expect(differences(JSON.parse(readFileSync(path, "utf8")) as string[])).toEqual([]);
  });

  it("stems made-up words built from the rules' suffixes, y's, digits and accents as natural does", () => {
    const pieces = [
      ..."aeiouybcdlmnrstwxz2é",
      ..."ational tional enci anci izer abli bli alli entli eli ousli ization ation ator alism iveness".split(
        " ",
      ),
      ..."fulness ousness aliti iviti biliti logi icate ative alize iciti ical ful ness al ance ence er".split(
        " ",
      ),
      ..."ic able ible ant ement ment ent ou ism ate iti ous ive ize sion tion ion eed ed ing at bl iz".split(
        " ",
      ),
      ..."sses ies ss es ll yy by ay".split(" "),
    ];
    const next = random(7);
    const words = Array.from({ length: 100_000 }, () => {
      let word = "";
      for (let n = 1 + Math.floor(next() * 4); n > 0; n--) word += pieces[Math.floor(next() * pieces.length)];
      return next() < 0.1 ? word.toUpperCase() : word;
    });
    expect(differences(words)).toEqual([]);
  });
});
