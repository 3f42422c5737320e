import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeAny, normalizeText } from "../../src/matching/normalize.ts";

describe("normalizeText", () => {
  // [behaviour, input, normalized]
  it.each([
    ["lower-cases, strips markup and punctuation", "<b>Does IT hurt?!</b>", "does it hurt"],
    ["joins apostrophes instead of splitting words", "Don’t it’s", "dont its"],
    ["decodes entities and drops emoji that carry nothing", "PRP &amp; serums 🧴", "prp and serums"],
    ["turns a wave into a greeting", "👋", "hi"],
    ["shortens stretched letters", "sooooo painful", "soo painful"],
    ["folds full-width and compatibility characters", "ｍｉｃｒｏｎｅｅｄｌｉｎｇ", "microneedling"],
  ])("%s", (_behaviour, input, normalized) => {
    expect(normalizeText(input)).toBe(normalized);
  });
});

describe("normalizeText on plain ASCII", () => {
  it("gives what the full Unicode pipeline gives", () => {
    const unit = fc.constantFrom(..."aAbzZ09 '`\t.,!?-_\"xoOOL1<&;".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string({ unit: "binary-ascii" })), (text) => {
        expect(normalizeText(text)).toBe(normalizeAny(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ["ok thanks!!", "Don't do it", "a'b'c", "soooo  gooood", " x ", "l".repeat(2100)])
      expect(normalizeText(text)).toBe(normalizeAny(text));
  });
});
