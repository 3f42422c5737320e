import { describe, expect, it } from "vitest";
import { meaningWord } from "../../src/matching/lexicon.ts";
import { shippedEngine } from "../support/shipped.ts";

describe("the semantic index's word supports", () => {
  it("weigh a message's unexplained words the same the first time a label is asked and every time after", () => {
    const { index } = shippedEngine();
    const texts = [
      "my cousin in portugal says the needles scratch like a cat",
      "does the aftercare serum smell of lavender or citrus",
    ];
    const ask = () =>
      texts.map((text) => {
        const evidence = index.evidence.gather(index.analyze(text));
        return evidence.labels.map((label) => evidence.unexplained(label));
      });
    const first = ask();
    expect(first.flat(2).some((x) => x > 0)).toBe(true);
    expect(ask()).toEqual(first);
  });
});

describe("reading a word the vectors lack", () => {
  it("reads it as the one word the pack's synonyms make of it, and keeps the typed word as the gap", () => {
    const { index } = shippedEngine();
    const { lexicon } = index;
    expect(lexicon.language.vectors().has("roaccutane")).toBe(false);
    expect(meaningWord(lexicon, "roaccutane")).toBe("medications");
    // A word with a vector stays itself, whatever the synonyms say.
    expect(meaningWord(lexicon, "price")).toBe("price");
    const evidence = index.evidence.gather(index.analyze("can i have it while on roaccutane"));
    expect(evidence.gaps("contraindications").map((g) => g.word)).not.toContain("roaccutane");
  });
});
