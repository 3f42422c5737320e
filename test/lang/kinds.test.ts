import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kindsText } from "../../scripts/build-kinds.ts";
import { loadLanguage } from "../../src/lang/language.ts";

describe("kinds of nouns", () => {
  const english = loadLanguage("en");

  it("tells parts of a body from made things, food, plants and animals", () => {
    expect(["cheek", "lips", "skin", "arms"].map(english.kindOf)).toEqual(["body", "body", "body", "body"]);
    expect(["laptop", "phone", "dough", "dog"].map(english.kindOf)).toEqual([
      "thing",
      "thing",
      "thing",
      "thing",
    ]);
    // Mostly not a noun, or neither kind: no kind.
    expect(["still", "redness", "yesterday"].map(english.kindOf)).toEqual([undefined, undefined, undefined]);
  });

  it("is the file `npm run kinds` writes from WordNet and the word vectors (run it after `npm run vectors`)", () => {
    expect(readFileSync("src/lang/en/kinds.txt", "utf8") === kindsText()).toBe(true);
  }, 60_000);
});
