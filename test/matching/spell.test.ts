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
