import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/matching/normalize.ts";

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
