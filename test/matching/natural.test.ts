import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, recordStems, rememberStems, stem } from "../../src/matching/natural.ts";

const natural = createRequire(import.meta.url)("natural/lib/natural/distance/levenshtein_distance") as {
  DamerauLevenshteinDistance(a: string, b: string, options: { restricted: boolean }): number;
};

describe("stems kept for the index cache", () => {
  it("records the words stemmed inside the build, and none stemmed before or after it", () => {
    stem("visitors");
    const { result, stems } = recordStems(() => ["treatments", "hurting"].map(stem));
    stem("afterwards");
    expect(result).toEqual(["treatment", "hurt"]);
    expect([...stems]).toEqual([
      ["treatments", "treatment"],
      ["hurting", "hurt"],
    ]);
  });

  it("gives back a remembered stem as Porter's own", () => {
    rememberStems([["needling", "needl"]]);
    expect(stem("needling")).toBe("needl");
    expect(stem("sessions")).toBe("session");
  });
});

describe("editDistance", () => {
  it.each([
    ["rsults", "results", 1],
    ["teh", "the", 1],
    ["ca", "abc", 3],
    ["", "abc", 3],
    ["microneedling", "micrnoeedlign", 2],
    ["france", "face", 2],
  ])("%s → %s is %i edits, a swap of neighbours counting one", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("agrees with natural's restricted Damerau-Levenshtein distance", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcde"), maxLength: 9 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(natural.DamerauLevenshteinDistance(a, b, { restricted: true }));
      }),
      { numRuns: 2_000 },
    );
  });
});
