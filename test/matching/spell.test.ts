import { describe, expect, it } from "vitest";
import { createSpellIndex } from "../../src/matching/spell.ts";

const index = createSpellIndex(
  new Map([
    ["results", 5],
    ["redness", 3],
    ["needle", 4],
    ["needles", 1],
    ["microneedling", 9],
    ["under", 2],
    ["eye", 2],
    ["cost", 2],
    ["cast", 1],
  ]),
);

describe("createSpellIndex", () => {
  it.each([
    ["a missing letter", "rsults", "results"],
    ["two neighbours swapped", "reuslts", "results"],
    ["a doubled letter dropped", "neede", "needle"],
    ["two edits in a long word", "micrnoedling", "microneedling"],
    ["the more frequent of two equally near words", "cst", "cost"],
  ])("corrects %s", (_what, typed, meant) => {
    expect(index.suggest(typed)).toBe(meant);
  });

  it.each([
    ["a word too far from any", "weather"],
    ["two edits in a short word", "nedel"],
    ["a word with a digit", "2nd"],
  ])("leaves %s alone", (_what, typed) => {
    expect(index.suggest(typed)).toBeUndefined();
  });

  it("splits a joined word into two known words", () => {
    expect(index.split("undereye")).toEqual(["under", "eye"]);
  });
});

describe("unvowelled", () => {
  const words = createSpellIndex(
    new Map([
      ["microneedling", 9],
      ["call", 6],
      ["cell", 1],
      ["again", 8],
      ["gone", 2],
      ["throat", 3],
      ["really", 4],
    ]),
    "aeiou",
  );
  it("restores a word written without vowels as the most used known word with its consonants", () => {
    expect(words.unvowelled("mcrndlng")).toBe("microneedling");
    expect(words.unvowelled("cll")).toBe("call");
    expect(words.unvowelled("thrt")).toBe("throat");
    expect(words.unvowelled("rly")).toBe("really");
  });
  it("leaves a word with a vowel, a two-letter initialism and a consonant run no known word has", () => {
    expect(words.unvowelled("micrneedling")).toBeUndefined();
    expect(words.unvowelled("gn")).toBeUndefined();
    expect(words.unvowelled("brb")).toBeUndefined();
  });
  it("never reads a dropped first vowel back in: 'gnn' is not 'again'", () => {
    expect(words.unvowelled("gnn")).toBe("gone");
  });
  it("reads no word as written without vowels for a language that names none", () => {
    expect(createSpellIndex(new Map([["call", 6]])).unvowelled("cll")).toBeUndefined();
  });
});
